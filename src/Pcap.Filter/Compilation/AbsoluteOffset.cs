namespace Pcap.Filter.Compilation;

/// <summary>An offset from the start of the packet: a constant part plus, when variable, a scratch register's value.</summary>
internal sealed class AbsoluteOffset
{
    public bool IsVariable;
    public uint ConstantPart;
    public int Register = -1;

    public AbsoluteOffset Clone() => new() { IsVariable = IsVariable, ConstantPart = ConstantPart, Register = Register };
}
