namespace Pcap.Conformance.Tests;

/// <summary>
/// Expressions on which libpcap 1.10.3's optimized program answers differently from its unoptimized program on a
/// packet where the unoptimized run ends normally: optimizer bugs in the oracle, found by the self-check. Each was
/// confirmed with tcpdump 4.99.3 (<c>tcpdump -r</c> with and without <c>-O</c>). The self-check requires these to
/// still differ (so the list cannot rot) and every other expression to agree.
/// </summary>
internal static class KnownLibpcapOptimizerBugs
{
    public static readonly (string Expression, string Evidence)[] Cases =
    [
        ("((tcp port 3306 and 25 and not (less 60)) or tcp[tcpflags] & tcp-ece != 0 and dst host 10.1.2.3) and greater 60",
         "NULL and RAW: a 40..56-byte IPv4/TCP packet with ECE set to 10.1.2.3 is accepted by the optimized program although 'greater 60' is false; the unoptimized program rejects it"),
    ];

    public static bool Contains(string expression) => Cases.Any(c => c.Expression == expression);
}
