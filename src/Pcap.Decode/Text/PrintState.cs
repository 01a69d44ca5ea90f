namespace Pcap.Decode.Text;

/// <summary>
/// What the printers share for one capture: the options, the name tables, tcpdump's per-run state (relative TCP
/// sequence bases, the -ttt and -ttttt reference time) and the per-packet "abandoned" mark, with the address and
/// truncation writers every printer uses. One per <see cref="TcpdumpFormatter"/>, passed to each printer.
/// </summary>
internal sealed class PrintState(FormatOptions options)
{
    public FormatOptions Options { get; } = options;

    /// <summary>Resolves addresses to names; null with <c>-n</c>.</summary>
    public HostNames? HostNames { get; } = options.NoResolve ? null : options.StripDomains ? HostNames.Shared.WithoutDomains() : HostNames.Shared;

    public TcpSequenceTracker TcpSequences { get; } = new();

    public InterfaceNames InterfaceNames { get; } = new();

    /// <summary>tcpdump's reference time for -ttt and -ttttt (its static tv_ref): unset while 0.0; seconds, then the fraction in the printing precision.</summary>
    public long ReferenceSeconds { get; set; }

    /// <summary>The fraction of <see cref="ReferenceSeconds"/>, in microseconds or nanoseconds as printed.</summary>
    public long ReferenceFraction { get; set; }

    /// <summary>How many VXLAN, GRE or Geneve encapsulations deep the packet being printed is (bounded against crafted nesting).</summary>
    public int EncapsulationDepth { get; set; }

    /// <summary>How many IP-in-IP headers deep the printers are in the current packet (bounded by the IP dispatch).</summary>
    public int TunnelDepth { get; set; }

    /// <summary>Set when a printer gave up on the packet: tcpdump then hex-dumps it from the start, not after the link header.</summary>
    public bool Abandoned { get; set; }

    /// <summary>tcpdump's <c> [|proto]</c> truncation mark; <paramref name="abandoned"/> when the packet is given up there.</summary>
    public void WriteTruncated(ref LineWriter writer, string protocol, bool abandoned = false)
    {
        Abandoned |= abandoned;
        writer.Append(" [|");
        writer.Append(protocol);
        writer.Append(']');
    }

    /// <summary>tcpdump's note when a header's own length field reaches past the captured bytes; the packet is abandoned there.</summary>
    public void WriteHeaderNotCaptured(ref LineWriter writer, int captured, int headerLength, string protocol)
    {
        writer.Append(" [remaining caplen(");
        writer.AppendDecimal((uint)captured);
        writer.Append(") < header length(");
        writer.AppendDecimal((uint)headerLength);
        writer.Append(")]");
        WriteTruncated(ref writer, protocol, abandoned: true);
    }

    /// <summary>An IPv4 (4 bytes) or IPv6 (16 bytes) address, by name unless <c>-n</c>.</summary>
    public void WriteIpAddress(ref LineWriter writer, scoped ReadOnlySpan<byte> address) =>
        AddressText.AppendIp(ref writer, address, HostNames);

    /// <summary>
    /// A MAC address as tcpdump's <c>etheraddr_string</c> writes it: plain with <c>-n</c>; otherwise <c>Broadcast</c> for
    /// all ones and the address followed by its OUI's name (<c>(oui Unknown)</c> for the vendors tcpdump does not list).
    /// </summary>
    public void WriteMac(ref LineWriter writer, ReadOnlySpan<byte> address)
    {
        if (Options.NoResolve)
        {
            writer.AppendLinkAddress(address);
            return;
        }
        if (!address.ContainsAnyExcept((byte)0xff))
        {
            writer.Append("Broadcast");
            return;
        }
        writer.AppendLinkAddress(address);
        writer.Append(" (oui ");
        writer.Append(OuiNames.Find(address[0] << 16 | address[1] << 8 | address[2]) ?? "Unknown");
        writer.Append(')');
    }
}
