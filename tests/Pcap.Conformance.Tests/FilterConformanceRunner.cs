using Pcap.Testing;
using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Testing.Packets;

namespace Pcap.Conformance.Tests;

/// <summary>
/// The differential engine: compiles every expression once with the reference and once with the candidate,
/// requires the same accept/reject, and where both accept runs both programs on every packet (the candidate's
/// on each of the given machines) requiring identical return values.
/// </summary>
internal static class FilterConformanceRunner
{
    public static LinkTypeReport Run(
        LinkType linkType,
        IReadOnlyList<string> expressions,
        IReadOnlyList<GeneratedPacket> packets,
        Func<string, LinkType, CompileOutcome> reference,
        Func<string, LinkType, CompileOutcome> candidate,
        IReadOnlyList<ProgramRunner> candidateRunners,
        int maxDifferences,
        bool requireSameAcceptance = true,
        Func<BpfInstruction[], GeneratedPacket, bool>? excuse = null)
    {
        var report = new LinkTypeReport(linkType, maxDifferences) { Expressions = expressions.Count, Packets = packets.Count };
        var memories = packets.Select(p => new ReadOnlyMemory<byte>(p.Data)).ToArray();
        var expected = new uint[packets.Count];
        var runnable = new bool[packets.Count];
        foreach (var expression in expressions)
        {
            var want = reference(expression, linkType);
            var got = candidate(expression, linkType);
            if (want.Accepted != got.Accepted)
            {
                if (want.Accepted) report.AcceptedByReferenceOnly++;
                else report.AcceptedByCandidateOnly++;
                if (!requireSameAcceptance)
                    continue;
                report.AcceptRejectDifferences++;
                report.Add(new ConformanceDifference(linkType, expression,
                    want.Accepted ? $"libpcap accepts it, the candidate refuses: {got.Error}" : $"libpcap refuses it ({want.Error}), the candidate accepts it"));
                continue;
            }
            if (!want.Accepted)
            {
                report.RejectedByBoth++;
                continue;
            }
            report.AcceptedByBoth++;
            var referenceProgram = want.Program!;
            var candidateProgram = got.Program!;
            bool referenceMayLoop = BpfLoopGuard.HasBackwardJump(referenceProgram) || BpfLoopGuard.ReadsMemory(referenceProgram);
            bool candidateMayLoop = BpfLoopGuard.HasBackwardJump(candidateProgram);
            for (int i = 0; i < packets.Count; i++)
            {
                // libpcap's answer is undefined when its program never ends or reads scratch memory it never wrote.
                runnable[i] = !referenceMayLoop || BpfLoopGuard.IsDefined(referenceProgram, packets[i].Data, packets[i].WireLength);
                if (!runnable[i])
                {
                    report.EndlessReferenceRuns++;
                    continue;
                }
                if (candidateMayLoop && !BpfLoopGuard.Terminates(candidateProgram, packets[i].Data, packets[i].WireLength))
                {
                    runnable[i] = false;
                    report.ReturnValueDifferences++;
                    report.Add(new ConformanceDifference(linkType, expression, "the candidate program never ends on this packet (libpcap's does)", packets[i]));
                    continue;
                }
                expected[i] = ProgramRunner.LibPcapBpfFilter.Run(referenceProgram, memories[i], packets[i].WireLength);
                report.ProgramRuns++;
            }
            bool sameInstructions = referenceProgram.AsSpan().SequenceEqual(candidateProgram);
            foreach (var runner in candidateRunners)
            {
                // The same instructions on the same machine give the same answers; only other machines need running.
                if (sameInstructions && runner == ProgramRunner.LibPcapBpfFilter)
                    continue;
                for (int i = 0; i < packets.Count; i++)
                {
                    if (!runnable[i])
                        continue;
                    report.ProgramRuns++;
                    uint actual = runner.Run(candidateProgram, memories[i], packets[i].WireLength);
                    if (actual != expected[i] && excuse is not null && excuse(candidateProgram, packets[i]))
                    {
                        report.ExcusedDifferences++;
                        continue;
                    }
                    if (actual != expected[i])
                    {
                        report.ReturnValueDifferences++;
                        // Diagnosis only: a run that stopped at a load past the captured bytes or a division by zero
                        // points at load order or optimizer semantics rather than at the primitive's meaning.
                        if (BpfLoopGuard.Trace(candidateProgram, packets[i].Data, packets[i].WireLength) == BpfLoopGuard.Ending.Aborted)
                            report.DifferencesWhereCandidateAborted++;
                        report.Add(new ConformanceDifference(linkType, expression, $"return values differ ({runner.Name})",
                            packets[i], expected[i], actual));
                    }
                }
            }
        }
        return report;
    }

