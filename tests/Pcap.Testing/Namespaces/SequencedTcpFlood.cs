using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Pcap.Testing.Packets;

namespace Pcap.Testing.Namespaces;

/// <summary>
/// A flood of TCP segments from the left end of a <see cref="VethTopology"/> to the right, sent from an AF_PACKET
/// socket, each carrying its sequence number in the first four payload bytes so a capture can be counted exactly
/// against what was sent. Segment i belongs to flow i % flows: source port <see cref="FirstSourcePort"/> + flow.
/// </summary>
public static partial class SequencedTcpFlood
{
    /// <summary>The source port of flow 0.</summary>
    public const int FirstSourcePort = 40000;

    /// <summary>The destination port of every flow.</summary>
    public const int DestinationPort = 5001;

    private const int PayloadOffset = 14 + 20 + 20;

    /// <summary>Builds <paramref name="count"/> segments over <paramref name="flows"/> flows, with <paramref name="payloadLength"/> (at least 4) payload bytes.</summary>
    public static byte[][] Build(VethTopology topology, int count, int flows, int payloadLength = 18)
    {
        byte[] sourceMac = MacOf(topology.Left), destinationMac = MacOf(topology.Right);
        byte[] sourceIp = [10, 200, 0, 1], destinationIp = [10, 200, 0, 2];
        var frames = new byte[count][];
        for (int sequence = 0; sequence < count; sequence++)
        {
            int flow = sequence % flows;
            var payload = new byte[Math.Max(4, payloadLength)];
            BinaryPrimitives.WriteInt32BigEndian(payload, sequence);
            var tcp = new ByteWriter().U16(FirstSourcePort + flow).U16(DestinationPort).U32((uint)sequence * 100).U32(1)
                .U8(5 << 4).U8(TcpBuilder.Psh | TcpBuilder.Ack).U16(65535).U16(0).U16(0).Bytes(payload);
            tcp.PatchU16(16, Checksums.WithPseudoHeader(sourceIp, destinationIp, 6, tcp.Written));
            var ip = new ByteWriter().U8(0x45).U8(0).U16(20 + tcp.Length).U16(sequence & 0xffff).U16(0x4000).U8(64).U8(6).U16(0)
                .Bytes(sourceIp).Bytes(destinationIp);
            ip.PatchU16(10, Checksums.Internet(ip.Written));
            frames[sequence] = new ByteWriter().Bytes(destinationMac).Bytes(sourceMac).U16(0x0800).Bytes(ip.Written).Bytes(tcp.Written).ToArray();
        }
        return frames;
    }

    /// <summary>
    /// The sequence number and flow of a flood segment in an Ethernet frame; for the right end's answers (resets, no
    /// payload) only the flow. False for anything else.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out int sequence, out int flow)
    {
        sequence = -1;
        flow = -1;
        if (frame.Length < PayloadOffset || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800 || frame[23] != 6)
            return false;
        int sourcePort = BinaryPrimitives.ReadUInt16BigEndian(frame[34..]);
        int destinationPort = BinaryPrimitives.ReadUInt16BigEndian(frame[36..]);
        int port = sourcePort == DestinationPort ? destinationPort : sourcePort;
        if (port < FirstSourcePort)
            return false;
        flow = port - FirstSourcePort;
        if (sourcePort != DestinationPort && frame.Length >= PayloadOffset + 4)
            sequence = BinaryPrimitives.ReadInt32BigEndian(frame[PayloadOffset..]);
        return true;
    }

    /// <summary>
    /// Sends <paramref name="frames"/> out of <c>eth0</c> in the topology's left namespace, pausing a millisecond every
    /// <paramref name="burst"/> frames so the receiving backlog is not what drops; stops early on <paramref name="cancellation"/>.
    /// </summary>
    /// <returns>How many frames were sent.</returns>
    public static int Send(VethTopology topology, IReadOnlyList<byte[]> frames, int burst = 256, CancellationToken cancellation = default)
    {
        int sent = 0;
        NamespaceThread.Run(topology.Left.Name, () =>
        {
            using var socket = PacketSocket.Open(VethTopology.InterfaceName);
            foreach (var frame in frames)
            {
                if (cancellation.IsCancellationRequested)
                    break;
                socket.Send(frame, retryWhenQueueFull: true);
                if (++sent % burst == 0)
                    Thread.Sleep(1);
            }
        });
        return sent;
    }

    /// <summary>The MAC address of <c>eth0</c> in <paramref name="ns"/>.</summary>
    public static byte[] MacOf(NetworkNamespace ns) =>
        Convert.FromHexString(EtherAddress().Match(ns.Ip("link", "show", VethTopology.InterfaceName)).Groups[1].Value.Replace(":", "", StringComparison.Ordinal));

    [GeneratedRegex(@"link/ether ([0-9a-f:]{17})")]
    private static partial Regex EtherAddress();
}
