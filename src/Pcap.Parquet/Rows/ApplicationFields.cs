using Pcap.Decode.Application;
using Pcap.Decode.Walk;

namespace Pcap.Parquet.Rows;

/// <summary>Fills <c>app_protocol</c> and hands the application payload to the protocol's columns (DNS, DHCP, HTTP, VXLAN).</summary>
internal static class ApplicationFields
{
    /// <summary>Fills <paramref name="row"/> of <paramref name="rows"/> from the application layer of <paramref name="layers"/>.</summary>
    public static void Fill(PacketRowGroup rows, int row, in PacketLayers layers, AddressText text)
    {
        var protocol = layers.Application;
        if (protocol == ApplicationProtocol.None)
            return;
        rows.AppProtocol[row] = Name(protocol);
        switch (protocol)
        {
            case ApplicationProtocol.Dns or ApplicationProtocol.Mdns or ApplicationProtocol.Llmnr:
                DnsFields.Fill(rows, row, layers, text);
                break;
            case ApplicationProtocol.Bootp:
                DhcpFields.Fill(rows, row, layers, text);
                break;
            case ApplicationProtocol.Http:
                HttpFields.Fill(rows, row, layers);
                break;
            case ApplicationProtocol.Vxlan:
                if (VxlanHeader.TryRead(layers.ApplicationPayload, out var vxlan, out _))
                    rows.VxlanVni[row] = (int)vxlan.Vni;
                break;
        }
    }

    /// <summary>The protocol's name in <c>app_protocol</c>: lower case (dns, mdns, bootp, http, vxlan, ...).</summary>
    public static string Name(ApplicationProtocol protocol) => protocol switch
    {
        ApplicationProtocol.Smtp => "smtp",
        ApplicationProtocol.Ssh => "ssh",
        ApplicationProtocol.Ftp => "ftp",
        ApplicationProtocol.Http => "http",
        ApplicationProtocol.Rtsp => "rtsp",
        ApplicationProtocol.Dns => "dns",
        ApplicationProtocol.Mdns => "mdns",
        ApplicationProtocol.Tftp => "tftp",
        ApplicationProtocol.Bootp => "bootp",
        ApplicationProtocol.Rip => "rip",
        ApplicationProtocol.Ntp => "ntp",
        ApplicationProtocol.Ripng => "ripng",
        ApplicationProtocol.Sip => "sip",
        ApplicationProtocol.Syslog => "syslog",
        ApplicationProtocol.Vxlan => "vxlan",
        ApplicationProtocol.Geneve => "geneve",
        ApplicationProtocol.Llmnr => "llmnr",
        _ => "unknown",
    };
}
