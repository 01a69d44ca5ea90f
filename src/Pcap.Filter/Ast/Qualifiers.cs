namespace Pcap.Filter.Ast;

/// <summary>The protocol qualifier of a primitive (<c>ether</c>, <c>ip</c>, <c>tcp</c>, ...), libpcap's <c>Q_*</c> protocols.</summary>
internal enum ProtoQualifier
{
    Undefined, Default, Link, Ip, Arp, Rarp, Sctp, Tcp, Udp, Icmp, Igmp, Igrp, Atalk, Decnet, Lat, Sca, Moprc, Mopdl,
    Ipv6, Icmpv6, Ah, Esp, Pim, Vrrp, Aarp, Iso, Esis, Isis, Clnp, Stp, Ipx, Netbeui,
    IsisL1, IsisL2, IsisIih, IsisSnp, IsisCsnp, IsisPsnp, IsisLsp, Radio, Carp,
}

/// <summary>The direction qualifier: <c>src</c>, <c>dst</c>, <c>src or dst</c>, <c>src and dst</c>, and the 802.11 ones.</summary>
internal enum DirectionQualifier { Undefined, Default, Src, Dst, Or, And, Addr1, Addr2, Addr3, Addr4, Ra, Ta }

/// <summary>The address-type qualifier: <c>host</c>, <c>net</c>, <c>port</c>, <c>portrange</c>, <c>gateway</c>, <c>proto</c>, <c>protochain</c>.</summary>
internal enum AddressQualifier { Undefined, Default, Host, Net, Port, Gateway, Proto, Protochain, Portrange }

/// <summary>The three qualifiers in force for an identifier, inherited from the primitive before it when omitted.</summary>
internal readonly record struct Qualifiers(ProtoQualifier Proto, DirectionQualifier Direction, AddressQualifier Address)
{
    /// <summary>No qualifiers in force (libpcap's <c>qerr</c>): a bare identifier here is a syntax error.</summary>
    public static Qualifiers None { get; } = new(ProtoQualifier.Undefined, DirectionQualifier.Undefined, AddressQualifier.Undefined);
}
