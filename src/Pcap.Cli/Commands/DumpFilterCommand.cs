using Pcap.Cli.CommandLine;
using Pcap.Cli.Output;
using Pcap.Decode.Files;
using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Native;

namespace Pcap.Cli.Commands;

/// <summary>
/// <c>pcapcore [-y LINKTYPE | -r FILE | -i DEVICE] -d|-dd|-ddd [-O] EXPRESSION</c> or <c>-F FILE</c>: compile the filter
/// for that link type and print the program as tcpdump does. A bad expression is reported by
/// <see cref="FilterErrorReport"/> and exits with status 1.
/// </summary>
internal static class DumpFilterCommand
{
    /// <summary>Runs the command with the process's standard streams; returns the exit status.</summary>
    public static int Run(CliOptions options) => Run(options, Console.Out, Console.Error);

    /// <summary>Runs the command writing to <paramref name="output"/> and <paramref name="error"/>; returns the exit status.</summary>
    public static int Run(CliOptions options, TextWriter output, TextWriter error)
    {
        var linkType = options.LinkTypeName is { } name ? LinkTypeOption.ForFilter(name) : LinkType.Ethernet;
        var snapLength = options.SnapLength is > 0 ? options.SnapLength.Value : FilterOptions.Default.SnapLength;
        // -r FILE: like tcpdump, the program for the file's link type and snapshot length (-y applies to live capture).
        if (options.ReadFile is { } path)
        {
            try
            {
                using var reader = path == "-" ? CaptureReader.Open(Console.OpenStandardInput()) : CaptureReader.Open(path);
                error.WriteLine($"reading from file {path}, link-type {LinkTypeNames.Describe(reader.LinkType)}, " +
                                $"snapshot length {LinkTypeNames.EffectiveSnapLength(reader.LinkType, reader.SnapLength)}");
                if (LinkTypeNames.ToDataLinkType(reader.LinkType) == 276)
                    error.WriteLine("Warning: interface names might be incorrect");
                linkType = LinkTypeNames.ToFileLinkType(LinkTypeNames.ToDataLinkType(reader.LinkType));
                snapLength = (int)LinkTypeNames.EffectiveSnapLength(reader.LinkType, reader.SnapLength);
                if (!LinkType.Known.Contains(linkType))
                {
                    error.WriteLine($"pcapcore: {path}: link type {LinkTypeNames.Describe(reader.LinkType)} is not supported by pcapcore's filter compiler");
                    return 1;
                }
            }
            catch (Exception e) when (e is CaptureFileException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"pcapcore: {path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "No such file or directory" : e.Message)}");
                return 1;
            }
        }
        // -i DEVICE without -y: like tcpdump, the program a live capture on that device would attach (SLL2 on any,
        // the kernel's VLAN metadata for vlan).
        bool live = options.Interface is not null && options.LinkTypeName is null && options.ReadFile is null;
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
        string expression = FilterSource.Resolve(options, error) ?? "";
        // As tcpdump -d, any length; only a program for a live socket (-i) must fit the kernel.
        var compileOptions = (live ? FilterOptions.Default : FilterOptions.UserSpace) with
        {
            Optimize = !options.NoOptimize,
            LinuxVlanAncillaryLoads = live,
            // As the program -r FILE applies: a savefile keeps no direction or interface index.
            ReadingSavefile = options.ReadFile is not null,
            SnapLength = snapLength,
            // tcpdump 4.99 passes 0 to pcap_compile (it looks the interface's netmask up only for -f).
            Netmask = 0,
        };
        if (!FilterCompiler.TryCompile(expression, linkType, out var program, out var failure, compileOptions))
        {
            FilterErrorReport.Write(error, failure);
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
}
