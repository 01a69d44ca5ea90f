using Pcap.Filter;
using Pcap.Filter.Bpf;
using Xunit.Abstractions;

namespace Pcap.Conformance.Tests;

/// <summary>
/// Issue 7's acceptance: the JIT returns exactly what the interpreter returns for every program of the conformance
/// corpus (every expression PcapCore accepts, on every link type, optimized and unoptimized) on every generated packet.
/// </summary>
public sealed class JitConformanceTests(ITestOutputHelper output)
{
    private const int DifferencesToShow = 25;

    [Fact]
    public void Jit_returns_what_the_interpreter_returns_for_every_corpus_program_and_packet()
    {
        Assert.True(BpfJit.GeneratesCode, "this runtime cannot generate code, so BpfJit would only wrap the interpreter and the JIT would go untested");
        var linkTypes = ConformanceCorpus.LinkTypes;
        var results = new (long Programs, long Runs, List<string> Differences)[linkTypes.Count];
        Parallel.For(0, linkTypes.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => results[i] = Compare(linkTypes[i]));

        for (var i = 0; i < linkTypes.Count; i++)
            output.WriteLine($"{linkTypes[i],-10} programs {results[i].Programs,6}  runs {results[i].Runs,11:N0}  differences {results[i].Differences.Count}");
        var differences = results.SelectMany(r => r.Differences).ToList();
        output.WriteLine($"TOTAL      programs {results.Sum(r => r.Programs)}  runs {results.Sum(r => r.Runs):N0}  differences {differences.Count}");
        Assert.True(results.All(r => r.Programs > 0), "a link type compiled no corpus program: the comparison would be empty");
        Assert.True(differences.Count == 0,
            $"BpfJit differs from BpfInterpreter in {differences.Count} run(s); first ones:\n{string.Join('\n', differences.Take(DifferencesToShow))}");
    }

    private static (long Programs, long Runs, List<string> Differences) Compare(LinkType linkType)
    {
        var packets = ConformanceCorpus.Packets(linkType);
        var differences = new List<string>();
        long programs = 0, runs = 0;
        foreach (var expression in ConformanceCorpus.Expressions)
        {
            foreach (var optimize in (ReadOnlySpan<bool>)[true, false])
            {
                if (!FilterCompiler.TryCompile(expression, linkType, out var program, out _, new FilterOptions { SnapLength = 262144, Optimize = optimize }))
                    continue;
                programs++;
                var jitted = BpfJit.Compile(program);
                foreach (var packet in packets)
                {
                    runs++;
                    var interpreted = BpfInterpreter.Run(program.Instructions, packet.Data, packet.WireLength);
                    var compiled = jitted(packet.Data, packet.WireLength);
                    if (compiled != interpreted)
                        differences.Add($"[{linkType}] '{expression}' (optimize {optimize}) on {packet}: interpreter {interpreted}, JIT {compiled}");
                }
            }
        }
        return (programs, runs, differences);
    }
}
