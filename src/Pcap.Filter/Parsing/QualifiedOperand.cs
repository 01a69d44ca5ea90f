using Pcap.Filter.Ast;

namespace Pcap.Filter.Parsing;

/// <summary>
/// An operand of <c>and</c>/<c>or</c> as the grammar has read it, waiting for the qualifiers it inherits from the
/// primitive before it (<c>host a or b</c>): returns the node and the qualifiers it passes on to the next operand.
/// </summary>
internal delegate (FilterNode Node, Qualifiers Carried) QualifiedOperand(Qualifiers inherited);
