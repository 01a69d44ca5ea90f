using System.Net;
using System.Net.Sockets;
using Pcap.Filter.Ast;
using Pcap.Filter.Bpf;
using Pcap.Filter.Names;
using static Pcap.Filter.Compilation.ProtocolNumbers;

namespace Pcap.Filter.Compilation;

// Host, network and link-address primitives (gen_host, gen_host6, gen_ehostop, gen_ncode, gen_mcode, gen_ecode).
internal sealed partial class CodeGenerator
{
    private static string? MacOnlyDirection(DirectionQualifier dir, string what) => dir switch
    {
        DirectionQualifier.Addr1 => $"'addr1' and 'address1' are not valid qualifiers for {what}",
        DirectionQualifier.Addr2 => $"'addr2' and 'address2' are not valid qualifiers for {what}",
        DirectionQualifier.Addr3 => $"'addr3' and 'address3' are not valid qualifiers for {what}",
        DirectionQualifier.Addr4 => $"'addr4' and 'address4' are not valid qualifiers for {what}",
        DirectionQualifier.Ra => $"'ra' is not a valid qualifier for {what}",
        DirectionQualifier.Ta => $"'ta' is not a valid qualifier for {what}",
        _ => null,
    };

    // 'src and dst' (both) or 'src or dst' (either, the default) from the one-direction form of a primitive.
    // The two blocks are built by the caller, source first (a delegate here would make every call allocate a closure).
    private static CodeBlock BothDirections(DirectionQualifier dir, CodeBlock b0, CodeBlock b1)
    {
        if (dir == DirectionQualifier.And)
            BlockLogic.And(b0, b1);
        else
            BlockLogic.Or(b0, b1);
        return b1;
    }

    private CodeBlock HostOp(uint addr, uint mask, DirectionQualifier dir, uint proto, uint srcOff, uint dstOff)
    {
        uint offset;
        switch (dir)
        {
            case DirectionQualifier.Src: offset = srcOff; break;
            case DirectionQualifier.Dst: offset = dstOff; break;
            case DirectionQualifier.And or DirectionQualifier.Default or DirectionQualifier.Or:
                return BothDirections(dir, HostOp(addr, mask, DirectionQualifier.Src, proto, srcOff, dstOff),
                    HostOp(addr, mask, DirectionQualifier.Dst, proto, srcOff, dstOff));
            default:
                throw Error(MacOnlyDirection(dir, "addresses other than 802.11 MAC addresses")!);
        }
        var t = LinkTypeTest(proto);
        var c = CompareMasked(OffsetBase.LinkPayload, offset, BpfOpcodes.W, addr, mask);
        BlockLogic.And(t, c);
        return c;
    }

