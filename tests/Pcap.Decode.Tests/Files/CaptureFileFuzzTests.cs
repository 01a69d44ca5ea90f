using System.Buffers.Binary;
using Pcap.Decode.Files;

namespace Pcap.Decode.Tests.Files;

/// <summary>Thousands of seeded mutations and truncations of valid files: the reader throws nothing but CaptureFileException.</summary>
public class CaptureFileFuzzTests
{
    private static byte[] ValidFile(Random random, int kind)
    {
        var stream = new MemoryStream();
        int count = random.Next(1, 8);
        if (kind < 4)
        {
            using var writer = new PcapWriter(stream, new LinkType((uint)random.Next(300)), (uint)random.Next(64, 2000), kind % 2 == 1, kind >= 2, leaveOpen: true);
            for (int i = 0; i < count; i++)
            {
                var frame = new byte[random.Next(0, 300)];
                random.NextBytes(frame);
                writer.WritePacket(random.NextInt64(4_000_000_000_000_000_000L), frame, (uint)frame.Length);
            }
        }
        else
        {
            using var writer = new PcapNgWriter(stream, kind == 5, leaveOpen: true);
            for (int section = 0; section < random.Next(1, 3); section++)
            {
                if (section > 0)
                    writer.StartSection(random.Next(2) == 0);
                int interfaces = random.Next(1, 4);
                for (int i = 0; i < interfaces; i++)
                    writer.AddInterface(new LinkType((uint)random.Next(300)), random.Next(2) == 0 ? null : "if" + i, (uint)random.Next(0, 400),
                        (byte)(random.Next(2) == 0 ? random.Next(0, 20) : 0x80 | random.Next(0, 64)));
                for (int i = 0; i < count; i++)
                {
                    var frame = new byte[random.Next(0, 300)];
                    random.NextBytes(frame);
                    switch (random.Next(5))
                    {
                        case 0: writer.WriteSimplePacket(frame, (uint)frame.Length); break;
                        case 1: writer.WriteBlock((uint)random.Next(0x100, 0x10000), frame); break;
                        default: writer.WritePacket(random.Next(interfaces), random.NextInt64(1L << 62), frame, (uint)frame.Length); break;
                    }
                }
            }
        }
        return stream.ToArray();
    }

    private static void Mutate(Random random, ref byte[] file)
    {
        switch (random.Next(6))
        {
            case 0: // flip random bits
                for (int i = random.Next(1, 6); i > 0; i--)
                    file[random.Next(file.Length)] ^= (byte)(1 << random.Next(8));
                break;
            case 1: // truncate anywhere
                file = file[..random.Next(file.Length)];
                break;
            case 2: // write a hostile 32-bit value on a 4-byte boundary (lengths, ids, magic)
                int at = random.Next(file.Length / 4) * 4;
                uint value = random.Next(4) switch { 0 => uint.MaxValue, 1 => 0x7FFF_FFFC, 2 => (uint)random.Next(), _ => (uint)random.Next(64) };
                BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(Math.Min(at, file.Length - 4)), value);
                break;
            case 3: // random bytes over a run
                int start = random.Next(file.Length);
                random.NextBytes(file.AsSpan(start, Math.Min(file.Length - start, random.Next(1, 40))));
                break;
            case 4: // duplicate or drop a slice
                int from = random.Next(file.Length);
                int length = Math.Min(file.Length - from, random.Next(1, 64));
                file = random.Next(2) == 0
                    ? [.. file[..from], .. file[from..(from + length)], .. file[from..]]
                    : [.. file[..from], .. file[(from + length)..]];
                break;
            default: // several mutations at once
                for (int i = 0; i < 3; i++)
                    if (file.Length > 4)
                        Mutate(random, ref file);
                break;
        }
    }

    [Fact]
    public void Mutated_and_truncated_files_only_ever_throw_CaptureFileException()
    {
        var random = new Random(20261124);
        int errors = 0, packets = 0;
        for (int round = 0; round < 6000; round++)
        {
            var file = ValidFile(random, round % 6);
            Mutate(random, ref file);
            try
            {
                using var reader = CaptureReader.Open(new MemoryStream(file));
                while (reader.TryReadPacket(out var packet))
                {
                    Assert.True(packet.Data.Length <= CaptureLimits.MaxPacketLength);
                    packets++;
                }
            }
            catch (CaptureFileException e)
            {
                Assert.InRange(e.Offset, 0, file.Length);
                Assert.True(e.Message.Contains($"offset {e.Offset}", StringComparison.Ordinal), e.Message);
                errors++;
            }
        }
        // Both outcomes must actually occur, or the mutations are not exercising the reader.
        Assert.True(errors > 1000 && packets > 1000, $"errors {errors}, packets {packets}");
    }
}
