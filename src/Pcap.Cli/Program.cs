using Pcap.Cli.CommandLine;
using Pcap.Cli.Commands;
using Pcap.Cli.Output;
using System.Text;

namespace Pcap.Cli;

/// <summary>The <c>pcapcore</c> entry point: parse the command line, run one command, map failures to one line on stderr.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        UseDescriptorsForConsole();
        try
        {
            var options = CliParser.Parse(args);
            return Run(options);
        }
        catch (CliUsageException e)
        {
            Console.Error.WriteLine($"pcapcore: {e.Message}");
            return 1;
        }
        catch (StandardOutputException e)
        {
            Console.Error.WriteLine($"pcapcore: {StandardOutput.Describe(e)}");
            return StandardOutput.WriteFailedExitCode;
        }
    }

    // .NET's console initializes the terminal on first use of Console.Out/Error and writes the keypad-transmit
    // sequence (ESC[?1h ESC=) to it; tcpdump writes nothing of the kind. Plain writers on descriptors 1 and 2 avoid it.
    private static void UseDescriptorsForConsole()
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Console.SetOut(new StreamWriter(new StandardOutputStream(StandardOutput.Open()), encoding) { AutoFlush = true });
        Console.SetError(new StreamWriter(new DescriptorStream(2), encoding) { AutoFlush = true });
    }

    private static int Run(CliOptions options)
    {
        if (options.Help)
        {
            Console.Out.WriteLine(UsageText.Help);
            return 0;
        }
        if (options.Version)
        {
            Console.Out.WriteLine($"pcapcore version {typeof(Program).Assembly.GetName().Version}");
            return 0;
        }
        if (options.Lab)
            return LabCommand.Run(options);
        if (options.ListInterfaces)
            return ListInterfacesCommand.Run();
        if (options.ListDataLinkTypes || options.ListTimestampTypes)
            return ListDeviceTypesCommand.Run(options);
        if (options.FileList is not null && options.DumpFilter == 0)
            return FileListCommand.Run(options);
        if (options.DumpFilter > 0)
            return DumpFilterCommand.Run(options);
        if (options.ReadFile is not null)
            return ReadFileCommand.Run(options);
        return LiveCaptureCommand.Run(options);
    }
}
