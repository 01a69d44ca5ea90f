using System.Globalization;
using Pcap.Filter;

namespace Pcap.Native;

/// <summary>Lists the interfaces of a network namespace the way <c>tcpdump -D</c> does, and resolves <c>-i</c> arguments.</summary>
public static class CaptureDevices
{
    private const string AnyDescription = "Pseudo-device that captures on all interfaces";

    /// <summary>
    /// The interfaces of the current network namespace (or of <paramref name="networkNamespace"/>), plus <c>any</c>,
    /// in tcpdump's order: running and up first, then <c>any</c>, then loopback, then interfaces that are down or
    /// disconnected, ties kept in kernel index order. libpcap's non-network pseudo-devices
    /// (nflog, dbus, bluetooth, usb) are not listed because they cannot be captured on here.
    /// </summary>
    /// <exception cref="CaptureException">The interfaces cannot be read (e.g. the namespace does not exist).</exception>
    public static IReadOnlyList<CaptureDevice> List(string? networkNamespace = null) =>
        NetworkNamespaceScope.Run(networkNamespace, ListHere);

    /// <summary>
    /// Resolves an <c>-i</c> argument: a name, or a number counted in <see cref="List"/> order as tcpdump does.
    /// </summary>
    /// <exception cref="CaptureException">No interface has that name or number.</exception>
    public static CaptureDevice Resolve(string nameOrNumber, string? networkNamespace = null) =>
        NetworkNamespaceScope.Run(networkNamespace, () => ResolveHere(nameOrNumber));

    internal static CaptureDevice ResolveHere(string nameOrNumber)
    {
        ArgumentNullException.ThrowIfNull(nameOrNumber);
        var devices = ListHere();
        var byName = devices.FirstOrDefault(d => d.Name == nameOrNumber);
        if (byName is not null)
            return byName;
        if (int.TryParse(nameOrNumber, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            if (number >= 1 && number <= devices.Count)
                return devices[number - 1];
            throw new CaptureException(CaptureError.NoSuchDevice,
                $"interface number {number} is out of range: there are {devices.Count} (see 'pcapcore -D')", device: nameOrNumber);
        }
        throw new CaptureException(CaptureError.NoSuchDevice,
            $"no such device '{nameOrNumber}' (see 'pcapcore -D' for the list)", Errno.NoSuchDevice, nameOrNumber);
    }

    internal static unsafe List<CaptureDevice> ListHere()
    {
        var found = new List<CaptureDevice>();
        using (var socket = PacketSocket.OpenControl())
        {
            var entries = Interop.IfNameIndex();
            if (entries == null)
                throw SystemErrors.FromLast("listing interfaces (if_nameindex)", null);
            try
            {
                for (var entry = entries; entry->Index != 0; entry++)
                {
                    string name = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(entry->Name) ?? "";
                    var device = Describe(socket, (int)entry->Index, name);
                    if (device is not null)
                        found.Add(device);
                }
            }
            finally
            {
                Interop.IfFreeNameIndex(entries);
            }
        }
        found.Add(new CaptureDevice(0, CaptureDevice.AnyName, AnyDescription, DeviceFlags.Up | DeviceFlags.Running,
            ConnectionStatus.Unknown, 0, LinkType.LinuxSll2));

        // A stable sort keeps the kernel's index order among equals, as libpcap's insertion does.
        return found.Select((device, position) => (device, position))
            .OrderBy(pair => FigureOfMerit(pair.device)).ThenBy(pair => pair.position)
            .Select(pair => pair.device).ToList();
    }

    // libpcap 1.10's get_figure_of_merit (lower sorts first): not running, not up, disconnected, loopback, then "any".
    private static uint FigureOfMerit(CaptureDevice device)
    {
        uint merit = 0;
        if (!device.Flags.HasFlag(DeviceFlags.Running)) merit |= 0x80000000;
        if (!device.Flags.HasFlag(DeviceFlags.Up)) merit |= 0x40000000;
        if (!device.Flags.HasFlag(DeviceFlags.Wireless) && device.Status == ConnectionStatus.Disconnected) merit |= 0x20000000;
        if (device.Flags.HasFlag(DeviceFlags.Loopback)) merit |= 0x10000000;
        if (device.IsAny) merit |= 0x08000000;
        return merit;
    }

    private static unsafe CaptureDevice? Describe(SafePacketSocketHandle socket, int index, string name)
    {
        var request = IfReq.For(name);
        if (Interop.Ioctl(socket, Interop.SiocGIfFlags, &request) != 0)
            return null; // vanished between the listing and the query
        int kernelFlags = (ushort)request.Flags;
        var flags = DeviceFlags.None;
        if ((kernelFlags & Interop.IffUp) != 0) flags |= DeviceFlags.Up;
        if ((kernelFlags & Interop.IffRunning) != 0) flags |= DeviceFlags.Running;
        if ((kernelFlags & Interop.IffLoopback) != 0) flags |= DeviceFlags.Loopback;

        request = IfReq.For(name);
        ushort hardwareType = Interop.Ioctl(socket, Interop.SiocGIfHwAddr, &request) == 0 ? request.HardwareType : (ushort)0;

        request = IfReq.For(name);
        if (Interop.Ioctl(socket, Interop.SiocGIwName, &request) == 0)
            flags |= DeviceFlags.Wireless;

        var status = ConnectionStatus.NotApplicable;
        if (!flags.HasFlag(DeviceFlags.Loopback) && hardwareType != Interop.ArphrdLoopback)
            status = LinkStatus(socket, name);

        var linkType = hardwareType is Interop.ArphrdEther or Interop.ArphrdLoopback ? LinkType.Ethernet : LinkType.LinuxSll2;
        return new CaptureDevice(index, name, null, flags, status, hardwareType, linkType);
    }

    private static unsafe ConnectionStatus LinkStatus(SafePacketSocketHandle socket, string name)
    {
        var request = IfReq.For(name);
        var value = new EthtoolValue { Command = Interop.EthtoolGLink };
        request.SetData(&value);
        if (Interop.Ioctl(socket, Interop.SiocEthtool, &request) != 0)
            return ConnectionStatus.Unknown; // the driver has no get_link: libpcap reports no status
        return value.Data != 0 ? ConnectionStatus.Connected : ConnectionStatus.Disconnected;
    }
}
