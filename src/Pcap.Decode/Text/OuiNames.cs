namespace Pcap.Decode.Text;

/// <summary>Vendor names tcpdump prints after a MAC address without <c>-n</c> (a subset of its <c>oui_values</c> table).</summary>
internal static class OuiNames
{
    /// <summary>The vendor of <paramref name="oui"/>, or null when tcpdump calls it Unknown.</summary>
    public static string? Find(int oui) => oui switch
    {
        0x000000 => "Ethernet",
        0x0000f8 => "Cisco",
        0x00000c => "Cisco",
        0x000142 => "Cisco",
        0x00e02b => "Extreme",
        0x00d0b7 => "Intel",
        0x0080c2 => "IEEE",
        0x00a0c5 => "Zyxel",
        _ => null,
    };
}
