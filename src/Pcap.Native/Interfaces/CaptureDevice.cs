using System.Text;
using Pcap.Filter;

namespace Pcap.Native;

/// <summary>An interface that can be captured on, or the <c>any</c> pseudo-device.</summary>
/// <param name="Index">The kernel interface index; 0 for <c>any</c>.</param>
/// <param name="Name">The interface name, e.g. <c>eth0</c>.</param>
/// <param name="Description">Text tcpdump prints in parentheses, or null.</param>
/// <param name="Flags">Up, running, loopback, wireless.</param>
/// <param name="Status">Link status.</param>
/// <param name="HardwareType">The ARPHRD_ type (1 Ethernet, 772 loopback); 0 for <c>any</c>.</param>
/// <param name="LinkType">The link type frames are delivered with.</param>
public sealed record CaptureDevice(int Index, string Name, string? Description, DeviceFlags Flags,
    ConnectionStatus Status, ushort HardwareType, LinkType LinkType)
{
    /// <summary>The name of the pseudo-device that captures on every interface.</summary>
    public const string AnyName = "any";

    /// <summary>True for the <c>any</c> pseudo-device.</summary>
    public bool IsAny => Name == AnyName;

    /// <summary>The bracketed part of a <c>tcpdump -D</c> line, e.g. <c>[Up, Running, Connected]</c>.</summary>
    public string FlagsText
    {
        get
        {
            var parts = new List<string>();
            if (Flags.HasFlag(DeviceFlags.Up)) parts.Add("Up");
            if (Flags.HasFlag(DeviceFlags.Running)) parts.Add("Running");
            if (Flags.HasFlag(DeviceFlags.Wireless)) parts.Add("Wireless");
            if (Flags.HasFlag(DeviceFlags.Loopback)) parts.Add("Loopback");
            if (parts.Count == 0) parts.Add("none");
            switch (Status)
            {
                case ConnectionStatus.Connected:
                    parts.Add(Flags.HasFlag(DeviceFlags.Wireless) ? "Associated" : "Connected");
                    break;
                case ConnectionStatus.Disconnected:
                    parts.Add(Flags.HasFlag(DeviceFlags.Wireless) ? "Not associated" : "Disconnected");
                    break;
            }
            return $"[{string.Join(", ", parts)}]";
        }
    }

    /// <summary>One <c>tcpdump -D</c> line without its number: <c>eth0 [Up, Running, Connected]</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Name);
        if (Description is not null)
            text.Append(" (").Append(Description).Append(')');
        return text.Append(' ').Append(FlagsText).ToString();
    }
}
