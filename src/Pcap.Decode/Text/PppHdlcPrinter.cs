using System.Buffers;

namespace Pcap.Decode.Text;

/// <summary>
/// tcpdump's ppp_hdlc (print-ppp.c): a PPP frame still in RFC 1662 octet-stuffed framing (0x7d escapes the next byte, XORed
/// with 0x20) is un-escaped into a scratch buffer, and what it holds is printed from there.
/// </summary>
internal static class PppHdlcPrinter
{
    private const byte Escape = 0x7d;

    /// <summary>Un-escapes the captured <paramref name="bytes"/> and prints them; nothing when none were captured or <paramref name="length"/> is 0.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        if (bytes.IsEmpty || length == 0)
            return;
        // Pooled, so printing stays free of allocation once warm.
        var buffer = ArrayPool<byte>.Shared.Rent(bytes.Length);
        try
        {
            var count = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                if (b == Escape)
                {
                    // A trailing escape byte is dropped.
                    if (i + 1 >= bytes.Length)
                        break;
                    b = (byte)(bytes[++i] ^ 0x20);
                }
                buffer[count++] = b;
            }
            PppPrinter.DispatchUnescaped(ref writer, state, buffer.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
