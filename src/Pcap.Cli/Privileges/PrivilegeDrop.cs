using System.Runtime.InteropServices;
using Pcap.Cli.CommandLine;

namespace Pcap.Cli.Privileges;

/// <summary>
/// <c>-Z USER</c>: once the capture socket is open, become USER (its primary group, its supplementary groups, then its
/// user id), as tcpdump's droproot does, so that the <c>-w</c> file, opened afterwards, belongs to USER.
/// </summary>
internal static partial class PrivilegeDrop
{
    // struct passwd on 64-bit Linux: pw_name, pw_passwd (two pointers), then pw_uid and pw_gid.
    private const int UidOffset = 16;
    private const int GidOffset = 20;

    [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint GetPasswordEntry(string name);

    [LibraryImport("libc", EntryPoint = "initgroups", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int InitGroups(string user, uint group);

    [LibraryImport("libc", EntryPoint = "setgid", SetLastError = true)]
    private static partial int SetGroupId(uint group);

    [LibraryImport("libc", EntryPoint = "setuid", SetLastError = true)]
    private static partial int SetUserId(uint user);

    /// <summary>Becomes <paramref name="user"/>; glibc applies the change to every thread of the process.</summary>
    /// <exception cref="CliUsageException">No such user, or the change was refused (tcpdump's words).</exception>
    public static void To(string user)
    {
        if (!Environment.Is64BitProcess)
            throw new CliUsageException("-Z needs a 64-bit process");
        nint entry = GetPasswordEntry(user);
        if (entry == 0)
            throw new CliUsageException($"Couldn't find user '{user}'");
        uint uid = (uint)Marshal.ReadInt32(entry, UidOffset);
        uint gid = (uint)Marshal.ReadInt32(entry, GidOffset);
        if (InitGroups(user, gid) != 0 || SetGroupId(gid) != 0 || SetUserId(uid) != 0)
        {
            string reason = Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
            throw new CliUsageException($"Couldn't change to '{user}' uid={uid} gid={gid}: {reason}");
        }
    }
}
