using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Pcap.Testing.Namespaces;

/// <summary>Runs test work on a thread of its own that entered a named network namespace (setns moves only that thread).</summary>
public static partial class NamespaceThread
{
    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(Microsoft.Win32.SafeHandles.SafeFileHandle file, int type);

    private const int CloneNewNet = 0x40000000;

    /// <summary>Runs <paramref name="work"/> inside namespace <paramref name="ns"/>; its exception is rethrown here.</summary>
    public static void Run(string ns, Action work)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using (var file = File.OpenHandle($"/run/netns/{ns}"))
                    if (SetNs(file, CloneNewNet) != 0)
                        throw new InvalidOperationException($"setns({ns}) failed: errno {Marshal.GetLastPInvokeError()}");
                work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
    }
}
