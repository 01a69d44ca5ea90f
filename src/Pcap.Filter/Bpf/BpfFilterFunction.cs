namespace Pcap.Filter.Bpf;

/// <summary>
/// A compiled filter: runs one packet (the captured bytes, and its length on the wire) and returns the program's
/// result, 0 to reject or the number of bytes to keep. Made by <see cref="BpfJit.Compile(BpfProgram)"/>.
/// </summary>
/// <param name="packet">The captured bytes.</param>
/// <param name="wireLength">The packet's length on the wire (what <c>ld len</c> reads), at least <c>packet.Length</c>.</param>
public delegate uint BpfFilterFunction(ReadOnlySpan<byte> packet, uint wireLength);
