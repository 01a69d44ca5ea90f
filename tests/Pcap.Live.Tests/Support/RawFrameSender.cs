using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Pcap.Live.Tests.Support;

/// <summary>
/// Sends hand-built Ethernet frames from an AF_PACKET socket opened inside a namespace, the way to put 802.1Q-tagged
/// frames on a veth when the kernel has no 8021q module.
/// </summary>
internal static unsafe partial class RawFrameSender
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint sendto(int socket, byte* buffer, nuint length, int flags, byte* address, int addressLength);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int descriptor);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial uint if_nametoindex(string name);

    /// <summary>
    /// The VLAN test traffic from the left end of <paramref name="topology"/> to the right: three ICMP echo requests
    /// each tagged VLAN 100, tagged VLAN 200, and untagged from another address. <c>vlan 100 and icmp</c> matches 3.
    /// </summary>
    public static List<byte[]> VlanMix(Pcap.Testing.Namespaces.VethTopology topology)
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

    [System.Text.RegularExpressions.GeneratedRegex(@"link/ether ([0-9a-f:]{17})")]
    private static partial System.Text.RegularExpressions.Regex EtherAddress();

    /// <summary>The MAC address of <c>eth0</c> in <paramref name="ns"/>.</summary>
    public static byte[] MacOf(Pcap.Testing.Namespaces.NetworkNamespace ns) =>
        Convert.FromHexString(EtherAddress().Match(ns.Ip("link", "show", "eth0")).Groups[1].Value.Replace(":", "", StringComparison.Ordinal));

    /// <summary>
    /// Sends each frame out of <paramref name="device"/> in namespace <paramref name="ns"/>, pausing
    /// <paramref name="pauseMilliseconds"/> after every <paramref name="burst"/> frames (a flood: large bursts, short
    /// pauses that let the receiving side's backlog drain; a frame the full backlog refused is sent again).
    /// </summary>
    public static void Send(string ns, string device, IEnumerable<byte[]> frames, int pauseMilliseconds = 50, int burst = 1)
    {
        NamespaceThread.Run(ns, () =>
        {
            int s = socket(17, 3, 0);
            if (s < 0)
                throw new InvalidOperationException($"AF_PACKET socket failed: errno {Marshal.GetLastPInvokeError()}");
            try
            {
                var address = stackalloc byte[20];
                new Span<byte>(address, 20).Clear();
                BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(address, 2), 17);
                BinaryPrimitives.WriteInt32LittleEndian(new Span<byte>(address + 4, 4), (int)if_nametoindex(device));
                const int NoBufferSpace = 105, TryAgain = 11;
                int sent = 0;
                foreach (var frame in frames)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        nint result;
                        fixed (byte* bytes = frame)
                            result = sendto(s, bytes, (nuint)frame.Length, 0, address, 20);
                        if (result == frame.Length)
                            break;
                        int errno = Marshal.GetLastPInvokeError();
                        if (errno is not (NoBufferSpace or TryAgain) || attempt == 1000)
                            throw new InvalidOperationException($"sendto failed: errno {errno}");
                        Thread.Sleep(1);
                    }
                    if (++sent % burst == 0)
                        Thread.Sleep(pauseMilliseconds);
                }
            }
            finally
            {
                close(s);
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
        BinaryPrimitives.WriteUInt16BigEndian(icmp.AsSpan(2), Checksum(icmp));
        var ip = new byte[20];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)(20 + icmp.Length));
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), sequence);
        ip[8] = 64;
        ip[9] = 1;
        sourceIp.CopyTo(ip, 12);
        destinationIp.CopyTo(ip, 16);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(10), Checksum(ip));
        frame.AddRange(ip);
        frame.AddRange(icmp);
        return frame.ToArray();
    }

    private static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < data.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if ((data.Length & 1) != 0)
            sum += (uint)data[^1] << 8;
        while (sum > 0xffff)
            sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }
}
