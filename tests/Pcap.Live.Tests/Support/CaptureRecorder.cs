using Pcap.Filter.Bpf;
using Pcap.Native;

namespace Pcap.Live.Tests.Support;

/// <summary>Runs a PcapCore capture on a background thread and keeps a copy of every frame.</summary>
internal sealed class CaptureRecorder : IDisposable
{
    private readonly LiveCapture _capture;
    private readonly Task<long> _loop;
    private readonly List<PcapFileRecords.Record> _records = [];
    private readonly List<(int Index, string Name, LinuxPacketType Direction)> _meta = [];

    private CaptureRecorder(LiveCapture capture)
    {
        _capture = capture;
        _loop = capture.RunAsync((in LivePacket packet) =>
        {
            lock (_records)
            {
                _records.Add(new PcapFileRecords.Record((int)packet.LinkType, packet.Data.ToArray(), packet.WireLength));
                _meta.Add((packet.InterfaceIndex, packet.InterfaceName, packet.Direction));
            }
        });
    }

    /// <summary>Opens <paramref name="device"/> in namespace <paramref name="ns"/> with <paramref name="program"/> and starts recording.</summary>
    public static CaptureRecorder Start(string ns, string device, BpfProgram program, DirectionFilter direction = DirectionFilter.InOut,
        int snapLength = CaptureOptions.DefaultSnapLength) =>
        new(LiveCapture.Open(device, new CaptureOptions
        {
            NetworkNamespace = ns, Program = program, ImmediateMode = true, Direction = direction, SnapLength = snapLength,
        }));

    /// <summary>The capture being recorded.</summary>
    public LiveCapture Capture => _capture;

    /// <summary>Stops the capture and returns the frames, their metadata and the final statistics.</summary>
    public (List<PcapFileRecords.Record> Records, List<(int Index, string Name, LinuxPacketType Direction)> Meta, CaptureStatistics Statistics) Stop()
    {
        _capture.Stop();
        if (!_loop.Wait(TimeSpan.FromSeconds(10)))
            throw new TimeoutException("the capture loop did not stop within 10 s of Stop()");
        var statistics = _capture.Statistics;
        lock (_records)
            return (_records.ToList(), _meta.ToList(), statistics);
    }

    /// <summary>Releases the capture.</summary>
    public void Dispose() => _capture.Dispose();
}
