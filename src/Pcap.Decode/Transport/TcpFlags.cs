namespace Pcap.Decode.Transport;

/// <summary>TCP header flag bits (byte 13).</summary>
[Flags]
public enum TcpFlags : byte
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>FIN.</summary>
    Fin = 0x01,
    /// <summary>SYN.</summary>
    Syn = 0x02,
    /// <summary>RST.</summary>
    Rst = 0x04,
    /// <summary>PSH.</summary>
    Psh = 0x08,
    /// <summary>ACK.</summary>
    Ack = 0x10,
    /// <summary>URG.</summary>
    Urg = 0x20,
    /// <summary>ECE (ECN echo).</summary>
    Ece = 0x40,
    /// <summary>CWR (congestion window reduced).</summary>
    Cwr = 0x80,
}
