using Superpower.Display;

namespace Pcap.Filter.Parsing;

/// <summary>The kinds of token in a pcap-filter expression, as libpcap's scanner distinguishes them.</summary>
internal enum FilterTokenKind
{
    [Token(Description = "a number")] Number,
    [Token(Description = "an IPv4 address")] HostAddress,
    [Token(Description = "an IPv6 address")] Ipv6Address,
    [Token(Description = "a MAC address")] MacAddress,
    [Token(Description = "a name")] Name,
    [Token(Description = "a keyword")] Keyword,
    [Token(Example = "and")] And,
    [Token(Example = "or")] Or,
    [Token(Example = "not")] Not,
    [Token(Example = "(")] LeftParen,
    [Token(Example = ")")] RightParen,
    [Token(Example = "[")] LeftBracket,
    [Token(Example = "]")] RightBracket,
    [Token(Example = ":")] Colon,
    [Token(Example = "+")] Plus,
    [Token(Example = "-")] Minus,
    [Token(Example = "*")] Star,
    [Token(Example = "/")] Slash,
    [Token(Example = "%")] Percent,
    [Token(Example = "&")] Ampersand,
    [Token(Example = "|")] Pipe,
    [Token(Example = "^")] Caret,
    [Token(Example = "<<")] ShiftLeft,
    [Token(Example = ">>")] ShiftRight,
    [Token(Example = ">")] Greater,
    [Token(Example = ">=")] GreaterOrEqual,
    [Token(Example = "<")] Less,
    [Token(Example = "<=")] LessOrEqual,
    [Token(Example = "=")] Equal,
    [Token(Example = "!=")] NotEqual,
}
