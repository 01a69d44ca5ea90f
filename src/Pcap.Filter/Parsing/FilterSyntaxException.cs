namespace Pcap.Filter.Parsing;

/// <summary>A positioned parse failure, turned into a <see cref="FilterException"/> by the compiler facade.</summary>
internal sealed class FilterSyntaxException(string message, int position, int length) : Exception(message)
{
    public int Position { get; } = position;
    public int Length { get; } = length;
}
