using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Testing;
using Pcap.Testing.Expressions;
using Xunit.Abstractions;

namespace Pcap.Conformance.Tests;

/// <summary>
/// Every program the compiler emits, optimized and unoptimized, for every corpus expression on every link type, passes
/// our validator and the kernel's SO_ATTACH_FILTER checks. That includes protochain and geneve, whose libpcap programs
/// the kernel refuses (a backward jump; scratch memory read before it is written on some paths).
/// </summary>
public class EmittedProgramValidityTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_compiled_corpus_program_is_accepted_by_our_validator_and_the_kernel()
    {
        using var kernel = KernelFilterAttach.Open();
        var failures = new List<string>();
        int attached = 0, libpcapRefused = 0;
        foreach (bool optimize in (ReadOnlySpan<bool>)[true, false])
        {
            var options = new FilterOptions { Optimize = optimize };
            foreach (var linkType in LinkType.Known)
            {
                foreach (var expression in ExpressionCorpus.All())
                {
                    if (!FilterCompiler.TryCompile(expression, linkType, out var program, out _, options))
                        continue;
                    bool ours = BpfValidator.TryValidate(program, out var error);
                    bool theirs = kernel.Accepts(program.Instructions);
                    attached++;
                    if (!ours || !theirs)
                        failures.Add($"[{linkType}{(optimize ? "" : " -O")}] {expression}: our validator {(ours ? "accepts" : $"refuses ({error})")}, the kernel {(theirs ? "accepts" : "refuses")}");
                    else if (IsProtochainOrGeneve(expression) && LibpcapProgramIsRefused(kernel, expression, linkType, optimize))
                        libpcapRefused++;
                }
            }
        }
        output.WriteLine($"{attached} programs (optimized and unoptimized) accepted by our validator and the kernel; " +
                         $"{libpcapRefused} of them are for protochain/geneve expressions whose libpcap program the kernel refuses");
        Assert.True(attached > 40_000, $"only {attached} programs compiled; the corpus or the compiler is broken");
        Assert.True(libpcapRefused > 1000, $"only {libpcapRefused} corpus programs replace a libpcap program the kernel refuses; the corpus no longer exercises protochain/geneve");
        Assert.True(failures.Count == 0, $"{failures.Count} emitted programs refused:\n{string.Join("\n", failures.Take(400))}");
    }

    private static bool IsProtochainOrGeneve(string expression) =>
        expression.Contains("protochain", StringComparison.Ordinal) || expression.Contains("geneve", StringComparison.Ordinal);

    private static bool LibpcapProgramIsRefused(KernelFilterAttach kernel, string expression, LinkType linkType, bool optimize)
    {
        var libpcapProgram = LibPcap.Compile(expression, LibPcapLinkType.DataLinkTypeOf(linkType), out _, optimize: optimize);
        return libpcapProgram is not null && !kernel.Accepts(libpcapProgram);
    }
}
