using Pcap.Filter;

namespace Pcap.Conformance.Tests;

/// <summary>The counts and the first differences of a conformance run on one link type.</summary>
internal sealed class LinkTypeReport(LinkType linkType, int maxDifferences)
{
    private readonly List<ConformanceDifference> _differences = [];

    public LinkType LinkType { get; } = linkType;
    public int Expressions { get; set; }
    public int AcceptedByBoth { get; set; }
    public int RejectedByBoth { get; set; }
    public int AcceptRejectDifferences { get; set; }
    public int AcceptedByReferenceOnly { get; set; }
    public int AcceptedByCandidateOnly { get; set; }
    public int ReturnValueDifferences { get; set; }
    public int Packets { get; set; }
    public long ProgramRuns { get; set; }

    /// <summary>(expression, packet) pairs skipped because libpcap's own program would loop forever or read unwritten scratch memory.</summary>
    public int EndlessReferenceRuns { get; set; }

    /// <summary>Differences the test declared acceptable (the self-check: the unoptimized program aborted).</summary>
    public int ExcusedDifferences { get; set; }

    /// <summary>Return-value differences where the candidate's run aborted (load past the end, division by zero).</summary>
    public int DifferencesWhereCandidateAborted { get; set; }

    public int TotalDifferences => AcceptRejectDifferences + ReturnValueDifferences;

    public IReadOnlyList<ConformanceDifference> Differences => _differences;

    /// <summary>How many differences each expression caused, to show which expressions to look at first.</summary>
    public Dictionary<string, int> DifferencesByExpression { get; } = new(StringComparer.Ordinal);

    public void Add(ConformanceDifference difference)
    {
        int seen = DifferencesByExpression.GetValueOrDefault(difference.Expression);
        DifferencesByExpression[difference.Expression] = seen + 1;
        // Keep the first example of each expression, so the report shows many different problems.
        if (seen == 0 && _differences.Count < maxDifferences)
            _differences.Add(difference);
    }

    public override string ToString() =>
        $"{LinkType,-10} expressions {Expressions,5}  accepted {AcceptedByBoth,5}  rejected {RejectedByBoth,5}  " +
        $"packets {Packets,5}  program runs {ProgramRuns,10}  undefined libpcap runs skipped {EndlessReferenceRuns,5}  " +
        $"accept/reject diffs {AcceptRejectDifferences,5} (only libpcap {AcceptedByReferenceOnly}, only candidate {AcceptedByCandidateOnly})  " +
        $"return diffs {ReturnValueDifferences,6} in {DifferencesByExpression.Count} expressions (candidate aborted in {DifferencesWhereCandidateAborted})" +
        (ExcusedDifferences > 0 ? $"  excused {ExcusedDifferences}" : "");

}
