using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pcap.Cli.Output;

/// <summary><c>-z COMMAND</c>: runs <c>COMMAND FILE</c> on a file a rotation closed, beside the capture and at the lowest priority, without waiting (as tcpdump does).</summary>
internal static class PostRotateCommand
{
    /// <summary>Starts <paramref name="command"/> (found on PATH) with <paramref name="closedFile"/> as its one argument.</summary>
    public static void Start(string command, string closedFile, TextWriter errors)
    {
        var start = new ProcessStartInfo(command) { UseShellExecute = false };
        start.ArgumentList.Add(closedFile);
        try
        {
            using var process = Process.Start(start);
            try
            {
                // Lowest priority, so compressing does not take CPU from the capture.
                if (process is not null && !process.HasExited)
                    process.PriorityClass = ProcessPriorityClass.Idle;
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception)
            {
                // It ended already; the priority no longer matters.
            }
        }
        catch (Win32Exception e)
        {
            // tcpdump's child reports the failed exec in these words and the capture goes on.
            errors.WriteLine($"compress_savefile: execlp({command}, {closedFile}) failed: {Marshal.GetPInvokeErrorMessage(e.NativeErrorCode)}");
        }
    }
}
