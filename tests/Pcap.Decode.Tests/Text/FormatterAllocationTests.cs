using Pcap.Decode.Tests.Golden;
using Pcap.Decode.Text;

namespace Pcap.Decode.Tests.Text;

/// <summary>Once a capture's conversations are known, formatting allocates nothing per packet.</summary>
public sealed class FormatterAllocationTests
{
    [Theory]
    [InlineData(1, "-n")]
    [InlineData(1, "-n -e -v")]
    [InlineData(276, "-n -e")]
    [InlineData(113, "-n -X")]
    [InlineData(101, "-n -tttt -q")]
    [InlineData(101, "-n -v")]
    [InlineData(0, "-n -v -x")]
    [InlineData(108, "-e -XX")]
    public void Steady_state_formatting_allocates_nothing(int linkType, string flags)
    {
        var factory = new MixedPacketFactory(linkType, seed: 31, extended: true);
        var frames = Enumerable.Range(0, 2000).Select(_ => factory.Next()).ToArray();
        FuzzedPacketFormatting.AssertSteadyStateAllocatesNothing(new TcpdumpFormatter(TcpdumpOracle.OptionsFor(flags.Split(' '))), linkType, frames);
    }
}
