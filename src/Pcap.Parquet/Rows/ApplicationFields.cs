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

    // The enum's names in lower case, made once: a new protocol in the walk gets its column value without a change here.
    private static readonly string?[] Names = BuildNames();

    /// <summary>The protocol's name in <c>app_protocol</c>: the enum name in lower case (dns, mdns, bootp, http, vxlan, ...).</summary>
    public static string Name(ApplicationProtocol protocol) =>
        Names[(byte)protocol] ?? ((byte)protocol).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string?[] BuildNames()
    {
        var names = new string?[256];
        foreach (var value in Enum.GetValues<ApplicationProtocol>())
            names[(byte)value] = value.ToString().ToLowerInvariant();
        return names;
    }
}
