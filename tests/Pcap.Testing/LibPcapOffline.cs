using System.Runtime.InteropServices;

namespace Pcap.Testing;

/// <summary>
/// The second oracle for files: libpcap's own savefile reader (<c>pcap_open_offline_with_tstamp_precision</c> and
/// <c>pcap_next_ex</c> through P/Invoke), which reports the wire length that tcpdump's text does not show.
/// </summary>
public static unsafe partial class LibPcapOffline
{
    private const string Library = "libpcap.so.0.8";

    /// <summary>One packet as libpcap delivered it.</summary>
    public sealed record Packet(long TimestampNanoseconds, byte[] Data, uint WireLength);

    [StructLayout(LayoutKind.Sequential)]
    private struct PacketHeader
    {
        public long Seconds;
        public long Fraction;
        public uint CapturedLength;
        public uint WireLength;
    }

    [LibraryImport(Library, EntryPoint = "pcap_open_offline_with_tstamp_precision", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint OpenOffline(string path, uint precision, byte* errorBuffer);

    [LibraryImport(Library, EntryPoint = "pcap_next_ex")]
    private static partial int NextEx(nint pcap, PacketHeader** header, byte** data);

    [LibraryImport(Library, EntryPoint = "pcap_datalink")]
    private static partial int DataLink(nint pcap);

    [LibraryImport(Library, EntryPoint = "pcap_snapshot")]
    private static partial int Snapshot(nint pcap);

    [LibraryImport(Library, EntryPoint = "pcap_geterr")]
    private static partial nint GetError(nint pcap);

    [LibraryImport(Library, EntryPoint = "pcap_close")]
    private static partial void Close(nint pcap);

    /// <summary>Reads every packet of <paramref name="path"/> with nanosecond timestamps, plus the file's link type and snapshot length.</summary>
    public static (int LinkType, int SnapLength, List<Packet> Packets) Read(string path)
    {
        _ = LibPcap.Version; // fails with an install hint when libpcap is missing
        byte* error = stackalloc byte[256];
        nint pcap = OpenOffline(path, 1 /* PCAP_TSTAMP_PRECISION_NANO */, error);
        if (pcap == 0)
            throw new InvalidOperationException($"libpcap cannot open {path}: {Marshal.PtrToStringUTF8((nint)error)}");
        try
        {
            var packets = new List<Packet>();
            while (true)
            {
                PacketHeader* header;
                byte* data;
                int status = NextEx(pcap, &header, &data);
                if (status == -2)
                    break;
                if (status != 1)
                    throw new InvalidOperationException($"libpcap pcap_next_ex on {path}: {Marshal.PtrToStringUTF8(GetError(pcap))}");
                packets.Add(new Packet(header->Seconds * 1_000_000_000L + header->Fraction,
                    new ReadOnlySpan<byte>(data, (int)header->CapturedLength).ToArray(), header->WireLength));
            }
            return (DataLink(pcap), Snapshot(pcap), packets);
        }
        finally
        {
            Close(pcap);
        }
    }
}
