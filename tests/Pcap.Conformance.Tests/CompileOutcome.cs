using Pcap.Filter.Bpf;

namespace Pcap.Conformance.Tests;

/// <summary>What one compiler made of one expression: a program, or the error text it refused with.</summary>
internal readonly record struct CompileOutcome(BpfInstruction[]? Program, string? Error)
{
    public bool Accepted => Program is not null;
}
