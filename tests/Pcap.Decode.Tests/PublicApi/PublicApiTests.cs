using System.Reflection;
using System.Xml.Linq;
using Pcap.Decode.Walk;

namespace Pcap.Decode.Tests.PublicApi;

/// <summary>
/// The public surface of Pcap.Decode (layers, the walk, the formatter, the file readers and writers) and of Pcap.Wire is
/// the approved list checked in beside this test: a type made public or internal shows up here first, and every
/// exported type carries an XML doc comment.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Assemblies => ["Pcap.Decode", "Pcap.Wire"];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Exported_types_are_exactly_the_approved_list(string assemblyName)
    {
        var actual = ExportedTypeNames(Load(assemblyName));
        var approvedPath = Path.Combine(AppContext.BaseDirectory, "PublicApi", assemblyName + ".approved.txt");
        Assert.True(File.Exists(approvedPath), $"the approved list {approvedPath} is missing from the test output");
        var approved = File.ReadAllLines(approvedPath).Where(line => line.Length > 0 && !line.StartsWith('#')).ToArray();
        var added = actual.Except(approved).ToArray();
        var removed = approved.Except(actual).ToArray();
        Assert.True(added.Length == 0 && removed.Length == 0,
            $"{assemblyName} exports {added.Length} types the approved list does not name ({string.Join(", ", added)}) and lacks "
            + $"{removed.Length} it names ({string.Join(", ", removed)}). Make the type internal, or, when it belongs to the "
            + $"public API, update tests/Pcap.Decode.Tests/PublicApi/{assemblyName}.approved.txt.");
        Assert.Equal(approved.Order(StringComparer.Ordinal), approved);
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Every_exported_type_has_an_xml_doc_comment(string assemblyName)
    {
        var assembly = Load(assemblyName);
        var docPath = Path.ChangeExtension(assembly.Location, ".xml");
        Assert.True(File.Exists(docPath), $"{assemblyName}'s XML documentation {docPath} was not copied beside it");
        var documented = XDocument.Load(docPath).Descendants("member")
            .Where(member => member.Element("summary") is { } summary && summary.Value.Trim().Length > 0)
            .Select(member => (string?)member.Attribute("name"))
            .ToHashSet();
        var undocumented = ExportedTypeNames(assembly).Where(name => !documented.Contains("T:" + name.Replace('+', '.'))).ToArray();
        Assert.True(undocumented.Length == 0, $"{assemblyName} exports types without a <summary>: {string.Join(", ", undocumented)}");
    }

    private static Assembly Load(string assemblyName) =>
        assemblyName == "Pcap.Wire" ? typeof(LinkType).Assembly : typeof(LayerWalker).Assembly;

    private static string[] ExportedTypeNames(Assembly assembly) =>
        assembly.GetExportedTypes().Select(type => type.FullName!).Order(StringComparer.Ordinal).ToArray();
}
