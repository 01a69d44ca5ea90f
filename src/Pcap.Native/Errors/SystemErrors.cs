using System.Runtime.InteropServices;

namespace Pcap.Native;

/// <summary>Turns the errno of a failed system call into a <see cref="CaptureException"/> whose message says what to do.</summary>
internal static class SystemErrors
{
    /// <summary>The errno of the last P/Invoke made with SetLastError.</summary>
    public static Errno Last() => (Errno)Marshal.GetLastPInvokeError();

    /// <summary>An exception for <paramref name="operation"/> failing with the last errno on <paramref name="device"/>.</summary>
    public static CaptureException FromLast(string operation, string? device) => From(Last(), operation, device);

    /// <summary>An exception for <paramref name="operation"/> failing with <paramref name="errno"/> on <paramref name="device"/>.</summary>
    public static CaptureException From(Errno errno, string operation, string? device)
    {
        string where = device is null ? "" : $" on '{device}'";
        return errno switch
        {
            Errno.NotPermitted or Errno.AccessDenied => new CaptureException(CaptureError.PermissionDenied,
                $"you need root or CAP_NET_RAW to capture{where} ({operation}: {Describe(errno)})", errno, device),
            Errno.NoSuchDevice or Errno.NoSuchDeviceOrAddress => new CaptureException(CaptureError.NoSuchDevice,
                $"no such device '{device}' (see 'pcapcore -D' for the list)", errno, device),
            Errno.NetworkDown => new CaptureException(CaptureError.DeviceDown,
                $"device '{device}' is down; bring it up with 'ip link set {device} up'", errno, device),
            Errno.NotSupported or Errno.ProtocolNotSupported or Errno.AddressFamilyNotSupported or Errno.ProtocolOptionNotAvailable =>
                new CaptureException(CaptureError.NotSupported,
                    $"{operation}{where} is not supported by this kernel or interface ({Describe(errno)})", errno, device),
            Errno.OutOfMemory or Errno.NoBufferSpace or Errno.TooManyOpenFiles or Errno.SystemFileTableFull =>
                new CaptureException(CaptureError.OutOfResources,
                    $"{operation}{where} ran out of resources ({Describe(errno)}); try a smaller -B buffer", errno, device),
            _ => new CaptureException(CaptureError.SystemError, $"{operation}{where} failed: {Describe(errno)}", errno, device),
        };
    }

    /// <summary>The C library's text for <paramref name="errno"/> plus its symbolic name, e.g. "Network is down (ENETDOWN)".</summary>
    public static string Describe(Errno errno) =>
        $"{Marshal.GetPInvokeErrorMessage((int)errno)} ({SymbolOf(errno)})";

    private static string SymbolOf(Errno errno) => errno switch
    {
        Errno.NotPermitted => "EPERM",
        Errno.NoSuchFile => "ENOENT",
        Errno.Interrupted => "EINTR",
        Errno.InputOutput => "EIO",
        Errno.NoSuchDeviceOrAddress => "ENXIO",
        Errno.BadDescriptor => "EBADF",
        Errno.TryAgain => "EAGAIN",
        Errno.OutOfMemory => "ENOMEM",
        Errno.AccessDenied => "EACCES",
        Errno.BadAddress => "EFAULT",
        Errno.Busy => "EBUSY",
        Errno.NoSuchDevice => "ENODEV",
        Errno.InvalidArgument => "EINVAL",
        Errno.SystemFileTableFull => "ENFILE",
        Errno.TooManyOpenFiles => "EMFILE",
        Errno.NoSpace => "ENOSPC",
        Errno.ProtocolOptionNotAvailable => "ENOPROTOOPT",
        Errno.ProtocolNotSupported => "EPROTONOSUPPORT",
        Errno.NotSupported => "EOPNOTSUPP",
        Errno.AddressFamilyNotSupported => "EAFNOSUPPORT",
        Errno.NetworkDown => "ENETDOWN",
        Errno.NoBufferSpace => "ENOBUFS",
        _ => $"errno {(int)errno}",
    };
}
