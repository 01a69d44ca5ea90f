namespace Pcap.Testing.Packets;

/// <summary>SCTP packets: a common header with a CRC-32C and one DATA, INIT, SACK, HEARTBEAT or ABORT chunk.</summary>
public static class SctpBuilder
{
    /// <summary>Builds a packet between the given ports.</summary>
    public static byte[] Build(Random random, int sourcePort, int destinationPort, out string description)
    {
        var w = new ByteWriter().U16(sourcePort).U16(destinationPort).U32((uint)random.Next()).U32(0);
        int chunk = random.Next(5);
        switch (chunk)
        {
            case 0: // DATA
                int dataLength = random.Next(1, 40);
                w.U8(0).U8(3).U16(16 + dataLength).U32((uint)random.Next()).U16(random.Next(4)).U16(random.Next(100)).U32(0)
                    .RandomBytes(random, dataLength);
                while (w.Length % 4 != 0) w.U8(0);
                break;
            case 1: // INIT
                w.U8(1).U8(0).U16(20).U32((uint)random.Next()).U32(65536).U16(10).U16(10).U32((uint)random.Next());
                break;
            case 2: // SACK
                w.U8(3).U8(0).U16(16).U32((uint)random.Next()).U32(65536).U16(0).U16(0);
                break;
            case 3: // HEARTBEAT with an info parameter
                w.U8(4).U8(0).U16(12).U16(1).U16(8).U32((uint)random.Next());
                break;
            default: // ABORT
                w.U8(6).U8(random.Next(2)).U16(4);
                break;
        }
        uint crc = Checksums.Crc32c(w.Written);
        // The CRC-32C goes on the wire least significant byte first.
        w.PatchU32(8, (crc >> 24) | ((crc >> 8) & 0xff00) | ((crc << 8) & 0xff0000) | (crc << 24));
        description = $"sctp {sourcePort}>{destinationPort} chunk {chunk}";
        return w.ToArray();
    }
}
