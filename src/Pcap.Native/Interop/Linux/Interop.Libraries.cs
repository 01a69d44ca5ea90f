namespace Pcap.Native;

internal static partial class Interop
{
    /// <summary>The C library every declaration binds to; the runtime resolves "libc" to glibc's libc.so.6.</summary>
    internal const string Libc = "libc";
}
