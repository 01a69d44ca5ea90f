using Pcap.Cli.CommandLine;

namespace Pcap.Cli.Commands;

/// <summary>
/// <c>pcapcore -V LIST</c>: read each capture file named in LIST (one a line) in turn, as tcpdump
/// does, each announced, filtered and counted (<c>-c</c>) on its own.
/// </summary>
internal static class FileListCommand
{
    /// <summary>Runs the files in order; stops at the first that fails and returns its status.</summary>
    public static int Run(CliOptions options)
    {
        if (options.ReadFile is not null)
            throw new CliUsageException("-V and -r are mutually exclusive.");
        if (options.WriteFile is not null)
            throw new CliUsageException("-V with -w is not supported by pcapcore: read the files one by one with -r");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(options.FileList!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"pcapcore: Unable to open file: {(e is FileNotFoundException or DirectoryNotFoundException ? "No such file or directory" : e.Message)}");
            return 1;
        }
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                // tcpdump does not skip a blank line: it fails to open "".
                Console.Error.WriteLine("pcapcore: : No such file or directory");
                return 1;
            }
            int status = ReadFileCommand.Run(options with { ReadFile = line, FileList = null });
            if (status != 0)
                return status;
        }
        return 0;
    }
}
