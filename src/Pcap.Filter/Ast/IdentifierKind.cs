namespace Pcap.Filter.Ast;

/// <summary>How the identifier of a primitive was written.</summary>
internal enum IdentifierKind { Name, Number, Ipv4, Ipv4WithPrefix, Ipv4WithMask, Ipv6, Ipv6WithPrefix, Mac }
