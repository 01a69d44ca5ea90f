namespace Pcap.Cli.CommandLine;

/// <summary>The text of <c>pcapcore --help</c>, in tcpdump's words.</summary>
internal static class UsageText
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage: pcapcore [-AbDdehJLlnOpqStuvxXU#] [-B size] [-c count] [-C file_size] [-F file]
                        [-G seconds] [-i interface] [-j tstamptype] [-Q in|out|inout] [-r file]
                        [-s snaplen] [-V file] [-w file] [-W filecount] [-y datalinktype]
                        [-z postrotate-command] [-Z user] [--count] [--immediate-mode]
                        [--micro|--nano] [--number] [--print] [--time-stamp-precision=micro|nano]
                        [--version] [ expression ]
               pcapcore lab

          -A           print each packet (minus its link header) in ASCII; -AA with the link header
          -b           accepted for tcpdump's sake (BGP is not decoded)
          -B size      set the operating system capture buffer size, in units of KiB
          -c count     exit after receiving count packets
          -C size      with -w: start file1, file2, ... once the file is over size millions of bytes
          -d           dump the compiled filter in a human-readable form and stop
          -dd          dump the compiled filter as a C program fragment
          -ddd         dump the compiled filter as decimal numbers (count first)
          -D           print the list of interfaces available for capture and stop
          -e           print the link-level header on each dump line
          -F file      use file as input for the filter expression
          -G seconds   with -w: start a new file every seconds (-w's name goes through strftime)
          -h, --help   print this help and exit
          -I           monitor mode: refused, as libpcap refuses it on devices without it
          -j type      set the time stamp type (host; others give libpcap's warning)
          -J           list the time stamp types of the interface and stop
          -L           list the data link types of the interface and stop
          -i interface listen on interface (a name, an index from -D, or "any")
          -l           make stdout line buffered
          -n           don't convert addresses (host addresses, port numbers) to names
          -O           do not run the filter optimizer
          -p           don't put the interface into promiscuous mode
          -q           quick output: print less protocol information
          -Q direction choose send/receive direction: in, out or inout
          -r file      read packets from file (pcap or pcapng; "-" for standard input)
          -s snaplen   capture snaplen bytes of each packet (default 262144)
          -S           print absolute TCP sequence numbers
          -t           don't print a timestamp on each dump line
          -tt          print the timestamp as seconds since the epoch
          -ttt         print the delta from the previous line
          -tttt        print the date and time
          -ttttt       print the delta from the first line
          -u           accepted for tcpdump's sake (NFS is not decoded)
          -U           flush the -w file after each packet
          -v           verbose output (more v, more detail)
          -V file      read the capture files named in file, one a line
          -w file      write the raw packets to file rather than printing them
          -W count     with -C: cycle through count files; with -G alone: stop after count files
          -x, -xx      print each packet in hex (-xx: with the link header)
          -X, -XX      print each packet in hex and ASCII (-XX: with the link header)
          -y type      set the data link type (EN10MB, LINUX_SLL, LINUX_SLL2, RAW, IPV4, IPV6, NULL, LOOP)
          -z command   run "command file" on each file a rotation closes
          -Z user      drop to user once the capture is open (the -w file is theirs)
          -#, --number print a packet number at the start of each line
          --count      with -r: print only the number of packets
          --print      print the packets even while writing them with -w
          --micro, --nano
                       same as --time-stamp-precision=micro or =nano
          --immediate-mode
                       deliver packets as they arrive, without buffering
          --time-stamp-precision=micro|nano
                       print and write timestamps with this precision
          --version    print the version and exit

          Ours (tcpdump has no such flags):
          --workers N  capture with N workers in a PACKET_FANOUT group, each with its own ring
                       of -B KiB; output stays in time-stamp order across the workers
          --fanout MODE[,defrag][,rollover]
                       how the kernel spreads packets: hash (flows kept together, default),
                       lb, cpu, rollover, random, qm, cbpf (with --fanout-select)
          --fanout-select expression
                       cbpf: worker i takes what the i-th expression matches, the last the rest

          --parquet OUT
                       write a row per packet to the Parquet file OUT; with -C size (millions of
                       bytes) or -G seconds, or when OUT is a directory, to OUT/date=.../hour=.../
                       part-*.parquet files (UTC), each renamed into place once complete
          --parquet-raw    add each frame's bytes (frame_raw)
          --parquet-line   add the line tcpdump prints, as -n, -v, -e... ask (tcpdump_line)
          --parquet-row-group N
                       rows per row group (default 65536)

          lab          build the Docker-style topology of the walkthrough in network
                       namespaces, capture the three scenarios, and explain them

        expression: a pcap-filter expression (see 'man pcap-filter'), e.g. 'arp or icmp'
        """;
}
