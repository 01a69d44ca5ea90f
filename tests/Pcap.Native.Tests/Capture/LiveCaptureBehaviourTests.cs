using Pcap.Filter.Bpf;
using Pcap.Testing.Namespaces;

namespace Pcap.Native.Tests.Capture;

/// <summary>Reading allocates nothing per packet, and stopping or disposing from another thread ends a blocked read.</summary>
public sealed class LiveCaptureBehaviourTests
{
    // Immediate mode hands over a block per millisecond, so each ping's request and reply can take a block of their own:
    // the default 2 MiB ring has 16 blocks and froze with 32 of the 40 packets the tests leave waiting in it (twice in 45
    // runs of the suite a read then waited for ever). 64 MiB gives 64 blocks, one for every packet.
    private static LiveCapture OpenLoopback(NetworkNamespace ns) =>
        LiveCapture.Open("lo", new CaptureOptions { NetworkNamespace = ns.Name, ImmediateMode = true, BufferSize = 64 * 1024 * 1024 });

    // A read that waits for packets gives up after this, so a ring that never hands them over fails the test instead of hanging the run.
    private static CancellationToken GiveUpLater() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public void Reading_packets_from_the_ring_allocates_nothing()
    {
        using var ns = NetworkNamespace.Create("z");
        using var capture = OpenLoopback(ns);
        ns.Exec("ping", "-c", "20", "-i", "0.01", "-W", "1", "127.0.0.1");
        Thread.Sleep(200);
        Assert.True(capture.TryRead(out _, TimeSpan.FromSeconds(5)), "no packet arrived"); // first read: warm-up

        long checksum = 0;
        int read = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        while (read < 30 && capture.TryRead(out var packet, TimeSpan.Zero))
        {
            checksum += packet.Data.Length + packet.WireLength + packet.InterfaceIndex + (int)packet.Direction;
            read++;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(read >= 20, $"only {read} packets were waiting in the ring");
        Assert.True(checksum > 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Running_over_packets_in_the_ring_allocates_nothing()
    {
        using var ns = NetworkNamespace.Create("z");
        using var capture = OpenLoopback(ns);
        ns.Exec("ping", "-c", "20", "-i", "0.01", "-W", "1", "127.0.0.1");
        Thread.Sleep(200);
        long checksum = 0;
        PacketHandler handler = (in LivePacket packet) => checksum += packet.Data.Length + packet.AsFileRecord().TimestampSeconds;
        Assert.Equal(1, capture.Run(handler, count: 1, GiveUpLater())); // warm-up

        long before = GC.GetAllocatedBytesForCurrentThread();
        long handled = capture.Run(handler, count: 30);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(30, handled);
        Assert.Equal(0, capture.Statistics.DroppedByKernel);
        Assert.True(checksum > 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Run_hands_over_count_packets_of_a_full_ring_and_leaves_the_rest_for_the_next_read()
    {
        using var ns = NetworkNamespace.Create("z");
        using var capture = OpenLoopback(ns);
        ns.Exec("ping", "-c", "20", "-i", "0.01", "-W", "1", "127.0.0.1");
        Thread.Sleep(200); // 40 packets (requests and replies) wait in the ring
        long seen = 0;
        Assert.Equal(10, capture.Run((in LivePacket _) => seen++, count: 10, GiveUpLater()));
        Assert.Equal(10, seen);
        Assert.Equal(10, capture.Statistics.Captured);
        Assert.True(capture.TryRead(out _, TimeSpan.Zero), "the packets after the count were lost");
        Assert.Equal(11, capture.Statistics.Captured);
    }

    [Fact]
    public void Stop_in_a_handler_ends_Run_before_the_next_packet_already_in_the_ring()
    {
        using var ns = NetworkNamespace.Create("z");
        using var capture = OpenLoopback(ns);
        ns.Exec("ping", "-c", "20", "-i", "0.01", "-W", "1", "127.0.0.1");
        Thread.Sleep(200);
        long seen = 0;
        long handled = capture.Run((in LivePacket _) =>
        {
            seen++;
            capture.Stop();
        }, cancellation: GiveUpLater());
        Assert.Equal(1, handled);
        Assert.Equal(1, seen);
        // Every packet counted as captured was handed to the handler.
        Assert.Equal(1, capture.Statistics.Captured);
    }

    [Fact]
    public async Task Stop_from_another_thread_ends_a_blocked_read()
    {
        using var ns = NetworkNamespace.Create("z");
        using var capture = OpenLoopback(ns);
        var reader = Task.Run(() => capture.TryRead(out _));
        Thread.Sleep(200);
        Assert.False(reader.IsCompleted);
        capture.Stop();
        bool result = await reader.WaitAsync(TimeSpan.FromSeconds(5)); // throws TimeoutException if TryRead kept blocking
        Assert.False(result);
        Assert.True(capture.IsStopped);
    }

    [Fact]
    public async Task Dispose_from_another_thread_ends_RunAsync_and_is_idempotent()
    {
        using var ns = NetworkNamespace.Create("z");
        var capture = OpenLoopback(ns);
        long seen = 0;
        var run = capture.RunAsync((in LivePacket _) => Interlocked.Increment(ref seen));
        ns.Exec("ping", "-c", "2", "-i", "0.2", "-W", "1", "127.0.0.1");
        // The ring hands a block over when it fills or times out, so the last packets may still be on their way.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (Interlocked.Read(ref seen) < 4 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        capture.Dispose();
        long handled = await run.WaitAsync(TimeSpan.FromSeconds(5)); // throws TimeoutException if Run kept going
        Assert.Equal(handled, Interlocked.Read(ref seen));
        Assert.True(seen >= 4, $"saw {seen} packets of 2 echo requests and replies");
        capture.Dispose();
        Assert.False(capture.TryRead(out _));
    }

    [Fact]
    public async Task Dispose_waits_for_a_handler_still_reading_its_packet()
    {
        // The lab disposes its captures when Ctrl-C arrives mid-scenario; unmapping the ring under a running handler
        // crashed the process (SIGSEGV) before it could remove its namespaces.
        using var ns = NetworkNamespace.Create("z");
        var capture = OpenLoopback(ns);
        using var inHandler = new ManualResetEventSlim();
        long bytesSeen = 0;
        var run = capture.RunAsync((in LivePacket packet) =>
        {
            inHandler.Set();
            Thread.Sleep(300);
            foreach (byte b in packet.Data) // touches the ring after Dispose was called
                bytesSeen += b == 0 ? 0 : 1;
        });
        ns.Exec("ping", "-c", "1", "-W", "1", "127.0.0.1");
        Assert.True(inHandler.Wait(TimeSpan.FromSeconds(5)), "no packet reached the handler");
        capture.Dispose();
        long handled = await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, handled);
        Assert.True(bytesSeen > 0);
    }

    [Fact]
    public void The_kernel_refusing_a_program_is_reported_as_a_filter_error()
    {
        using var ns = NetworkNamespace.Create("z");
        // A jump past the end: the kernel's checker refuses it.
        var invalid = new BpfProgram([BpfInstruction.Jump(BpfOpcodes.Jmp | BpfOpcodes.Ja, 5, 0, 0), BpfInstruction.Statement(BpfOpcodes.Ret | BpfOpcodes.K, 1)]);
        var error = Assert.Throws<CaptureException>(() =>
            LiveCapture.Open("lo", new CaptureOptions { NetworkNamespace = ns.Name, Program = invalid }));
        Assert.Equal(CaptureError.FilterRejected, error.Error);
        Assert.StartsWith("the kernel refused the filter program for 'lo' (2 instructions)", error.Message, StringComparison.Ordinal);
    }
}
