using System.Runtime.InteropServices;

namespace Pcap.Native;

/// <summary>
/// SIGINT and SIGTERM as tcpdump handles them: a handler is installed even when the signal was inherited as ignored
/// (a non-interactive shell starts background jobs with SIGINT ignored, and <c>kill -INT</c> is the usual way a script
/// stops a capture). .NET's <see cref="PosixSignalRegistration"/> leaves an inherited SIG_IGN in place, so the
/// disposition is first set back to the default.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    private StopSignals(PosixSignalRegistration[] registrations) => _registrations = registrations;

    /// <summary>
    /// Calls <paramref name="onStop"/> (on a runtime thread) when SIGINT or SIGTERM arrives; the process keeps running
    /// so that the caller can flush and report. Disposing restores the runtime's handling.
    /// </summary>
    public static StopSignals Register(Action onStop)
    {
        ArgumentNullException.ThrowIfNull(onStop);
        void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            onStop();
        }
        var registrations = new PosixSignalRegistration[2];
        int index = 0;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            // SIG_IGN inherited from the parent: back to the default first, or the runtime never sees the signal.
            if (OperatingSystem.IsLinux())
                RestoreIfIgnored(signal == PosixSignal.SIGINT ? 2 : 15);
            registrations[index++] = PosixSignalRegistration.Create(signal, Handle);
        }
        return new StopSignals(registrations);
    }

    private static void RestoreIfIgnored(int number)
    {
        nint previous = Interop.Signal(number, Interop.SigDfl);
        if (previous != Interop.SigIgn && previous != Interop.SigErr)
            Interop.Signal(number, previous); // someone (the runtime) handles it already: leave that in place
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}
