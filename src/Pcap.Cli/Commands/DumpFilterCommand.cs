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
        var format = options.DumpFilter switch
        {
            1 => BpfDumpFormat.Assembly,
            2 => BpfDumpFormat.CArray,
            _ => BpfDumpFormat.Decimal,
        };
        // A program for a live socket (-i) must fit the kernel, or it is split.
        if (live)
            return DumpLive(expression, linkType, snapLength, !options.NoOptimize, format, output, error);
        // As tcpdump -d, any length.
        var compileOptions = FilterOptions.UserSpace with
        {
            Optimize = !options.NoOptimize,
            // As the program -r FILE applies: a savefile keeps no direction or interface index.
            ReadingSavefile = options.ReadFile is not null,
            SnapLength = snapLength,
            Netmask = FilterSource.Netmask,
        };
        if (!FilterCompiler.TryCompile(expression, linkType, out var program, out var failure, compileOptions))
        {
            FilterErrorReport.Write(error, failure);
            return 1;
        }
        output.Write(BpfDisassembler.Format(program, format));
        return 0;
    }

    // The programs a live capture would run: one when the kernel takes the whole filter, else each under a line saying
    // where it runs (the kernel's prefilter, then the whole filter in user space).
    private static int DumpLive(string expression, LinkType linkType, int snapLength, bool optimize, BpfDumpFormat format,
        TextWriter output, TextWriter error)
    {
        FilterPlacement placement;
        try
        {
            placement = LiveCapture.CompileFilter(expression, linkType, snapLength, optimize, FilterSource.Netmask);
        }
        catch (FilterException e)
        {
            FilterErrorReport.Write(error, e);
            return 1;
        }
        if (placement.UserSpace is not { } userSpace)
        {
            output.Write(BpfDisassembler.Format(placement.Kernel, format));
            return 0;
        }
        output.WriteLine($"; kernel prefilter ({placement.Kernel.Length} instructions): {placement.KernelDescription}");
        output.Write(BpfDisassembler.Format(placement.Kernel, format));
        output.WriteLine($"; user space (JIT), on each packet the prefilter accepts: the whole filter ({userSpace.Length} instructions, " +
                         $"more than the kernel's {BpfProgram.MaxInstructions})");
        output.Write(BpfDisassembler.Format(userSpace, format));
        return 0;
    }
}
