using BenchmarkDotNet.Attributes;
using PacketDotNet;
using Pcap.Decode.Text;
using Pcap.Testing.Packets;

namespace Pcap.Benchmarks.Decoding;

/// <summary>
/// Decode+format over issue 12's mixed corpus (tunnels, routing, LAN control, well-known ports; valid and damaged, on
/// Ethernet): PcapCore's tcpdump formatter against PacketDotNet's parse and <c>ToString()</c> in the same run.
/// </summary>
[MemoryDiagnoser]
public class EverydayProtocolBenchmarks
{
    private const int Frames = 1400;

    // 40 frames of each of the 35 protocols, all of which ride on Ethernet.
    private readonly byte[][] _frames = [.. EverydayProtocolCorpus.Build(1, Frames / 35, 12).Frames.Select(f => f.Data)];
    private readonly char[] _text = new char[TcpdumpFormatter.MaximumLength(2048)];
    private TcpdumpFormatter _formatter = null!;

    /// <summary>One formatter per run, as per capture; -v so that the protocols' detail is printed too.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (_frames.Length != Frames)
            throw new InvalidOperationException($"the corpus has {_frames.Length} frames, OperationsPerInvoke says {Frames}");
        _formatter = new TcpdumpFormatter(new FormatOptions { NoResolve = true, Verbose = 1, TimeZone = TimeZoneInfo.Utc });
    }

    /// <summary>PcapCore: decode and print tcpdump's -v line of every frame into a reused buffer.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public int PcapCore_decode_and_format()
        => TcpdumpLines.FormatAll(_formatter, _frames, _text);

    /// <summary>PacketDotNet: parse and ToString() the same frames, the counterpart of decode+format.</summary>
    [Benchmark(OperationsPerInvoke = Frames, Baseline = true)]
    public int PacketDotNet_decode_and_format()
    {
        var total = 0;
        foreach (var frame in _frames)
        {
            try
            {
                total += Packet.ParsePacket(LinkLayers.Ethernet, frame).ToString()!.Length;
            }
            catch (Exception)
            {
                // PacketDotNet throws on some damaged frames; PcapCore prints tcpdump's marks for them instead.
                total++;
            }
        }
        return total;
    }
}
