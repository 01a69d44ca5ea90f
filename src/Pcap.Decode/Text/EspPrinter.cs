using Pcap.Decode.Network;

namespace Pcap.Decode.Text;

/// <summary>IPsec ESP as tcpdump 4.99's print-esp.c prints it without a decryption secret: the SPI, sequence and length.</summary>
internal static class EspPrinter
{
    /// <summary>Prints an ESP packet of <paramref name="length"/> bytes by the IP layer.</summary>
    public static void Print(ref LineWriter writer, PrintState state, ReadOnlySpan<byte> bytes, int length)
    {
        // tcpdump wants at least one byte past the header (its "esp + 1 >= snapend" test), and does not give up the packet.
        if (bytes.Length <= EspHeader.HeaderLength || !EspHeader.TryRead(bytes, out var esp, out _))
        {
            state.WriteTruncated(ref writer, "esp");
            return;
        }
        writer.Append("ESP(spi=0x");
        writer.AppendHex(esp.SecurityParametersIndex, 8);
        writer.Append(",seq=0x");
        writer.AppendHex(esp.SequenceNumber);
        writer.Append("), length ");
        writer.AppendDecimal((uint)length);
    }
}