    private CodeBlock HostOp6(byte[] addr, byte[] mask, DirectionQualifier dir, uint proto, uint srcOff, uint dstOff)
    {
        uint offset;
        switch (dir)
        {
            case DirectionQualifier.Src: offset = srcOff; break;
            case DirectionQualifier.Dst: offset = dstOff; break;
            case DirectionQualifier.And or DirectionQualifier.Default or DirectionQualifier.Or:
                return BothDirections(dir, HostOp6(addr, mask, DirectionQualifier.Src, proto, srcOff, dstOff),
                    HostOp6(addr, mask, DirectionQualifier.Dst, proto, srcOff, dstOff));
            default:
                throw Error(MacOnlyDirection(dir, "addresses other than 802.11 MAC addresses")!);
        }
        static uint Word(ReadOnlySpan<byte> b, int i) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b[(i * 4)..]);
        var r = CompareMasked(OffsetBase.LinkPayload, offset + 12, BpfOpcodes.W, Word(addr, 3), Word(mask, 3));
        var x = CompareMasked(OffsetBase.LinkPayload, offset + 8, BpfOpcodes.W, Word(addr, 2), Word(mask, 2));
        BlockLogic.And(x, r);
        x = CompareMasked(OffsetBase.LinkPayload, offset + 4, BpfOpcodes.W, Word(addr, 1), Word(mask, 1));
        BlockLogic.And(x, r);
        x = CompareMasked(OffsetBase.LinkPayload, offset + 0, BpfOpcodes.W, Word(addr, 0), Word(mask, 0));
        BlockLogic.And(x, r);
        x = LinkTypeTest(proto);
        BlockLogic.And(x, r);
        return r;
    }

    private CodeBlock EthernetHostOp(byte[] mac, DirectionQualifier dir)
    {
        switch (dir)
        {
            case DirectionQualifier.Src: return CompareBytes(OffsetBase.LinkHeader, 6, mac);
            case DirectionQualifier.Dst: return CompareBytes(OffsetBase.LinkHeader, 0, mac);
            case DirectionQualifier.And or DirectionQualifier.Default or DirectionQualifier.Or:
                return BothDirections(dir, EthernetHostOp(mac, DirectionQualifier.Src), EthernetHostOp(mac, DirectionQualifier.Dst));
            default:
                throw Error("802.11 address qualifiers are only supported on 802.11 with 802.11 headers");
        }
    }

    private static string ProtoName(ProtoQualifier p) => p switch
    {
        ProtoQualifier.Ipv6 => "ip6",
        ProtoQualifier.Icmpv6 => "icmp6",
        ProtoQualifier.IsisL1 => "l1",
        ProtoQualifier.IsisL2 => "l2",
        ProtoQualifier.IsisIih => "iih",
        ProtoQualifier.IsisSnp => "snp",
        ProtoQualifier.IsisCsnp => "csnp",
        ProtoQualifier.IsisPsnp => "psnp",
        ProtoQualifier.IsisLsp => "lsp",
        _ => p.ToString().ToLowerInvariant(),
    };

    private CodeBlock Host(uint addr, uint mask, ProtoQualifier proto, DirectionQualifier dir, AddressQualifier type)
    {
        string typeName = type == AddressQualifier.Net ? "net" : "host";
        switch (proto)
        {
            case ProtoQualifier.Default:
            {
                var b0 = Host(addr, mask, ProtoQualifier.Ip, dir, type);
                if (_labelStackDepth == 0)
                {
                    var b1 = Host(addr, mask, ProtoQualifier.Arp, dir, type);
                    BlockLogic.Or(b0, b1);
                    b0 = Host(addr, mask, ProtoQualifier.Rarp, dir, type);
                    BlockLogic.Or(b1, b0);
                }
                return b0;
            }
            case ProtoQualifier.Link: throw Error($"link-layer modifier applied to {typeName}");
            case ProtoQualifier.Ip: return HostOp(addr, mask, dir, EtherTypeIp, 12, 16);
            case ProtoQualifier.Rarp: return HostOp(addr, mask, dir, EtherTypeRarp, 14, 24);
            case ProtoQualifier.Arp: return HostOp(addr, mask, dir, EtherTypeArp, 14, 24);
            case ProtoQualifier.Decnet: return DecnetHostOp(addr, dir);
            case ProtoQualifier.Ipv6: throw Error("'ip6' modifier applied to ip host");
            case ProtoQualifier.Atalk or ProtoQualifier.Lat or ProtoQualifier.Sca or ProtoQualifier.Moprc or ProtoQualifier.Mopdl
                or ProtoQualifier.Aarp or ProtoQualifier.Iso or ProtoQualifier.Ipx:
                throw Error($"{ProtoName(proto)} host filtering not implemented");
            default:
                throw Error($"'{ProtoName(proto)}' modifier applied to {typeName}");
        }
    }

    private CodeBlock Host6(ReadOnlySpan<byte> addr, ReadOnlySpan<byte> mask, ProtoQualifier proto, DirectionQualifier dir, AddressQualifier type)
    {
        string typeName = type == AddressQualifier.Net ? "net" : "host";
        return proto switch
        {
            ProtoQualifier.Default or ProtoQualifier.Ipv6 => HostOp6(addr.ToArray(), mask.ToArray(), dir, EtherTypeIpv6, 8, 24),
            ProtoQualifier.Link => throw Error($"link-layer modifier applied to ip6 {typeName}"),
            _ => throw Error($"'{ProtoName(proto)}' modifier applied to ip6 {typeName}"),
        };
    }

    private CodeBlock DecnetHostOp(uint addr, DirectionQualifier dir)
    {
        uint offsetShort, offsetLong;
        switch (dir)
        {
            case DirectionQualifier.Dst: offsetShort = 1; offsetLong = 7; break;
            case DirectionQualifier.Src: offsetShort = 3; offsetLong = 15; break;
            case DirectionQualifier.And or DirectionQualifier.Default or DirectionQualifier.Or:
                return BothDirections(dir, DecnetHostOp(addr, DirectionQualifier.Src), DecnetHostOp(addr, DirectionQualifier.Dst));
            default:
                throw Error(MacOnlyDirection(dir, "addresses other than 802.11 MAC addresses")!);
        }
        static uint Swap16(uint v) => (uint)((v & 0xff) << 8 | (v >> 8) & 0xff);
        uint a = Swap16(addr & 0xffff);
        var b0l = LinkTypeTest(EtherTypeDecnet);
        var tmp = CompareMasked(OffsetBase.LinkPayload, 2, BpfOpcodes.H, Swap16(0x0681), Swap16(0x07ff));
        var r = Compare(OffsetBase.LinkPayload, 2 + 1 + offsetLong, BpfOpcodes.H, a);
        BlockLogic.And(tmp, r);
        tmp = CompareMasked(OffsetBase.LinkPayload, 2, BpfOpcodes.B, 0x06, 0x7);
        var b2 = Compare(OffsetBase.LinkPayload, 2 + offsetLong, BpfOpcodes.H, a);
        BlockLogic.And(tmp, b2);
        BlockLogic.Or(b2, r);
        tmp = CompareMasked(OffsetBase.LinkPayload, 2, BpfOpcodes.H, Swap16(0x0281), Swap16(0x07ff));
        b2 = Compare(OffsetBase.LinkPayload, 2 + 1 + offsetShort, BpfOpcodes.H, a);
        BlockLogic.And(tmp, b2);
        BlockLogic.Or(b2, r);
        tmp = CompareMasked(OffsetBase.LinkPayload, 2, BpfOpcodes.B, 0x02, 0x7);
        b2 = Compare(OffsetBase.LinkPayload, 2 + offsetShort, BpfOpcodes.H, a);
        BlockLogic.And(tmp, b2);
        BlockLogic.Or(b2, r);
        BlockLogic.And(b0l, r);
        return r;
    }

    // libpcap's __pcap_atoin: dotted decimal parts, returns the number of bits given (8 per part) or -1.
    private static int DottedToNumber(string s, out uint addr)
    {
        addr = 0;
        int len = 0, i = 0;
        while (true)
        {
            uint n = 0;
            while (i < s.Length && s[i] != '.')
            {
                if (n > 25)
                    return -1;
                n = unchecked(n * 10 + (uint)(s[i++] - '0'));
            }
            if (n > 255)
                return -1;
            addr = addr << 8 | (n & 0xff);
            len += 8;
            if (i >= s.Length)
                return len;
            i++;
        }
    }

    private CodeBlock NumericIdentifier(string? text, uint v, Qualifiers q)
    {
        var proto = q.Proto;
        int vlen;
        if (text is null)
            vlen = 32;
        else if (proto == ProtoQualifier.Decnet)
        {
            var m = System.Text.RegularExpressions.Regex.Match(text, @"^\s*([+-]?\d+)\.\s*([+-]?\d+)");
            if (!m.Success)
                throw Error($"malformed decnet address '{text}'");
            uint area = unchecked((uint)int.Parse(m.Groups[1].Value)), node = unchecked((uint)int.Parse(m.Groups[2].Value));
            v = (area << 10) & 0xfc00 | (node & 0x3ff);
            vlen = 32;
        }
        else
        {
            vlen = DottedToNumber(text, out v);
            if (vlen < 0)
                throw Error($"invalid IPv4 address '{text}'");
        }
        switch (q.Address)
        {
            case AddressQualifier.Default or AddressQualifier.Host or AddressQualifier.Net:
                if (proto == ProtoQualifier.Decnet)
                    return Host(v, 0, proto, q.Direction, q.Address);
                if (proto == ProtoQualifier.Link)
                    throw Error("illegal link layer address");
                uint mask = 0xffffffff;
                if (text is null && q.Address == AddressQualifier.Net)
                {
                    while (v != 0 && (v & 0xff000000) == 0)
                    {
                        v <<= 8;
                        mask <<= 8;
                    }
                }
                else
                {
                    v = vlen == 0 ? v : v << (32 - vlen);
                    mask = 32 - vlen >= 32 ? 0 : mask << (32 - vlen);
                }
                return Host(v, mask, proto, q.Direction, q.Address);
            case AddressQualifier.Port or AddressQualifier.Portrange:
            {
                bool range = q.Address == AddressQualifier.Portrange;
                uint ipProto = proto switch
                {
                    ProtoQualifier.Udp => IpProtoUdp,
                    ProtoQualifier.Tcp => IpProtoTcp,
                    ProtoQualifier.Sctp => IpProtoSctp,
                    ProtoQualifier.Default => ProtocolUndefined,
                    _ => throw Error(range ? "illegal qualifier of 'portrange'" : "illegal qualifier of 'port'"),
                };
                if (v > 65535)
                    throw Error($"illegal port number {v} > 65535");
                CodeBlock b;
                if (range)
                {
                    b = PortRange(v, v, ipProto, q.Direction);
                    BlockLogic.Or(PortRange6(v, v, ipProto, q.Direction), b);
                }
                else
                {
                    b = Port(v, ipProto, q.Direction);
                    BlockLogic.Or(Port6(v, ipProto, q.Direction), b);
                }
                return b;
            }
            case AddressQualifier.Gateway:
                throw Error("'gateway' requires a name");
            case AddressQualifier.Proto:
                return Proto(v, proto, q.Direction);
            case AddressQualifier.Protochain:
                return ProtoChain(v, proto);
            default:
                throw Error("this address needs a qualifier such as 'host' or 'net' (the primitive before it has none to pass on)");
        }
    }

    private CodeBlock MaskedIdentifier(string s1, string? s2, uint maskLength, Qualifiers q)
    {
        int nlen = DottedToNumber(s1, out uint n);
        if (nlen < 0)
            throw Error($"invalid IPv4 address '{s1}'");
        n = nlen == 0 ? n : n << (32 - nlen);
        uint m;
        if (s2 is not null)
        {
            int mlen = DottedToNumber(s2, out m);
            if (mlen < 0)
                throw Error($"invalid IPv4 address '{s2}'");
            m = mlen == 0 ? m : m << (32 - mlen);
            if ((n & ~m) != 0)
                throw Error($"non-network bits set in \"{s1} mask {s2}\"");
        }
        else
        {
            if (maskLength > 32)
                throw Error("mask length must be <= 32");
            m = maskLength == 0 ? 0 : 0xffffffff << (int)(32 - maskLength);
            if ((n & ~m) != 0)
                throw Error($"non-network bits set in \"{s1}/{maskLength}\"");
        }
        if (q.Address != AddressQualifier.Net)
            throw Error("Mask syntax for networks only");
        return Host(n, m, q.Proto, q.Direction, q.Address);
    }

    private CodeBlock Ipv6Identifier(string s1, uint maskLength, Qualifiers q)
    {
        if (!IPAddress.TryParse(s1, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            throw Error($"invalid ip6 address {s1}");
        var addr = ip.GetAddressBytes();
        if (maskLength > 128)
            throw Error("mask length must be <= 128");
        var mask = new byte[16];
        for (int i = 0; i < maskLength / 8; i++)
            mask[i] = 0xff;
        if (maskLength % 8 != 0)
            mask[maskLength / 8] = (byte)(0xff << (int)(8 - maskLength % 8));
        for (int i = 0; i < 16; i++)
        {
            if ((addr[i] & ~mask[i]) != 0)
                throw Error($"non-network bits set in \"{s1}/{maskLength}\"");
        }
        switch (q.Address)
        {
            case AddressQualifier.Default or AddressQualifier.Host:
                if (maskLength != 128)
                    throw Error("Mask syntax for networks only");
                return Host6(addr, mask, q.Proto, q.Direction, q.Address);
            case AddressQualifier.Net:
                return Host6(addr, mask, q.Proto, q.Direction, q.Address);
            default:
                throw Error("invalid qualifier against IPv6 address");
        }
    }

    private static byte[] ParseMac(string s)
    {
        var e = new List<byte>(6);
        int i = 0;
        static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        while (i < s.Length)
        {
            if (s[i] is ':' or '.' or '-')
                i++;
            int d = Hex(s[i++]);
            if (i < s.Length && Uri.IsHexDigit(s[i]))
                d = d << 4 | Hex(s[i++]);
            e.Add((byte)d);
        }
        while (e.Count < 6)
            e.Add(0);
        return [.. e.Take(6)];
    }

    private CodeBlock MacIdentifier(string text, Qualifiers q)
    {
        if (q.Address is AddressQualifier.Host or AddressQualifier.Default && q.Proto == ProtoQualifier.Link)
        {
            if (_link != DataLink.Ethernet)
                throw Error("ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel");
        {
            var check = PreviousLinkHeaderCheck();
            var b = EthernetHostOp(ParseMac(text), q.Direction);
            if (check is not null)
                BlockLogic.And(check, b);
            return b;
        }
        }
        throw Error("ethernet address used in non-ether expression");
    }

    private CodeBlock NamedIdentifier(string name, Qualifiers q)
    {
        var proto = q.Proto;
        var dir = q.Direction;
        switch (q.Address)
        {
            case AddressQualifier.Net:
            {
                uint addr = NameResolver.NetworkByName(name);
                if (addr == 0)
                    throw Error($"unknown network '{name}'");
                uint mask = 0xffffffff;
                while (addr != 0 && (addr & 0xff000000) == 0)
                {
                    addr <<= 8;
                    mask <<= 8;
                }
                return Host(addr, mask, proto, dir, q.Address);
            }
            case AddressQualifier.Default or AddressQualifier.Host:
            {
                if (proto == ProtoQualifier.Link)
                {
                    if (_link != DataLink.Ethernet)
                        throw Error("only ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel supports link-level host name");
                    var mac = NameResolver.EtherHost(name) ?? throw Error($"unknown ether host '{name}'");
                    var check = PreviousLinkHeaderCheck();
                    var hostTest = EthernetHostOp(mac, dir);
                    if (check is not null)
                        BlockLogic.And(check, hostTest);
                    return hostTest;
                }
                if (proto == ProtoQualifier.Decnet)
                    throw Error($"decnet name support not included, '{name}' cannot be translated");
                var addresses = NameResolver.HostAddresses(name);
                if (addresses.Count == 0)
                    throw Error($"unknown host '{name}'");
                var tproto = proto;
                var tproto6 = proto;
                if (_offLinkTypeUnset && tproto == ProtoQualifier.Default)
                {
                    tproto = ProtoQualifier.Ip;
                    tproto6 = ProtoQualifier.Ipv6;
                }
                CodeBlock? b = null;
                foreach (var a in addresses)
                {
                    CodeBlock tmp;
                    if (a.AddressFamily == AddressFamily.InterNetwork)
                    {
                        if (tproto == ProtoQualifier.Ipv6)
                            continue;
                        var bytes = a.GetAddressBytes();
                        uint v = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
                        tmp = Host(v, 0xffffffff, tproto, dir, q.Address);
                    }
                    else if (a.AddressFamily == AddressFamily.InterNetworkV6)
                    {
                        if (tproto6 == ProtoQualifier.Ip)
                            continue;
                        var full = new byte[16];
                        Array.Fill(full, (byte)0xff);
                        tmp = Host6(a.GetAddressBytes(), full, tproto6, dir, q.Address);
                    }
                    else
                        continue;
                    if (b is not null)
                        BlockLogic.Or(b, tmp);
                    b = tmp;
                }
                return b ?? throw Error($"unknown host '{name}'{(proto == ProtoQualifier.Default ? "" : " for specified address family")}");
            }
            case AddressQualifier.Port or AddressQualifier.Portrange:
                return NamedPort(name, q);
            case AddressQualifier.Gateway:
                throw Error("'gateway' not supported in this configuration");
            case AddressQualifier.Proto or AddressQualifier.Protochain:
            {
                int v = LookupProtocol(name, proto);
                if (v < 0)
                    throw Error($"unknown protocol: {name}");
                return q.Address == AddressQualifier.Proto ? Proto((uint)v, proto, dir) : ProtoChain((uint)v, proto);
            }
            default:
                throw Error($"'{name}' needs a qualifier such as 'host', 'net' or 'port' (the primitive before it has none to pass on)");
        }
    }

    private int LookupProtocol(string name, ProtoQualifier proto)
    {
        switch (proto)
        {
            case ProtoQualifier.Default or ProtoQualifier.Ip or ProtoQualifier.Ipv6:
                return NameResolver.IpProtocol(name) ?? throw Error($"unknown ip proto '{name}'");
            case ProtoQualifier.Link:
                return NameResolver.EtherProtocol(name) ?? NameResolver.LlcProtocol(name) ?? throw Error($"unknown ether proto '{name}'");
            case ProtoQualifier.Iso:
                return name switch
                {
                    "esis" => (int)IsoEsis,
                    "isis" => (int)IsoIsis,
                    "clnp" => (int)IsoClnp,
                    _ => throw Error($"unknown osi proto '{name}'"),
                };
            default:
                return -1;
        }
    }
}
