namespace Pcap.Filter.Compilation;

/// <summary>EtherTypes, LLC SAPs, IP protocol numbers and other wire constants the code generator compares against.</summary>
internal static class ProtocolNumbers
{
    public const uint EtherMtu = 1500;
    public const uint EtherTypeIp = 0x0800, EtherTypeArp = 0x0806, EtherTypeRarp = 0x8035, EtherTypeIpv6 = 0x86dd;
    public const uint EtherTypeAtalk = 0x809b, EtherTypeAarp = 0x80f3, EtherTypeDecnet = 0x6003, EtherTypeSca = 0x6007;
    public const uint EtherTypeLat = 0x6004, EtherTypeMopdl = 0x6001, EtherTypeMoprc = 0x6002, EtherTypeIpx = 0x8137;
    public const uint EtherType8021Q = 0x8100, EtherType8021AD = 0x88a8, EtherType8021QinQ = 0x9100, EtherTypeMpls = 0x8847;
    public const uint EtherTypePppoed = 0x8863, EtherTypePppoes = 0x8864, EtherTypeNs = 0x0600;
    public const uint LlcSapIsoNs = 0xfe, LlcSapIp = 0x06, LlcSapNetbeui = 0xf0, LlcSapIpx = 0xe0, LlcSap8021D = 0x42, LlcSapSnap = 0xaa;
    public const uint SllP8023 = 0x0001, SllP8022 = 0x0004, SllOutgoing = 4;
    public const uint IpProtoTcp = 6, IpProtoUdp = 17, IpProtoSctp = 132, IpProtoIcmp = 1, IpProtoIgmp = 2, IpProtoIgrp = 9;
    public const uint IpProtoPim = 103, IpProtoVrrp = 112, IpProtoIcmpv6 = 58, IpProtoAh = 51, IpProtoEsp = 50, IpProtoFragment = 44;
    public const uint IsoClnp = 0x81, IsoEsis = 0x82, IsoIsis = 0x83;
    public const uint IsisL1LanIih = 15, IsisL2LanIih = 16, IsisPtpIih = 17, IsisL1Lsp = 18, IsisL2Lsp = 20;
    public const uint IsisL1Csnp = 24, IsisL2Csnp = 25, IsisL1Psnp = 26, IsisL2Psnp = 27;
    public const uint PppIp = 0x21, PppOsi = 0x23, PppNs = 0x25, PppDecnet = 0x27, PppApple = 0x29, PppIpx = 0x2b;
    public const uint PppBridgePdu = 0x31, PppIpv6 = 0x57, PppMplsUnicast = 0x0281;
    public const uint AfInet = 2, AfInet6Linux = 10;
    public const uint AncillaryBase = 0xfffff000, AncillaryPacketType = 4, AncillaryInterfaceIndex = 8, PacketOutgoing = 4;
}
