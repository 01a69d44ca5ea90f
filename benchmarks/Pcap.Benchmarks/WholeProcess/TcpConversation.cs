namespace Pcap.Benchmarks.WholeProcess;

/// <summary>One TCP conversation of the generated capture: its endpoints, next sequence numbers and where it is (0 SYN due, 1 SYN-ACK due, 2 open, 3 closing, 4 closed).</summary>
internal struct TcpConversation
{
    public uint Client;
    public uint Server;
    public ushort ClientPort;
    public ushort ServerPort;
    public uint ClientSequence;
    public uint ServerSequence;
    public int State;
}
