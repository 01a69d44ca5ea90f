using System.Globalization;
using Pcap.Filter.Bpf;
using Pcap.Testing.Namespaces;

namespace Pcap.Live.Tests.Support;

/// <summary>
/// The oracle for live filter programs: <c>tcpdump -i DEVICE -ddd EXPR</c> in the namespace prints the program libpcap
/// compiles for a live handle on that device (with its Linux VLAN handling), before libpcap's cooked rewrite.
/// </summary>
internal static class LivePrograms
{
    /// <summary>The program tcpdump would attach for <paramref name="expression"/> on <paramref name="device"/>.</summary>
    /// <param name="ns">The namespace the device is in.</param>
    /// <param name="device">The live device.</param>
    /// <param name="expression">The filter.</param>
    /// <param name="snapLength">tcpdump's <c>-s</c>.</param>
    /// <param name="optimize">False: tcpdump's <c>-O</c>, libpcap's optimizer off.</param>
    public static BpfProgram FromTcpdump(NetworkNamespace ns, string device, string expression, int snapLength = 262144, bool optimize = true)
    {
        string[] arguments = ["-i", device, "-s", snapLength.ToString(CultureInfo.InvariantCulture), .. optimize ? Array.Empty<string>() : ["-O"], "-ddd", expression];
        var output = ns.Exec("tcpdump", arguments).StandardOutput;
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int count = int.Parse(lines[0], CultureInfo.InvariantCulture);
        var instructions = lines.Skip(1).Take(count).Select(line =>
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => uint.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return new BpfInstruction((ushort)fields[0], (byte)fields[1], (byte)fields[2], fields[3]);
        }).ToArray();
        return new BpfProgram(instructions);
    }
}
