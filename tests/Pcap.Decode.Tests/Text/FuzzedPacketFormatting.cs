using Pcap.Decode.Text;

namespace Pcap.Decode.Tests.Text;

/// <summary>The check every fuzz test makes of one packet: formatting it neither throws nor prints nothing.</summary>
internal static class FuzzedPacketFormatting
{
    /// <summary>Formats <paramref name="packet"/> and fails the test, naming the case and its bytes, when it throws or prints nothing.</summary>
    public static void AssertPrintsALine(TcpdumpFormatter formatter, int linkType, int caseIndex, ReadOnlySpan<byte> packet, int wireLength, Span<char> destination)
    {
        bool ok;
        int written;
        try
        {
            ok = formatter.TryFormat((LinkType)linkType, 1_700_000_000_000_000_000L + caseIndex * 1000L, packet, wireLength, destination, out written);
        }
        catch (Exception e)
        {
            Assert.Fail($"case {caseIndex}: link type {linkType}, wire {wireLength}, options {formatter.Options}, {Convert.ToHexString(packet)} threw {e}");
            throw;
        }
        if (!ok || written == 0)
            Assert.Fail($"case {caseIndex}: link type {linkType}, {Convert.ToHexString(packet)} printed nothing (fits: {ok})");
    }
}
