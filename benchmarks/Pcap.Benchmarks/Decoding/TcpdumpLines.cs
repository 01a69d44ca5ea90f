using Pcap.Decode.Text;

namespace Pcap.Benchmarks.Decoding;

/// <summary>The decode+format loop the decoding benchmarks share: tcpdump's line of each Ethernet frame into one reused buffer.</summary>
internal static class TcpdumpLines
{
    /// <summary>Formats every frame with <paramref name="formatter"/> into <paramref name="text"/>; returns the characters written.</summary>
    public static int FormatAll(TcpdumpFormatter formatter, byte[][] frames, char[] text)
    {
        var total = 0;
        foreach (var frame in frames)
        {
            formatter.TryFormat(LinkType.Ethernet, 1_700_000_000_000_000_000L, frame, frame.Length, text, out var written);
            total += written;
        }
        return total;
    }
}
