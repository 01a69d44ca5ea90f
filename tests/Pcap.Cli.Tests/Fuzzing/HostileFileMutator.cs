using System.Buffers.Binary;
using Pcap.Decode.Files;

namespace Pcap.Cli.Tests.Fuzzing;

/// <summary>
/// Seeded hostile capture files: valid pcap and pcapng files (both byte orders, micro and nano, the modified format,
/// several interfaces and link types), then truncated at every offset of their headers, with header fields set to
/// hostile values, bits flipped, or spliced with another file.
/// </summary>
internal sealed class HostileFileMutator(int seed, bool longFiles = false)
{
    private static readonly byte[] Arp = Convert.FromHexString("ffffffffffff0242ac110002080600010800060400010242ac110002ac110002000000000000ac110001");
    private static readonly byte[] IcmpOverIp = Convert.FromHexString("4500001c0001000040017cd00a0000010a0000020800f7ff00000000");
    private static readonly uint[] HostileValues =
        [0, 1, 13, 14, 42, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 262_143, 262_144, 262_145, 65_535, 999_999, 1_000_000, 0x0A0D_0D0A, 0x1A2B_3C4D];

    private readonly Random _random = new(seed);
    private readonly Queue<(byte[] File, string How)> _pending = new();
    private byte[] _previous = [];

    /// <summary>The next hostile file and a short description of how it was made (for the failure message).</summary>
    public (byte[] File, string How) Next()
    {
        if (_pending.Count == 0)
            Refill();
        return _pending.Dequeue();
    }

    private void Refill()
    {
        var (seedFile, fields) = ValidFile();
        // Truncation at every offset of the headers: the file header and the first two record or block headers.
        int headerEnd = Math.Min(seedFile.Length, fields.Count > 4 ? fields[4] + 4 : seedFile.Length);
        for (int cut = 0; cut < headerEnd; cut += 1 + _random.Next(3))
            _pending.Enqueue((seedFile[..cut], $"truncated at {cut}"));
        for (int i = 0; i < 40; i++)
            _pending.Enqueue(Mutate(seedFile, fields));
        _previous = seedFile;
    }

    private (byte[] File, string How) Mutate(byte[] file, List<int> fields)
    {
        var copy = (byte[])file.Clone();
        switch (_random.Next(5))
        {
            case 0:
            case 1:
            {
                // A header field (length, snapshot length, link type, time stamp, interface id) set to a hostile value.
                int at = fields[_random.Next(fields.Count)];
                uint value = _random.Next(3) == 0 ? (uint)_random.Next() : HostileValues[_random.Next(HostileValues.Length)];
                bool bigEndian = _random.Next(4) == 0;
                if (at + 4 <= copy.Length)
                {
                    if (bigEndian)
                        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(at), value);
                    else
                        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at), value);
                }
                return (copy, $"field at {at} = 0x{value:x8}{(bigEndian ? " (BE)" : "")}");
            }
            case 2:
            {
                int flips = _random.Next(1, 8);
                for (int i = 0; i < flips; i++)
                    copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
                return (copy, $"{flips} bit flips");
            }
            case 3:
            {
                int head = _random.Next(copy.Length + 1);
                int tail = _previous.Length == 0 ? 0 : _random.Next(_previous.Length + 1);
                return ([.. copy[..head], .. _previous[tail..]], $"splice {head} + previous from {tail}");
            }
            default:
            {
                int cut = _random.Next(copy.Length + 1);
                return (copy[..cut], $"truncated at {cut}");
            }
        }
    }

    // A valid file and the offsets of its header fields (file header first, then record or block headers).
    private (byte[] File, List<int> Fields) ValidFile()
    {
        var stream = new MemoryStream();
        var fields = new List<int>();
        int packets = longFiles ? _random.Next(20, 120) : _random.Next(5, 20);
        if (_random.Next(2) == 0)
        {
            uint linkType = Pick<uint>(1, 1, 101, 113, 276, 0, 12);
            uint snapLength = Pick<uint>(65535, 262144, 100, 1000, 0x7FFF_FFFF);
            using (var writer = new PcapWriter(stream, new LinkType(linkType), snapLength, _random.Next(2) == 0, _random.Next(3) == 0, leaveOpen: true))
            {
                fields.AddRange([0, 4, 16, 20]);
                for (int i = 0; i < packets; i++)
                {
                    fields.AddRange([(int)stream.Position, (int)stream.Position + 4, (int)stream.Position + 8, (int)stream.Position + 12]);
                    var frame = Frame(linkType);
                    writer.WritePacket(1_700_000_000L + _random.Next(1000), _random.Next(1_000_000) * 1000L, frame, (uint)frame.Length + (uint)_random.Next(2));
                    writer.Flush();
                }
            }
            var bytes = stream.ToArray();
            // Now and then an older minor version: the same records, read with libpcap's swapped-length rules.
            if (_random.Next(6) == 0)
            {
                if (bytes[0] == 0xA1)
                    BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), (ushort)_random.Next(4));
                else
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), (ushort)_random.Next(4));
            }
            return (bytes, fields);
        }

        using (var writer = new PcapNgWriter(stream, _random.Next(3) == 0, leaveOpen: true))
        {
            fields.AddRange([0, 4, 8, 12]);
            int interfaces = _random.Next(1, 4);
            var linkTypes = new uint[interfaces];
            for (int i = 0; i < interfaces; i++)
            {
                linkTypes[i] = Pick<uint>(1, 1, 101, 276, 113);
                fields.AddRange([(int)stream.Position, (int)stream.Position + 4, (int)stream.Position + 8, (int)stream.Position + 12]);
                writer.AddInterface(new LinkType(linkTypes[i]), _random.Next(2) == 0 ? null : "if" + i, Pick<uint>(0, 262144, 100, 1500),
                    Pick<byte>(6, 6, 9, 0, 3, 0x80 | 20));
                writer.Flush();
            }
            for (int i = 0; i < packets; i++)
            {
                int id = _random.Next(interfaces);
                fields.AddRange([(int)stream.Position + 4, (int)stream.Position + 8, (int)stream.Position + 12, (int)stream.Position + 20, (int)stream.Position + 24]);
                var frame = Frame(linkTypes[id]);
                if (_random.Next(10) == 0 && id == 0)
                    writer.WriteSimplePacket(frame, (uint)frame.Length);
                else
                    writer.WritePacket(id, 1_700_000_000L + _random.Next(1000), _random.Next(1_000_000_000), frame, (uint)frame.Length);
                writer.Flush();
            }
        }
        return (stream.ToArray(), fields);
    }

    private byte[] Frame(uint linkType)
    {
        byte[] payload = _random.Next(3) switch
        {
            0 => IcmpOverIp,
            1 => [.. IcmpOverIp, .. new byte[_random.Next(0, 200)]],
            _ => RandomBytes(_random.Next(1, 300)),
        };
        return linkType switch
        {
            1 => _random.Next(3) == 0 ? Arp : [.. Convert.FromHexString("0242ac1100020242ac1100030800"), .. payload],
            113 => [.. Convert.FromHexString("00000001000600000000000000000800"), .. payload],
            276 => [.. Convert.FromHexString("0800000000000002000100060000000000000000"), .. payload],
            0 => [2, 0, 0, 0, .. payload],
            _ => payload,
        };
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
}
