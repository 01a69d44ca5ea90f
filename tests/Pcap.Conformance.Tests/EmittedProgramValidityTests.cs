using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Testing;
using Pcap.Testing.Expressions;
using Xunit.Abstractions;

namespace Pcap.Conformance.Tests;

/// <summary>
/// Every program the compiler emits passes our validator and the kernel's SO_ATTACH_FILTER checks, except where libpcap's
/// own program for the same expression is refused too (its protochain code jumps backwards and its geneve code reads
/// scratch memory before storing it on some paths; libpcap then filters in user space).
/// </summary>
public class EmittedProgramValidityTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_compiled_corpus_program_is_accepted_by_our_validator_and_the_kernel()
    {
        using var kernel = KernelFilterAttach.Open();
        var failures = new List<string>();
        int attached = 0, refusedLikeLibpcap = 0;
        foreach (var linkType in Enum.GetValues<LinkType>())
        {
            foreach (var expression in ExpressionCorpus.All())
            {
                if (!FilterCompiler.TryCompile(expression, linkType, out var program, out _))
                    continue;
                bool ours = BpfValidator.TryValidate(program, out var error);
                bool theirs = kernel.Accepts(program.Instructions);
                attached++;
                if (ours != theirs)
                    failures.Add($"[{linkType}] {expression}: our validator {(ours ? "accepts" : $"refuses ({error})")}, the kernel {(theirs ? "accepts" : "refuses")}");
                else if (!theirs && LibpcapProgramIsRefused(kernel, expression, linkType))
                    refusedLikeLibpcap++;
                else if (!theirs)
                    failures.Add($"[{linkType}] {expression}: refused by both, but libpcap's program is accepted: {error}");
            }
        }
        output.WriteLine($"{attached} programs attached; {refusedLikeLibpcap} refused by kernel and validator alike, as libpcap's own are");
        Assert.True(attached > 20_000, $"only {attached} programs compiled; the corpus or the compiler is broken");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    private static bool LibpcapProgramIsRefused(KernelFilterAttach kernel, string expression, LinkType linkType)
    {
        var libpcapProgram = LibPcap.Compile(expression, LibPcapLinkType.DataLinkTypeOf(linkType), out _);
        return libpcapProgram is not null && !kernel.Accepts(libpcapProgram);
    }
}
