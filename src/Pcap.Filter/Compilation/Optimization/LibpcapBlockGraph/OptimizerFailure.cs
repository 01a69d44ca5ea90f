namespace Pcap.Filter.Compilation.Optimization;

/// <summary>
/// Raised inside the optimizer where libpcap's <c>opt_error</c> aborts the compile
/// (a constant division by zero, a shift by more than 31 bits); the message is libpcap's.
/// </summary>
internal sealed class OptimizerFailure(string message) : Exception(message);
