namespace Pcap.Filter.Parsing;

/// <summary>One token with its text and where it is in the expression.</summary>
internal readonly record struct FilterToken(FilterTokenKind Kind, string Text, int Position)
{
    public int Length => Text.Length;

    public string Describe() => Kind switch
    {
        FilterTokenKind.Number => $"number '{Text}'",
        FilterTokenKind.Name => $"name '{Text}'",
        FilterTokenKind.HostAddress => $"address '{Text}'",
        FilterTokenKind.Ipv6Address => $"IPv6 address '{Text}'",
        FilterTokenKind.MacAddress => $"MAC address '{Text}'",
        _ => $"'{Text}'",
    };
}