    /// <summary>Runs every link type in parallel (one link type per worker) and returns the reports in link-type order.</summary>
    public static LinkTypeReport[] RunAll(
        IReadOnlyList<LinkType> linkTypes,
        Func<LinkType, IReadOnlyList<string>> expressions,
        Func<LinkType, IReadOnlyList<GeneratedPacket>> packets,
        Func<string, LinkType, CompileOutcome> reference,
        Func<string, LinkType, CompileOutcome> candidate,
        IReadOnlyList<ProgramRunner> candidateRunners,
        int maxDifferences,
        bool requireSameAcceptance = true,
        Func<BpfInstruction[], GeneratedPacket, bool>? excuse = null)
    {
        var reports = new LinkTypeReport[linkTypes.Count];
        Parallel.For(0, linkTypes.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => reports[i] = Run(linkTypes[i], expressions(linkTypes[i]), packets(linkTypes[i]), reference, candidate, candidateRunners, maxDifferences, requireSameAcceptance, excuse));
        return reports;
    }

    /// <summary>A readable summary: one line of counts per link type, totals, then the first differences.</summary>
    public static string Format(IEnumerable<LinkTypeReport> reports, int differencesToShow)
    {
        var list = reports.ToList();
        var text = new System.Text.StringBuilder();
        foreach (var report in list)
            text.AppendLine(report.ToString());
        text.AppendLine($"TOTAL      expressions×link types {list.Sum(r => r.Expressions)}  accepted {list.Sum(r => r.AcceptedByBoth)}  " +
                        $"rejected {list.Sum(r => r.RejectedByBoth)}  program runs {list.Sum(r => r.ProgramRuns)}  differences {list.Sum(r => r.TotalDifferences)}");
        var worst = list.SelectMany(r => r.DifferencesByExpression.Select(d => (r.LinkType, Expression: d.Key, Count: d.Value)))
            .GroupBy(d => d.Expression).Select(g => (Expression: g.Key, Count: g.Sum(d => d.Count), LinkTypes: string.Join(",", g.Select(d => d.LinkType))))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Expression, StringComparer.Ordinal).Take(differencesToShow).ToList();
        if (worst.Count > 0)
        {
            text.AppendLine($"Expressions with the most differences (first {worst.Count}):");
            foreach (var (expression, count, linkTypes) in worst)
                text.AppendLine($"  {count,6}  {expression}   [{linkTypes}]");
        }
        var differences = list.SelectMany(r => r.Differences).Take(differencesToShow).ToList();
        if (differences.Count > 0)
        {
            text.AppendLine($"First {differences.Count} differences:");
            foreach (var difference in differences)
                text.AppendLine(difference.ToString());
        }
        return text.ToString();
    }

    /// <summary>libpcap's pcap_compile on pcap_open_dead(DLT of linkType, 262144).</summary>
    public static CompileOutcome CompileWithLibPcap(string expression, LinkType linkType, bool optimize)
    {
        var program = Pcap.Testing.LibPcap.Compile(expression, LibPcapLinkType.DataLinkTypeOf(linkType), out var error, snapLength: 262144, optimize: optimize);
        return new CompileOutcome(program, error);
    }

    /// <summary>PcapCore's FilterCompiler.TryCompile with the same snapshot length.</summary>
    public static CompileOutcome CompileWithPcapCore(string expression, LinkType linkType)
    {
        try
        {
            return FilterCompiler.TryCompile(expression, linkType, out var program, out var error, new FilterOptions { SnapLength = 262144, Optimize = true })
                ? new CompileOutcome(program.Instructions.ToArray(), null)
                : new CompileOutcome(null, $"{error.Message} (position {error.Position}, length {error.Length})");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A crash is a refusal the user would see as a stack trace: report it as such, do not abort the run.
            return new CompileOutcome(null, $"CRASH {e.GetType().Name}: {e.Message}");
        }
    }
}
