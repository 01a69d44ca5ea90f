namespace Pcap.Testing.Packets;

/// <summary>TCP segments: common flag combinations, options (MSS, window scale, SACK, timestamps), valid checksums.</summary>
public static class TcpBuilder
{
    /// <summary>TCP flag bits as in the header's 13th byte.</summary>
    public const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10, Urg = 0x20, Ece = 0x40, Cwr = 0x80;

    private static readonly byte[] CommonFlags =
        [Syn, Syn | Ack, Ack, Psh | Ack, Fin | Ack, Rst, Rst | Ack, Urg | Ack, Fin | Psh | Urg, Syn | Ece | Cwr, 0];

    /// <summary>
    /// A PSH/ACK segment carrying <paramref name="payload"/>, with random sequence and acknowledgement numbers, a 20-byte
    /// header and a correct checksum: the carrier the application-protocol generators put their payloads in.
    /// </summary>
    public static byte[] DataSegment(Random random, byte[] source, byte[] destination, int sourcePort, int destinationPort, byte[] payload)
    {
        var w = new ByteWriter().U16(sourcePort).U16(destinationPort).U32((uint)random.Next()).U32((uint)random.Next())
            .U8(5 << 4).U8(Psh | Ack).U16(65535).U16(0).U16(0).Bytes(payload);
        w.PatchU16(16, Checksums.WithPseudoHeader(source, destination, 6, w.Written));
        return w.ToArray();
    }

    /// <summary>Builds a segment between the given ports with random flags, options and payload.</summary>
    public static byte[] Build(Random random, byte[] source, byte[] destination, int sourcePort, int destinationPort, out string description)
    {
        byte flags = random.Next(8) == 0 ? (byte)random.Next(256) : CommonFlags[random.Next(CommonFlags.Length)];
        var options = new ByteWriter();
        if (random.Next(3) == 0)
        {
            options.U8(2).U8(4).U16(random.Next(2) == 0 ? 1460 : random.Next(65536));
            if (random.Next(2) == 0) options.U8(1).U8(3).U8(3).U8(random.Next(15));
            if (random.Next(2) == 0) options.U8(4).U8(2);
            if (random.Next(2) == 0) options.U8(8).U8(10).U32((uint)random.Next()).U32((uint)random.Next());
            if (random.Next(4) == 0) options.U8(1).U8(1).U8(5).U8(10).U32((uint)random.Next()).U32((uint)random.Next());
            while (options.Length % 4 != 0) options.U8(random.Next(2) == 0 ? 1 : 0);
        }
        int payloadLength = random.Next(20) switch { < 7 => 0, < 13 => random.Next(1, 64), < 19 => random.Next(64, 600), _ => random.Next(1400, 1600) };
        int dataOffset = 5 + options.Length / 4;
        // A few segments lie about their header length, as broken stacks and fuzzers do.
        int declaredOffset = random.Next(40) == 0 ? random.Next(16) : dataOffset;

        var w = new ByteWriter()
            .U16(sourcePort).U16(destinationPort).U32((uint)random.Next()).U32(flags.HasAck() ? (uint)random.Next() : 0)
            .U8(declaredOffset << 4).U8(flags).U16(random.Next(2) == 0 ? 65535 : random.Next(65536)).U16(0)
            .U16((flags & Urg) != 0 ? random.Next(1, 100) : 0)
            .Bytes(options.Written).RandomBytes(random, payloadLength);
        w.PatchU16(16, Checksums.WithPseudoHeader(source, destination, 6, w.Written));
        if (random.Next(30) == 0) w.PatchU16(16, random.Next(65536));
        description = $"tcp {sourcePort}>{destinationPort} flags 0x{flags:x2} len {payloadLength}";
        return w.ToArray();
    }

    private static bool HasAck(this byte flags) => (flags & Ack) != 0;
}
