namespace Pcap.Native;

/// <summary>
/// A TPACKET_V3 receive ring mapped into our memory: a circle of blocks the kernel fills with packets and hands
/// over by setting the block status to TP_STATUS_USER; we hand each block back when we have read all its packets.
/// </summary>
internal sealed unsafe class PacketRing : IDisposable
{
    /// <summary>
    /// Bytes reserved in front of each frame (PACKET_RESERVE): 4, as libpcap's VLAN_TAG_LEN, so a ring holds as many
    /// packets as tcpdump's of the same size (24 cost 10% of the packets at 64 B). The kernel leaves room of its own:
    /// a frame starts at the 16-aligned end of the headers plus 16, plus this, less the link header it keeps (14 on
    /// Ethernet, 0 on cooked sockets), so 18 bytes are free for a re-inserted VLAN tag (4) and 32 for a cooked header (20).
    /// </summary>
    public const int HeadRoom = 4;

    private const int MaxBlockSize = 1 << 20;
    private const int MinBlocks = 16;

    private readonly byte* _memory;
    private readonly nuint _length;
    private readonly int _blockSize;
    private readonly int _blockCount;
    private int _block;
    private bool _holdingBlock;
    private int _packetsLeft;
    private byte* _next;

    private PacketRing(byte* memory, nuint length, int blockSize, int blockCount)
    {
        _memory = memory;
        _length = length;
        _blockSize = blockSize;
        _blockCount = blockCount;
    }

    /// <summary>The number of blocks.</summary>
    public int BlockCount => _blockCount;

    /// <summary>The size of one block in bytes.</summary>
    public int BlockSize => _blockSize;

    /// <summary>Sets up TPACKET_V3 with head room, asks for the ring and maps it.</summary>
    public static PacketRing Create(SafePacketSocketHandle socket, int snapLength, int bufferSize, int retireTimeoutMilliseconds, string device)
    {
        PacketSocket.SetInt(socket, Interop.SolPacket, Interop.PacketVersion, Interop.TPacketV3, "selecting TPACKET_V3", device);
        PacketSocket.SetInt(socket, Interop.SolPacket, Interop.PacketReserve, HeadRoom, "reserving head room", device);

        // Largest frame: kernel header and address, head room, then the packet (GRO can exceed the MTU, so allow 64 KiB).
        int headers = Align(sizeof(TPacket3Hdr) + sizeof(SockAddrLl) + 16) + HeadRoom;
        int frameSize = Align(headers + Math.Min(snapLength, 65536 + 64));
        int blockSize = Environment.SystemPageSize;
        while (blockSize < frameSize)
            blockSize <<= 1;
        // The kernel wakes the reader once per block: larger blocks mean fewer wake-ups (libpcap's are 256 KiB; at -B 8192
        // these are 512 KiB, and at 64 B frames half of tcpdump's wake-ups is a measurable part of the CPU per packet),
        // while at least MinBlocks keeps the block the reader holds a small part of the ring.
        while (blockSize < MaxBlockSize && (long)blockSize * 2 * MinBlocks <= bufferSize)
            blockSize <<= 1;
        int blockCount = Math.Max(2, bufferSize / blockSize);
        int framesPerBlock = blockSize / frameSize;

        var request = new TPacketReq3
        {
            BlockSize = (uint)blockSize,
            BlockCount = (uint)blockCount,
            FrameSize = (uint)frameSize,
            FrameCount = (uint)(framesPerBlock * blockCount),
            RetireBlockTimeout = (uint)Math.Max(1, retireTimeoutMilliseconds),
        };
        if (Interop.SetSockOpt(socket, Interop.SolPacket, Interop.PacketRxRing, &request, sizeof(TPacketReq3)) != 0)
            throw SystemErrors.FromLast($"creating a {blockCount} x {blockSize} byte receive ring", device);

        nuint length = (nuint)blockSize * (nuint)blockCount;
        nint memory = Interop.Mmap(0, length, Interop.ProtRead | Interop.ProtWrite, Interop.MapShared, socket, 0);
        if (memory == Interop.MapFailed)
            throw SystemErrors.FromLast("mapping the receive ring", device);
        return new PacketRing((byte*)memory, length, blockSize, blockCount);
    }

    /// <summary>The next packet header if one is ready, without waiting; null when the ring has nothing for us.</summary>
    public TPacket3Hdr* TryNext()
    {
        while (true)
        {
            if (_packetsLeft > 0)
            {
                var header = (TPacket3Hdr*)_next;
                _packetsLeft--;
                _next += header->NextOffset;
                return header;
            }
            if (_holdingBlock)
            {
                Volatile.Write(ref Block(_block)->BlockStatus, Interop.TpStatusKernel);
                _holdingBlock = false;
                _block = (_block + 1) % _blockCount;
            }
            var block = Block(_block);
            if ((Volatile.Read(ref block->BlockStatus) & Interop.TpStatusUser) == 0)
                return null;
            _holdingBlock = true;
            _packetsLeft = (int)block->PacketCount;
            _next = (byte*)block + block->OffsetToFirstPacket;
        }
    }

    /// <summary>
    /// True when the ring holds no packet at all, read or unread: call it after <see cref="TryNext"/> returned null. The
    /// block the kernel fills next is then ours to read next; the kernel counts a packet in it when it reserves the room,
    /// before it takes the packet's time stamp, so a count of 0 means every packet still to come is stamped from now on
    /// (or earlier only by the time the stack took to bring it here, when the packet was stamped on its way in).
    /// </summary>
    public bool IsEmpty
    {
        get
        {
            if (_packetsLeft > 0)
                return false;
            var block = Block(_holdingBlock ? (_block + 1) % _blockCount : _block);
            // A block handed back but not reopened yet keeps its old count: that reads as not empty, which only costs waiting.
            return (Volatile.Read(ref block->BlockStatus) & Interop.TpStatusUser) == 0 && Volatile.Read(ref block->PacketCount) == 0;
        }
    }

    private TPacketBlockDesc* Block(int index) => (TPacketBlockDesc*)(_memory + (long)index * _blockSize);

    private static int Align(int value) => (value + Interop.TPacketAlignment - 1) & ~(Interop.TPacketAlignment - 1);

    /// <summary>The offset of the <c>sockaddr_ll</c> the kernel stores after each <c>tpacket3_hdr</c>.</summary>
    public static int AddressOffset => Align(sizeof(TPacket3Hdr));

    /// <inheritdoc/>
    public void Dispose() => Interop.Munmap((nint)_memory, _length);
}
