namespace Pcap.Native;

/// <summary>The Linux <c>errno</c> values a capture can run into (x86-64 and arm64 share these numbers).</summary>
public enum Errno
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>Operation not permitted (EPERM).</summary>
    NotPermitted = 1,
    /// <summary>No such file or directory (ENOENT).</summary>
    NoSuchFile = 2,
    /// <summary>Interrupted system call (EINTR).</summary>
    Interrupted = 4,
    /// <summary>Input/output error (EIO).</summary>
    InputOutput = 5,
    /// <summary>No such device or address (ENXIO).</summary>
    NoSuchDeviceOrAddress = 6,
    /// <summary>Bad file descriptor (EBADF).</summary>
    BadDescriptor = 9,
    /// <summary>Try again (EAGAIN).</summary>
    TryAgain = 11,
    /// <summary>Out of memory (ENOMEM).</summary>
    OutOfMemory = 12,
    /// <summary>Permission denied (EACCES).</summary>
    AccessDenied = 13,
    /// <summary>Bad address (EFAULT).</summary>
    BadAddress = 14,
    /// <summary>Device or resource busy (EBUSY).</summary>
    Busy = 16,
    /// <summary>No such device (ENODEV).</summary>
    NoSuchDevice = 19,
    /// <summary>Invalid argument (EINVAL).</summary>
    InvalidArgument = 22,
    /// <summary>Too many open files in the system (ENFILE).</summary>
    SystemFileTableFull = 23,
    /// <summary>Too many open files (EMFILE).</summary>
    TooManyOpenFiles = 24,
    /// <summary>No space left (ENOSPC).</summary>
    NoSpace = 28,
    /// <summary>Protocol not available (ENOPROTOOPT).</summary>
    ProtocolOptionNotAvailable = 92,
    /// <summary>Protocol not supported (EPROTONOSUPPORT).</summary>
    ProtocolNotSupported = 93,
    /// <summary>Operation not supported (EOPNOTSUPP).</summary>
    NotSupported = 95,
    /// <summary>Address family not supported (EAFNOSUPPORT).</summary>
    AddressFamilyNotSupported = 97,
    /// <summary>Network is down (ENETDOWN).</summary>
    NetworkDown = 100,
    /// <summary>No buffer space available (ENOBUFS).</summary>
    NoBufferSpace = 105,
}
