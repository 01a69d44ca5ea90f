using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Pcap.Decode.Files;

namespace Pcap.Benchmarks.Files;

/// <summary>
/// Reading a 10,000-packet capture file (page-cached) end to end: PcapCore's <see cref="CaptureReader"/> against
/// libpcap's <c>pcap_open_offline</c> + <c>pcap_next_ex</c> (P/Invoke). One operation is one whole file.
/// </summary>
[MemoryDiagnoser]
public unsafe partial class CaptureReaderBenchmarks
{
    private const string LibPcap = "libpcap.so.0.8";
    private string _path = "";

    /// <summary>pcap or pcapng.</summary>
    [Params("pcap", "pcapng")]
    public string Format { get; set; } = "pcap";

    [LibraryImport(LibPcap, EntryPoint = "pcap_open_offline", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint OpenOffline(string path, byte* errorBuffer);

    [LibraryImport(LibPcap, EntryPoint = "pcap_next_ex")]
    private static partial int NextEx(nint pcap, nint* header, byte** data);

    [LibraryImport(LibPcap, EntryPoint = "pcap_close")]
    private static partial void Close(nint pcap);

    /// <summary>Writes the file: 10,000 Ethernet frames of 60 to 1514 bytes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"pcapcore-bench-{Environment.ProcessId}.{Format}");
        var random = new Random(42);
        using var stream = File.Create(_path);
        PcapWriter? pcap = Format == "pcap" ? new PcapWriter(stream, LinkType.Ethernet, leaveOpen: true) : null;
        PcapNgWriter? ng = Format == "pcapng" ? new PcapNgWriter(stream, leaveOpen: true) : null;
        ng?.AddInterface(LinkType.Ethernet, "eth0", 262144, CaptureInterface.NanosecondResolution);
        var frame = new byte[1514];
        random.NextBytes(frame);
        long time = 1_700_000_000_000_000_000L;
        for (int i = 0; i < 10_000; i++)
        {
            int length = random.Next(60, 1515);
            time += random.Next(1_000_000);
            pcap?.WritePacket(time, frame.AsSpan(0, length), (uint)length);
            ng?.WritePacket(0, time, frame.AsSpan(0, length), (uint)length);
        }
        pcap?.Dispose();
        ng?.Dispose();
    }

    /// <summary>Removes the file.</summary>
    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>libpcap's savefile reader.</summary>
    [Benchmark(Baseline = true)]
    public long LibPcapNextEx()
    {
        byte* error = stackalloc byte[256];
        nint pcap = OpenOffline(_path, error);
        if (pcap == 0)
            throw new InvalidOperationException(Marshal.PtrToStringUTF8((nint)error));
        long checksum = 0;
        nint header;
        byte* data;
        while (NextEx(pcap, &header, &data) == 1)
            checksum += data[59];
        Close(pcap);
        return checksum;
    }

    /// <summary>PcapCore's reader over a FileStream.</summary>
    [Benchmark]
    public long PcapCoreCaptureReader()
    {
        using var reader = CaptureReader.Open(_path);
        long checksum = 0;
        while (reader.TryReadPacket(out var packet))
            checksum += packet.Data[59];
        return checksum;
    }
}
