namespace Pcap.Filter.Bpf;

/// <summary>The three ways <c>tcpdump</c> dumps a compiled program.</summary>
public enum BpfDumpFormat
{
    /// <summary>Human-readable assembly, one numbered instruction a line (<c>tcpdump -d</c>).</summary>
    Assembly,

    /// <summary>A C array fragment, <c>{ 0x28, 0, 0, 0x0000000c },</c> a line (<c>tcpdump -dd</c>).</summary>
    CArray,

    /// <summary>The instruction count, then <c>code jt jf k</c> in decimal a line (<c>tcpdump -ddd</c>); <see cref="BpfDumpParser"/> reads it back.</summary>
    Decimal,
}
