namespace Pcap.Cli.CommandLine;

/// <summary>Everything the command line asked for, in tcpdump's terms.</summary>
internal sealed partial record CliOptions
{
    /// <summary>The first positional word was <c>lab</c>: run the seed walkthrough.</summary>
    public bool Lab { get; init; }
    /// <summary><c>-h</c>/<c>--help</c>.</summary>
    public bool Help { get; init; }
    /// <summary><c>--version</c>.</summary>
    public bool Version { get; init; }
    /// <summary><c>-D</c>: list interfaces.</summary>
    public bool ListInterfaces { get; init; }
    /// <summary><c>-d</c> (1), <c>-dd</c> (2), <c>-ddd</c> (3): dump the compiled filter instead of capturing.</summary>
    public int DumpFilter { get; init; }
    /// <summary><c>-O</c>: do not optimize the filter.</summary>
    public bool NoOptimize { get; init; }
    /// <summary><c>-r FILE</c>.</summary>
    public string? ReadFile { get; init; }
    /// <summary><c>-w FILE</c>.</summary>
    public string? WriteFile { get; init; }
    /// <summary><c>-F FILE</c>: read the filter expression from a file.</summary>
    public string? FilterFile { get; init; }
    /// <summary><c>-i INTERFACE</c>.</summary>
    public string? Interface { get; init; }
    /// <summary><c>-y LINKTYPE</c> (tcpdump's DLT names).</summary>
    public string? LinkTypeName { get; init; }
    /// <summary><c>-c N</c>: stop after N packets.</summary>
    public long? Count { get; init; }
    /// <summary><c>-s SNAPLEN</c>.</summary>
    public int? SnapLength { get; init; }
    /// <summary><c>-B KIB</c>: kernel buffer size.</summary>
    public int? BufferSizeKiB { get; init; }
    /// <summary><c>-Q in|out|inout</c>.</summary>
    public string? Direction { get; init; }
    /// <summary><c>-p</c>: do not put the interface in promiscuous mode.</summary>
    public bool NoPromiscuous { get; init; }
    /// <summary><c>--immediate-mode</c>.</summary>
    public bool ImmediateMode { get; init; }
    /// <summary><c>-n</c> count (one is enough to stop name resolution).</summary>
    public int NoResolve { get; init; }
    /// <summary><c>-e</c>: print the link-level header.</summary>
    public bool LinkHeader { get; init; }
    /// <summary><c>-q</c>: quick, less protocol detail.</summary>
    public bool Quiet { get; init; }
    /// <summary><c>-t</c> count: 1 none, 2 epoch, 3 delta, 4 date, 5 since first.</summary>
    public int TimestampStyle { get; init; }
    /// <summary><c>--time-stamp-precision=nano</c>.</summary>
    public bool NanosecondPrecision { get; init; }
    /// <summary><c>-v</c> count.</summary>
    public int Verbose { get; init; }
    /// <summary><c>-x</c> count: hex without ASCII.</summary>
    public int Hex { get; init; }
    /// <summary><c>-X</c> count: hex with ASCII.</summary>
    public int HexAscii { get; init; }
    /// <summary><c>-l</c>: line-buffered output.</summary>
    public bool LineBuffered { get; init; }
    /// <summary><c>-U</c>: flush the <c>-w</c> file after each packet.</summary>
    public bool PacketBuffered { get; init; }
    /// <summary><c>-A</c> count: print each packet's bytes as ASCII (2: with the link header).</summary>
    public int Ascii { get; init; }
    /// <summary><c>-S</c>: absolute TCP sequence numbers.</summary>
    public bool AbsoluteTcpSequence { get; init; }

    /// <summary><c>-K</c>/<c>--dont-verify-checksums</c>: print no checksum verdicts.</summary>
    public bool SkipChecksums { get; init; }

    /// <summary><c>-T TYPE</c>: the application protocol every UDP (and, for DNS, TCP) payload is printed as.</summary>
    public Pcap.Decode.Application.ApplicationProtocol? ForcedApplication { get; init; }

    /// <summary><c>-N</c>: host names without their domain.</summary>
    public bool StripDomains { get; init; }
    /// <summary><c>-#</c>/<c>--number</c>: a packet number at the start of each line.</summary>
    public bool Number { get; init; }
    /// <summary><c>--count</c>: with <c>-r</c>, print only the number of packets.</summary>
    public bool CountOnly { get; init; }
    /// <summary><c>--print</c>: print the packets even while writing them with <c>-w</c>.</summary>
    public bool PrintWhileWriting { get; init; }
    /// <summary><c>-L</c>: list the device's data link types.</summary>
    public bool ListDataLinkTypes { get; init; }
    /// <summary><c>-J</c>: list the device's time stamp types.</summary>
    public bool ListTimestampTypes { get; init; }
    /// <summary><c>-j TYPE</c>: the time stamp type asked for.</summary>
    public string? TimestampType { get; init; }
    /// <summary><c>-I</c>: monitor mode.</summary>
    public bool MonitorMode { get; init; }
    /// <summary><c>-V FILE</c>: read the capture files named in FILE, one a line.</summary>
    public string? FileList { get; init; }
    /// <summary><c>-Z USER</c>: drop to USER once the capture is open.</summary>
    public string? User { get; init; }
    /// <summary>The filter expression, the remaining words joined by spaces (null when none).</summary>
    public string? Expression { get; init; }
}
