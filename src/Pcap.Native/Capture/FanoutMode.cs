namespace Pcap.Native;

/// <summary>How the kernel picks the worker of a fanout group for each packet (<c>PACKET_FANOUT_*</c>; the values are the kernel's).</summary>
public enum FanoutMode
{
    /// <summary>By a symmetric flow hash (addresses and ports): both directions of a flow go to the same worker.</summary>
    Hash = 0,
    /// <summary>Round robin, packet by packet: even load, flows split across workers.</summary>
    LoadBalance = 1,
    /// <summary>By the CPU that received the packet: pairs each worker with the CPUs (and so the NIC queues) that feed it.</summary>
    Cpu = 2,
    /// <summary>Fill one worker's ring, then move to the next: all to one worker until it falls behind.</summary>
    Rollover = 3,
    /// <summary>Uniformly at random.</summary>
    Random = 4,
    /// <summary>By the NIC receive queue the packet was recorded on (<c>skb_get_queue_mapping</c>).</summary>
    QueueMapping = 5,
    /// <summary>By a classic BPF selector program whose return value, modulo the number of workers, names the worker.</summary>
    Bpf = 6,
}
