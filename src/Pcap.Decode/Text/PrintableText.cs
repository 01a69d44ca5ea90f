namespace Pcap.Decode.Text;

/// <summary>tcpdump's fn_print_char: packet bytes as text, <c>M-</c> for the high bit and <c>^X</c> for control characters.</summary>
internal static class PrintableText
{
    /// <summary>Appends one byte as tcpdump shows it.</summary>
    public static void Append(ref LineWriter writer, byte value)
    {
        if ((value & 0x80) != 0)
        {
            writer.Append("M-");
            value &= 0x7f;
        }
        if (value < 0x20 || value == 0x7f)
        {
            writer.Append('^');
            writer.Append((char)(value ^ 0x40));
        }
        else
        {
            writer.Append((char)value);
        }
    }
}
