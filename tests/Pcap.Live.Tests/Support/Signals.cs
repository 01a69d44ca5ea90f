using System.Runtime.InteropServices;

namespace Pcap.Live.Tests.Support;

/// <summary>Sends POSIX signals with libc's <c>kill(2)</c>, so the tests do not depend on the procps kill binary.</summary>
internal static partial class Signals
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Sends <paramref name="name"/> (INT, TERM, KILL) to <paramref name="pid"/>.</summary>
    public static void Send(int pid, string name)
    {
        int number = name switch { "INT" => 2, "KILL" => 9, "TERM" => 15, _ => throw new ArgumentException($"unknown signal {name}", nameof(name)) };
        if (Kill(pid, number) != 0)
            throw new InvalidOperationException($"kill({pid}, SIG{name}) failed: errno {Marshal.GetLastPInvokeError()}");
    }
}
