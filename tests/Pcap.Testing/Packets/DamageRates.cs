namespace Pcap.Testing.Packets;

/// <summary>Percentages of frames replaced by garbage, truncated (caplen &lt; wire length), or cut short on the wire (runts).</summary>
public readonly record struct DamageRates(int Garbage, int Truncated, int Runt);
