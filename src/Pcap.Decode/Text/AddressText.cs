namespace Pcap.Decode.Text;

/// <summary>An IP address by name when name resolution is on (tcpdump's GET_IPADDR_STRING / GET_IP6ADDR_STRING), else numeric.</summary>
internal static class AddressText
{
    /// <summary>Appends the host name of <paramref name="address"/> from <paramref name="names"/> (null with <c>-n</c>), or its dotted quad.</summary>
    public static void AppendIpv4(ref LineWriter writer, ReadOnlySpan<byte> address, HostNames? names)
    {
        var name = names?.Find(address);
        if (name is not null)
            writer.Append(name);
        else
            writer.AppendIpv4(address);
    }

    /// <summary>An IPv4 (4 bytes) or IPv6 (16 bytes) address by its name from <paramref name="names"/> (null with <c>-n</c>), else numeric.</summary>
    public static void AppendIp(ref LineWriter writer, scoped ReadOnlySpan<byte> address, HostNames? names)
    {
        var name = names?.Find(address);
        if (name is not null)
            writer.Append(name);
        else if (address.Length == 4)
            writer.AppendIpv4(address);
        else
            writer.AppendIpv6(address);
    }
}
