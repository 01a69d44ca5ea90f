namespace Pcap.Filter.Compilation;

/// <summary>
/// A partly computed arithmetic value (libpcap's <c>struct arth</c>): the statements that leave it in scratch
/// register <see cref="Register"/>, and the protocol checks that must hold for it to be meaningful.
/// </summary>
internal sealed class ArithmeticValue
{
    public required Statement Statements;
    public int Register;
    public Block? Checks;
}
