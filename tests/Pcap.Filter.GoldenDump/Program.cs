using System.Text;
using Pcap.Filter;
using Pcap.Filter.Bpf;
using Pcap.Testing.Expressions;

// Usage: dotnet run --project tests/Pcap.Filter.GoldenDump -c Release -- OUTPUT_FILE
// Compiles the expression corpus, the malformed set and a few large sets for the 8 link types, optimized and -O, plus
// Ethernet with the live socket's VLAN ancillary loads, and writes each program (-d form) or error (text, position,
// length). Take a dump before a change that must not alter output and compare it byte for byte after.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Pcap.Filter.GoldenDump OUTPUT_FILE");
    return 2;
}

string root = FindRepositoryRoot();
var expressions = new List<string>(ExpressionCorpus.All());
expressions.AddRange(File.ReadAllLines(Path.Combine(root, "tests/Pcap.Filter.Tests/Errors/MalformedInputs.txt")));
expressions.AddRange(LargeSets());

LinkType[] linkTypes = [(LinkType)1, (LinkType)101, (LinkType)113, (LinkType)276, (LinkType)0, (LinkType)108, (LinkType)228, (LinkType)229];
var configurations = new List<(string Name, LinkType LinkType, FilterOptions Options)>();
foreach (var linkType in linkTypes)
{
    configurations.Add(($"{(int)linkType} optimized", linkType, new FilterOptions()));
    configurations.Add(($"{(int)linkType} -O", linkType, new FilterOptions { Optimize = false }));
}
configurations.Add(("1 optimized vlan-ancillary", (LinkType)1, new FilterOptions { LinuxVlanAncillaryLoads = true }));
configurations.Add(("1 -O vlan-ancillary", (LinkType)1, new FilterOptions { Optimize = false, LinuxVlanAncillaryLoads = true }));

using var output = new StreamWriter(args[0], append: false, new UTF8Encoding(false)) { NewLine = "\n" };
int count = 0;
foreach (var (name, linkType, options) in configurations)
{
    foreach (string expression in expressions)
    {
        output.Write("== ");
        output.Write(name);
        output.Write(": ");
        output.WriteLine(Abbreviate(expression));
        if (FilterCompiler.TryCompile(expression, linkType, out var program, out var error, options))
            output.Write(BpfDisassembler.Format(program, BpfDumpFormat.Assembly));
        else
            output.WriteLine($"error at {error.Position}+{error.Length}: {error.Message}");
        count++;
    }
}
Console.WriteLine($"{count} compiles written to {args[0]}");
return 0;

// Long expressions are named by their length and a hash so the dump stays readable.
static string Abbreviate(string expression) =>
    expression.Length <= 200 ? expression.Replace("\n", "\\n", StringComparison.Ordinal)
        : $"{expression[..100].Replace("\n", "\\n", StringComparison.Ordinal)}... ({expression.Length} chars, hash {Fnv(expression):x16})";

static ulong Fnv(string text)
{
    ulong hash = 14695981039346656037;
    foreach (char c in text)
        hash = (hash ^ c) * 1099511628211;
    return hash;
}

static IEnumerable<string> LargeSets()
{
    var random = new Random(20261203);
    foreach (int size in new[] { 10, 100, 1000 })
    {
        var hosts = new HashSet<string>();
        while (hosts.Count < size)
            hosts.Add($"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}");
        yield return string.Join(" or ", hosts.Select(h => "host " + h));
        yield return "tcp and (" + string.Join(" or ", hosts.Select(h => "src host " + h)) + ")";
    }
    yield return string.Join(" or ", Enumerable.Range(1, 300).Select(p => $"port {p * 7}"));
    yield return string.Join(" or ", Enumerable.Range(1, 2000).Select(p => $"port {p}"));
    yield return string.Join(" or ", Enumerable.Range(1, 50).Select(p => $"net 10.{p}.0.0/16"));
    foreach (int depth in new[] { 50, 97, 98, 99, 100, 150, 199, 200, 201, 1000 })
        yield return new string('(', depth) + "ip" + new string(')', depth);
    foreach (int terms in new[] { 10, 100, 1000, 3000 })
        yield return "ip[0] = " + string.Join("+", Enumerable.Repeat("1", terms));
    yield return "len = " + string.Join("*", Enumerable.Repeat("2", 40));
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "PcapCore.sln")))
            return dir.FullName;
    throw new InvalidOperationException("run from inside the PcapCore repository (PcapCore.sln not found above the tool)");
}
