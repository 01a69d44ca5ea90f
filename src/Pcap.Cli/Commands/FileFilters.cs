using Pcap.Decode.Files;
using Pcap.Filter;
using Pcap.Filter.Bpf;

namespace Pcap.Cli.Commands;

/// <summary>
/// The filter expression compiled once per link type and snapshot length met in a file, so each packet of a pcapng
/// file whose interfaces differ is tested by the program for its own interface (tcpdump refuses such files).
/// </summary>
internal sealed class FileFilters(string? expression, bool optimize)
{
    private readonly Dictionary<(LinkType LinkType, uint SnapLength), BpfFilterFunction?> _compiled = [];

    /// <summary>
    /// The filter for packets of <paramref name="linkType"/> with <paramref name="snapLength"/> (null: accept all),
    /// compiled on first use. False, with tcpdump's message, when libpcap could not compile it for that link type;
    /// <paramref name="compileFailure"/> is then the compiler's error when it was the expression that failed.
    /// </summary>
    public bool TryGet(LinkType linkType, uint snapLength, out BpfFilterFunction? filter, out string? error, out FilterException? compileFailure)
    {
        compileFailure = null;
        linkType = LinkTypeNames.Canonical(linkType);
        snapLength = LinkTypeNames.EffectiveSnapLength(linkType, snapLength);
        error = null;
        if (_compiled.TryGetValue((linkType, snapLength), out filter))
            return true;
        // tcpdump compiles even an empty filter, so a file whose link type libpcap cannot filter is refused; a later
        // interface of such a type (a file tcpdump refuses outright) is only refused when there is a filter to apply.
        bool first = _compiled.Count == 0;
        if (!LinkTypeNames.IsFilterable(linkType) && (first || !string.IsNullOrWhiteSpace(expression)))
        {
            error = $"unknown data link type {LinkTypeNames.ToDataLinkType(linkType)} " +
                    $"(min {LinkTypeNames.MatchingMinimum}, max {LinkTypeNames.MatchingMaximum})";
            return false;
        }
        if (!string.IsNullOrWhiteSpace(expression) && LinkTypeNames.IsFilterable(linkType))
        {
            // A file is filtered in user space (by the JIT): no kernel limit on the program's length.
            var options = FilterOptions.UserSpace with { Optimize = optimize, SnapLength = (int)snapLength, ReadingSavefile = true, Netmask = CommandLine.FilterSource.Netmask };
            if (!FilterCompiler.TryCompile(expression, linkType, out var program, out var compileError, options))
            {
                error = compileError.LibpcapMessage;
                compileFailure = compileError;
                return false;
            }
            filter = BpfJit.Compile(program);
        }
        _compiled.Add((linkType, snapLength), filter);
        return true;
    }
}
