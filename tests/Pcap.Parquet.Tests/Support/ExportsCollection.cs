namespace Pcap.Parquet.Tests.Support;

/// <summary>The test classes that read <see cref="ExportedCaptures"/> share one (recording real traffic takes a minute).</summary>
[CollectionDefinition(Name)]
public sealed class ExportsCollection : ICollectionFixture<ExportedCaptures>
{
    public const string Name = "exported captures";
}
