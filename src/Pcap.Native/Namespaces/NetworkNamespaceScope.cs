using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;

namespace Pcap.Native;

/// <summary>
/// Runs work inside a named network namespace (<c>ip netns</c>) on a short-lived thread of its own, because
/// <c>setns</c> moves only the calling thread. Sockets opened there stay in that namespace after the thread ends.
/// </summary>
internal static class NetworkNamespaceScope
{
    /// <summary>Runs <paramref name="work"/> in <paramref name="networkNamespace"/> (a name under /run/netns or a path), or here when null.</summary>
    public static T Run<T>(string? networkNamespace, Func<T> work)
    {
        if (networkNamespace is null)
            return work();

        string path = networkNamespace.Contains('/', StringComparison.Ordinal) ? networkNamespace : $"/run/netns/{networkNamespace}";
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CaptureException(CaptureError.NoSuchDevice,
                $"network namespace '{networkNamespace}' cannot be opened ({path}: {e.Message})");
        }

        T result = default!;
        ExceptionDispatchInfo? failure = null;
        using (file)
        {
            var thread = new Thread(() =>
            {
                try
                {
                    if (Interop.SetNs(file, Interop.CloneNewNet) != 0)
                    {
                        var errno = SystemErrors.Last();
                        throw new CaptureException(errno is Errno.NotPermitted ? CaptureError.PermissionDenied : CaptureError.SystemError,
                            $"cannot enter network namespace '{networkNamespace}': {SystemErrors.Describe(errno)}", errno);
                    }
                    result = work();
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            })
            {
                IsBackground = true,
                Name = $"netns {networkNamespace}",
            };
            thread.Start();
            thread.Join();
        }
        failure?.Throw();
        return result;
    }
}
