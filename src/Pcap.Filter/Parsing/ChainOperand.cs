using Pcap.Filter.Ast;

namespace Pcap.Filter.Parsing;

/// <summary>
/// An operand of <c>and</c>/<c>or</c> as read, with the qualifiers it passes on to the operand after it: those of its
/// own primitive (<c>host a</c> passes <c>host</c> on to <c>or b</c>), or those it inherited itself.
/// </summary>
internal readonly record struct ChainOperand(FilterNode Node, Qualifiers Carried);
