using System.Text;

namespace Pcap.Testing.Packets;

/// <summary>
/// Seeded DNS messages: queries and responses with every record type tcpdump decodes, EDNS options, compression pointers
/// (backwards, forwards, loops), bit-string and reserved labels, long names, and counts that lie.
/// </summary>
public sealed class DnsBuilder(Random random)
{
    private static readonly string[] Labels =
        ["www", "example", "test", "a", "mail", "_sip", "_tcp", "local", "in-addr", "arpa", "ns1", "printer", "x", "com", "org", "b-c"];

    private static readonly int[] Types =
        [1, 1, 1, 28, 28, 5, 2, 12, 6, 15, 16, 33, 38, 39, 41, 256, 250, 104, 13, 255, 252, 251, 43, 46, 47, 48, 99, 65, 64, 0, 1234];

    private readonly List<(int Offset, string Suffix)> _names = new();
    private ByteWriter _w = new();

    /// <summary>The next message; <paramref name="multicast"/> sets mDNS's top class bit now and then.</summary>
    public byte[] Next(bool multicast = false)
    {
        _w = new ByteWriter();
        _names.Clear();
        bool response = random.Next(2) == 0;
        int opcode = random.Next(10) == 0 ? random.Next(16) : 0;
        int flags = (response ? 0x8000 : 0) | opcode << 11;
        if (random.Next(2) == 0) flags |= 0x0100;
        if (response && random.Next(3) > 0) flags |= 0x0080;
        if (random.Next(6) == 0) flags |= 0x0400;
        if (random.Next(10) == 0) flags |= 0x0200;
        if (random.Next(6) == 0) flags |= 0x0020;
        if (random.Next(8) == 0) flags |= 0x0010;
        if (random.Next(12) == 0) flags |= 0x0040;
        if (response) flags |= random.Next(3) == 0 ? random.Next(16) : 0;
        else if (random.Next(15) == 0) flags |= random.Next(16);
        int questions = random.Next(12) == 0 ? random.Next(0, 4) : 1;
        int answers = response ? random.Next(0, 5) : random.Next(8) == 0 ? random.Next(1, 3) : 0;
        int authorities = random.Next(4) == 0 ? random.Next(1, 3) : 0;
        int additionals = random.Next(2) == 0 ? random.Next(1, 3) : 0;
        _w.U16(random.Next(65536)).U16(flags).U16(questions).U16(answers).U16(authorities).U16(additionals);
        for (int i = 0; i < questions; i++)
        {
            Name();
            _w.U16(Types[random.Next(Types.Length)]).U16(Class(multicast));
        }
        bool optWritten = false;
        for (int i = 0; i < answers + authorities + additionals; i++)
        {
            bool additional = i >= answers + authorities;
            if (additional && !optWritten && random.Next(2) == 0)
            {
                optWritten = true;
                Opt();
            }
            else
            {
                Record(multicast);
            }
        }
        if (random.Next(15) == 0)
            _w.PatchU16(4 + 2 * random.Next(4), random.Next(8) == 0 ? random.Next(65536) : random.Next(6));
        return _w.ToArray();
    }

    private int Class(bool multicast)
    {
        int value = random.Next(10) switch { < 7 => 1, 7 => 3, 8 => 255, _ => random.Next(65536) };
        if (multicast && random.Next(2) == 0) value |= 0x8000;
        return value & 0xffff;
    }

    /// <summary>A domain name, compressed against earlier names when it can be, sometimes with a broken pointer or label.</summary>
    public void Name()
    {
        int roll = random.Next(100);
        if (roll < 4)
        {
            _w.U8(0);
            return;
        }
        if (roll < 7)
        {
            // A pointer that does not point backwards: at itself, forwards, or into a loop.
            int here = _w.Length;
            int target = random.Next(3) switch { 0 => here, 1 => here + random.Next(1, 40), _ => random.Next(0, here + 2) };
            _w.U8(0xc0 | (target >> 8 & 0x3f)).U8(target & 0xff);
            return;
        }
        int count = random.Next(20) == 0 ? random.Next(5, 40) : random.Next(1, 5);
        var parts = new List<string>();
        for (int i = 0; i < count; i++) parts.Add(Labels[random.Next(Labels.Length)]);
        for (int i = 0; i < parts.Count; i++)
        {
            var suffix = string.Join('.', parts.Skip(i));
            var known = _names.FindIndex(n => n.Suffix == suffix);
            if (known >= 0 && random.Next(4) > 0)
            {
                _w.U8(0xc0 | _names[known].Offset >> 8).U8(_names[known].Offset & 0xff);
                return;
            }
            if (_w.Length < 0x3fff) _names.Add((_w.Length, suffix));
            int special = random.Next(120);
            if (special == 0)
            {
                // RFC 2673 bit-string label.
                int bits = random.Next(8) == 0 ? 0 : random.Next(1, 40);
                _w.U8(0x41).U8(bits).RandomBytes(random, ((bits == 0 ? 256 : bits) + 7) / 8);
                continue;
            }
            if (special == 1)
            {
                _w.U8(random.Next(2) == 0 ? 0x80 | random.Next(64) : 0x40 | random.Next(2, 64));
                return;
            }
            if (special == 2)
            {
                var odd = new byte[random.Next(1, 64)];
                random.NextBytes(odd);
                _w.U8(odd.Length).Bytes(odd);
                continue;
            }
            if (special == 3)
            {
                _w.U8(63).Bytes(Encoding.ASCII.GetBytes(new string('q', 63)));
                continue;
            }
            var label = Encoding.ASCII.GetBytes(parts[i]);
            _w.U8(label.Length).Bytes(label);
        }
        _w.U8(0);
    }

