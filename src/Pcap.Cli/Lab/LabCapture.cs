using System.Buffers.Binary;
using Pcap.Decode.Text;
using Pcap.Filter;
using Pcap.Native;

namespace Pcap.Cli.Lab;

/// <summary>One PcapCore capture of a lab scenario, as the article's tcpdump command would run it, keeping the printed lines.</summary>
internal sealed class LabCapture : IDisposable
{
    private readonly LiveCapture _capture;
    private readonly Task<long> _loop;
    private readonly List<string> _lines = [];
    private readonly List<(string Interface, LinuxPacketType Direction, byte IcmpType, ushort Sequence)> _icmp = [];

    private LabCapture(string title, string where, LiveCapture capture, FormatOptions format)
    {
        Title = title;
        Where = where;
        _capture = capture;
        // tcpdump's own printer; on -i any the interface names come from the capture's namespace, not this machine's.
        var formatter = new TcpdumpFormatter(format with { InterfaceNames = capture.FindInterfaceName });
        _loop = capture.RunAsync((in LivePacket packet) =>
        {
            string line = formatter.Format(packet.LinkType, packet.TimestampNanoseconds, packet.Data, packet.WireLength).ToString();
            var icmp = IcmpOf(packet);
            lock (_lines)
            {
                _lines.Add(line);
                if (icmp is { } echo)
                    _icmp.Add((packet.InterfaceName, packet.Direction, echo.Type, echo.Sequence));
            }
        });
    }

    /// <summary>The command line the capture stands for, e.g. <c>pcapcore -i docker0 -n arp or icmp</c>.</summary>
    public string Title { get; }

    /// <summary>The namespace it runs in, in the article's words ("on the host", "in the container").</summary>
    public string Where { get; }

    /// <summary>
    /// Opens the capture in <paramref name="ns"/> (the filter runs in that namespace's kernel) and prints like
    /// <c>tcpdump -i DEVICE FLAGS FILTER</c>, where <paramref name="flags"/> are tcpdump's printing flags
    /// (<c>-n</c>, <c>-e</c>, <c>-t</c>, or the article's <c>-net</c>).
    /// </summary>
    public static LabCapture Start(string ns, string where, string device, string flags, string filter)
    {
        var format = new FormatOptions
        {
            NoResolve = flags.Contains('n', StringComparison.Ordinal),
            LinkHeader = flags.Contains('e', StringComparison.Ordinal),
            Timestamps = flags.Contains('t', StringComparison.Ordinal) ? TimestampStyle.None : TimestampStyle.TimeOfDay,
        };
        var capture = LiveCapture.Open(device, new CaptureOptions { NetworkNamespace = ns, Filter = filter, ImmediateMode = true });
        return new LabCapture($"pcapcore -i {device} {flags} {filter}", where, capture, format);
    }

    /// <summary>Stops and returns the printed lines and the ICMP echo sightings (interface, direction, type, sequence).</summary>
    public (List<string> Lines, List<(string Interface, LinuxPacketType Direction, byte IcmpType, ushort Sequence)> Icmp, CaptureStatistics Statistics) Stop()
    {
        _capture.Stop();
        _loop.Wait(TimeSpan.FromSeconds(10));
        var statistics = _capture.Statistics;
        lock (_lines)
            return (_lines.ToList(), _icmp.ToList(), statistics);
    }

    /// <summary>Releases the socket.</summary>
    public void Dispose() => _capture.Dispose();

    private static (byte Type, ushort Sequence)? IcmpOf(in LivePacket packet)
    {
        var data = packet.Data;
        int offset = packet.LinkType == LinkType.LinuxSll2 ? 20 : 14;
        ushort etherType = packet.LinkType == LinkType.LinuxSll2
            ? BinaryPrimitives.ReadUInt16BigEndian(data)
            : data.Length >= 14 ? BinaryPrimitives.ReadUInt16BigEndian(data[12..]) : (ushort)0;
        if (etherType != 0x0800 || data.Length < offset + 20 || data[offset + 9] != 1)
            return null;
        int icmp = offset + (data[offset] & 0xf) * 4;
        if (data.Length < icmp + 8)
            return null;
        return (data[icmp], BinaryPrimitives.ReadUInt16BigEndian(data[(icmp + 6)..]));
    }
}
