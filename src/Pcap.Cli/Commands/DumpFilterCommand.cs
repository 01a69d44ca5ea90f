using Pcap.Cli.CommandLine;
using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Native;

namespace Pcap.Cli.Commands;

/// <summary>
/// <c>pcapcore [-y LINKTYPE] -d|-dd|-ddd [-O] EXPRESSION</c> or <c>-F FILE</c>: compile the filter and print the
/// program as tcpdump does. A bad expression prints the expression, a caret line under the offending text and one
/// line of message, and exits with status 1.
/// </summary>
internal static class DumpFilterCommand
{
    /// <summary>Runs the command with the process's standard streams; returns the exit status.</summary>
    public static int Run(CliOptions options) => Run(options, Console.Out, Console.Error);

    /// <summary>Runs the command writing to <paramref name="output"/> and <paramref name="error"/>; returns the exit status.</summary>
    public static int Run(CliOptions options, TextWriter output, TextWriter error)
    {
        var linkType = ParseLinkType(options.LinkTypeName);
        // -i DEVICE without -y: like tcpdump, the program a live capture on that device would attach (SLL2 on any,
        // the kernel's VLAN metadata for vlan).
        bool live = options.Interface is not null && options.LinkTypeName is null;
        if (live)
        {
            try
            {
                var device = CaptureDevices.Resolve(options.Interface!);
                linkType = device.IsAny || device.LinkType != LinkType.Ethernet ? LinkType.LinuxSll2 : LinkType.Ethernet;
            }
            catch (CaptureException e)
            {
                error.WriteLine($"pcapcore: {e.Message}");
                return 1;
            }
        }
        string expression = options.Expression ?? "";
        if (options.FilterFile is not null)
        {
            if (options.Expression is not null)
                error.WriteLine("pcapcore: warning: -F FILE gives the filter; ignoring the expression on the command line");
            expression = ReadFilterFile(options.FilterFile);
        }
        // As tcpdump -d, any length; only a program for a live socket (-i) must fit the kernel.
        var compileOptions = (live ? FilterOptions.Default : FilterOptions.UserSpace) with
        {
            Optimize = !options.NoOptimize,
            LinuxVlanAncillaryLoads = live,
            SnapLength = options.SnapLength is > 0 ? options.SnapLength.Value : FilterOptions.Default.SnapLength,
        };
        if (!FilterCompiler.TryCompile(expression, linkType, out var program, out var failure, compileOptions))
        {
            WriteError(error, failure);
            return 1;
        }
        var format = options.DumpFilter switch
        {
            1 => BpfDumpFormat.Assembly,
            2 => BpfDumpFormat.CArray,
            _ => BpfDumpFormat.Decimal,
        };
        output.Write(BpfDisassembler.Format(program, format));
        return 0;
    }

    /// <summary>
    /// Prints the expression around the error (at most 120 columns, control characters shown as spaces so the caret
    /// lines up), the caret line and the message.
    /// </summary>
    internal static void WriteError(TextWriter error, FilterException failure)
    {
        error.WriteLine(failure.Excerpt());
        error.WriteLine($"pcapcore: {failure.Message}");
    }

    /// <summary>tcpdump's <c>-y</c> names for the link types the compiler supports.</summary>
    internal static LinkType ParseLinkType(string? name) => name?.ToUpperInvariant() switch
    {
        null or "EN10MB" => LinkType.Ethernet,
        "LINUX_SLL" => LinkType.LinuxSll,
        "LINUX_SLL2" => LinkType.LinuxSll2,
        "RAW" => LinkType.Raw,
        "IPV4" => LinkType.Ipv4,
        "IPV6" => LinkType.Ipv6,
        "NULL" => LinkType.Null,
        "LOOP" => LinkType.Loop,
        _ => throw new CliUsageException(
            $"invalid data link type {name} for -y (expected EN10MB, LINUX_SLL, LINUX_SLL2, RAW, IPV4, IPV6, NULL or LOOP)"),
    };

    // Like tcpdump's read_infile: the whole file is the expression, '#' comments blanked to the end of their line.
    private static string ReadFilterFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliUsageException($"can't read filter file '{path}': {e.Message}");
        }
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (chars[i] != '#')
                continue;
            while (i < chars.Length && chars[i] != '\n')
                chars[i++] = ' ';
        }
        return new string(chars);
    }
}