    private void Record(bool multicast)
    {
        Name();
        int type = Types[random.Next(Types.Length)];
        if (type == 41) type = 1;
        _w.U16(type).U16(Class(multicast)).U32(random.Next(6) switch { 0 => 0, 1 => (uint)random.Next(), 2 => 3600, 3 => 86400 * 8 + 61, _ => (uint)random.Next(1, 100000) });
        int lengthAt = _w.Length;
        _w.U16(0);
        int start = _w.Length;
        switch (type)
        {
            case 1: _w.Bytes(AddressPool.NextIpv4(random)); break;
            case 28: _w.Bytes(AddressPool.NextIpv6(random)); break;
            case 2 or 5 or 12 or 39: Name(); break;
            case 6:
                Name(); Name();
                for (int i = 0; i < 5; i++) _w.U32((uint)random.Next());
                break;
            case 15: _w.U16(random.Next(100)); Name(); break;
            case 16:
                for (int i = random.Next(0, 4); i > 0; i--)
                {
                    var text = new byte[random.Next(0, 30)];
                    for (int j = 0; j < text.Length; j++) text[j] = (byte)(random.Next(8) == 0 ? random.Next(256) : random.Next(32, 127));
                    _w.U8(text.Length).Bytes(text);
                }
                break;
            case 33: _w.U16(random.Next(100)).U16(random.Next(100)).U16(random.Next(65536)); Name(); break;
            case 38:
                int prefix = random.Next(6) switch { 0 => 0, 1 => 128, 2 => random.Next(129, 256), _ => random.Next(0, 129) };
                _w.U8(prefix);
                if (prefix <= 128) _w.RandomBytes(random, 16 - (prefix & ~7) / 8);
                if (prefix > 0 && prefix <= 128) Name();
                break;
            case 256:
                _w.U16(random.Next(100)).U16(random.Next(100)).Bytes(Encoding.ASCII.GetBytes("http://www.example.test/"));
                break;
            case 250:
                Name();
                _w.U16(0).U32((uint)random.Next()).U16(300);
                int mac = random.Next(0, 33);
                _w.U16(mac).RandomBytes(random, mac).U16(random.Next(65536)).U16(random.Next(24)).U16(0);
                break;
            case 104:
                _w.Bytes(Encoding.ASCII.GetBytes("some text\x01\xff"));
                break;
            default:
                _w.RandomBytes(random, random.Next(0, 24));
                break;
        }
        int length = _w.Length - start;
        if (random.Next(25) == 0) length = random.Next(0, length + 10);
        _w.PatchU16(lengthAt, length);
    }

    private void Opt()
    {
        _w.U8(0).U16(41).U16(random.Next(4) switch { 0 => 512, 1 => 1232, 2 => 4096, _ => random.Next(65536) });
        int extended = random.Next(4) == 0 ? random.Next(256) : 0;
        _w.U8(extended).U8(0).U16(random.Next(2) == 0 ? 0x8000 : random.Next(8) == 0 ? random.Next(65536) : 0);
        int lengthAt = _w.Length;
        _w.U16(0);
        int start = _w.Length;
        for (int i = random.Next(0, 4); i > 0; i--)
        {
            int code = random.Next(20) == 0 ? random.Next(65536) : random.Next(0, 18);
            var data = new ByteWriter();
            switch (code)
            {
                case 8:
                    int family = random.Next(8) == 0 ? random.Next(4) : random.Next(1, 3);
                    int bits = family == 2 ? 128 : 32;
                    int source = random.Next(8) == 0 ? random.Next(256) : random.Next(0, bits + 1);
                    data.U16(family).U8(source).U8(random.Next(4) == 0 ? random.Next(0, bits + 1) : 0);
                    data.RandomBytes(random, random.Next(8) == 0 ? random.Next(0, 20) : (source + 7) / 8);
                    break;
                case 10: data.RandomBytes(random, random.Next(3) switch { 0 => 8, 1 => random.Next(16, 41), _ => random.Next(0, 44) }); break;
                case 11: data.RandomBytes(random, random.Next(4) == 0 ? random.Next(0, 4) : 2); break;
                case 9: data.RandomBytes(random, random.Next(4) == 0 ? random.Next(0, 6) : 4); break;
                case 13:
                    var saved = _w;
                    _w = data;
                    Name();
                    _w = saved;
                    break;
                case 5 or 6 or 7: for (int j = random.Next(0, 6); j > 0; j--) data.U8(random.Next(3) == 0 ? random.Next(256) : random.Next(0, 17)); break;
                default: data.RandomBytes(random, random.Next(0, 20)); break;
            }
            int declared = random.Next(30) == 0 ? random.Next(0, 60) : data.Length;
            _w.U16(code).U16(declared).Bytes(data.Written);
        }
        _w.PatchU16(lengthAt, random.Next(30) == 0 ? random.Next(0, 60) : _w.Length - start);
    }
}
