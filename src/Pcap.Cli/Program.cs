using Pcap.Cli.CommandLine;
using Pcap.Cli.Commands;

namespace Pcap.Cli;

/// <summary>The <c>pcapcore</c> entry point: parse the command line, run one command, map failures to one line on stderr.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
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
        if (options.DumpFilter > 0)
            return DumpFilterCommand.Run(options);
        if (options.ReadFile is not null)
            return ReadFileCommand.Run(options);
        return LiveCaptureCommand.Run(options);
    }
}
