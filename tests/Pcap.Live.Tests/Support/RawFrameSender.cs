using System.Buffers.Binary;
using Pcap.Testing.Namespaces;
using Pcap.Testing.Packets;

namespace Pcap.Live.Tests.Support;

/// <summary>
/// Sends hand-built Ethernet frames from an AF_PACKET socket opened inside a namespace, the way to put 802.1Q-tagged
/// frames on a veth when the kernel has no 8021q module.
/// </summary>
internal static class RawFrameSender
{
    /// <summary>
    /// The VLAN test traffic from the left end of <paramref name="topology"/> to the right: three ICMP echo requests
    /// each tagged VLAN 100, tagged VLAN 200, and untagged from another address. <c>vlan 100 and icmp</c> matches 3.
    /// </summary>
    public static List<byte[]> VlanMix(VethTopology topology)
    {
        byte[] leftMac = MacOf(topology.Left), rightMac = MacOf(topology.Right);
        byte[] leftIp = [10, 200, 0, 1], rightIp = [10, 200, 0, 2];
        var frames = new List<byte[]>();
        for (ushort sequence = 1; sequence <= 3; sequence++)
        {
            frames.Add(IcmpEcho(rightMac, leftMac, 100, leftIp, rightIp, sequence));
            frames.Add(IcmpEcho(rightMac, leftMac, 200, leftIp, rightIp, (ushort)(sequence + 10)));
            frames.Add(IcmpEcho(rightMac, leftMac, null, [10, 200, 9, 9], rightIp, (ushort)(sequence + 20)));
        }
        return frames;
    }

    /// <summary>The MAC address of <c>eth0</c> in <paramref name="ns"/>.</summary>
    public static byte[] MacOf(NetworkNamespace ns) => SequencedTcpFlood.MacOf(ns);

    /// <summary>Sends each frame out of <paramref name="device"/> in namespace <paramref name="ns"/>.</summary>
    public static void Send(string ns, string device, IEnumerable<byte[]> frames)
    {
        NamespaceThread.Run(ns, () =>
        {
            using var socket = PacketSocket.Open(device);
            foreach (var frame in frames)
            {
                socket.Send(frame);
                Thread.Sleep(50);
            }
        });
    }

    /// <summary>An ICMP echo request in IPv4 in Ethernet, optionally with one 802.1Q tag.</summary>
    public static byte[] IcmpEcho(byte[] destinationMac, byte[] sourceMac, ushort? vlanId, byte[] sourceIp, byte[] destinationIp, ushort sequence)
    {
        var frame = new List<byte>();
        frame.AddRange(destinationMac);
        frame.AddRange(sourceMac);
        if (vlanId is { } vid)
            frame.AddRange([0x81, 0x00, (byte)(vid >> 8), (byte)vid]);
        frame.AddRange([0x08, 0x00]);
        var icmp = new byte[8 + 32];
        icmp[0] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(icmp.AsSpan(4), 0x4242);
        BinaryPrimitives.WriteUInt16BigEndian(icmp.AsSpan(6), sequence);
        for (int i = 8; i < icmp.Length; i++)
            icmp[i] = (byte)i;
        BinaryPrimitives.WriteUInt16BigEndian(icmp.AsSpan(2), Checksums.Internet(icmp));
        var ip = new byte[20];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)(20 + icmp.Length));
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), sequence);
        ip[8] = 64;
        ip[9] = 1;
        sourceIp.CopyTo(ip, 12);
        destinationIp.CopyTo(ip, 16);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(10), Checksums.Internet(ip));
        frame.AddRange(ip);
        frame.AddRange(icmp);
        return frame.ToArray();
    }
}
