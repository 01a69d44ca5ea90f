using Pcap.Decode.Text;
using Pcap.Testing.Allocation;

namespace Pcap.Decode.Tests.Text;

/// <summary>
/// What the fuzz and allocation tests share: the mutation of a seed packet, the check of one fuzzed packet (formatting it
/// neither throws nor prints nothing), and the steady-state allocation check of a formatter over a corpus.
/// </summary>
internal static class FuzzedPacketFormatting
{
    /// <summary>
    /// Mutates the <paramref name="length"/> bytes in <paramref name="scratch"/> one of three ways: noise after the first
    /// <paramref name="keepAtLeast"/> to <paramref name="keepAtMost"/> bytes (up to <paramref name="noiseMax"/> of it), a cut,
    /// or a few flipped bits. Returns the new length.
    /// </summary>
    public static int Mutate(Random random, byte[] scratch, int length, int keepAtLeast, int keepAtMost, int noiseMax)
    {
        switch (random.Next(4))
        {
            case 0:
                // Keep the headers, replace what follows with noise.
                var from = Math.Min(length, random.Next(keepAtLeast, keepAtMost));
                length = from + random.Next(0, noiseMax);
                random.NextBytes(scratch.AsSpan(from, length - from));
                return length;
            case 1:
                return random.Next(length + 1);
            default:
                for (var flips = random.Next(1, 6); flips > 0 && length > 0; flips--)
                    scratch[random.Next(length)] ^= (byte)(1 << random.Next(8));
                return length;
        }
    }

    /// <summary>
    /// Formats <paramref name="frames"/> once to learn the per-capture state, then three more times: a per-packet allocation
    /// shows in every pass, the runtime's own one-off work (tiering, stubs) in at most one, so the quietest pass must be 0 B.
    /// </summary>
    public static void AssertSteadyStateAllocatesNothing(TcpdumpFormatter formatter, int linkType, IReadOnlyList<(byte[], int)> frames)
    {
        var destination = new char[TcpdumpFormatter.MaximumLength(65536)];
        foreach (var (data, wire) in frames)
            formatter.TryFormat((LinkType)linkType, 1_700_000_000_000_000_000L, data, wire, destination, out _);
        var total = 0L;
        var allocated = QuietestPass.Bytes(3, () =>
        {
            for (var i = 0; i < frames.Count; i++) // no foreach: an interface's enumerator is itself an allocation
            {
                var (data, wire) = frames[i];
                formatter.TryFormat((LinkType)linkType, 1_700_000_000_000_000_000L, data, wire, destination, out var written);
                total += written;
            }
        });
        Assert.True(total > 0);
        Assert.Equal(0, allocated);
    }

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
