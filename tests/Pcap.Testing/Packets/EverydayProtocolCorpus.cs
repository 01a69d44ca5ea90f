namespace Pcap.Testing.Packets;

/// <summary>The seeded issue-12 corpus of one link type: frames and the protocol and damage of each.</summary>
public static class EverydayProtocolCorpus
{
    /// <summary><paramref name="perProtocol"/> frames of every protocol that rides on <paramref name="linkType"/>, from a fixed seed.</summary>
    public static (List<(byte[] Data, int WireLength)> Frames, List<string> Protocols, List<string> Damage) Build(int linkType, int perProtocol, int seed)
    {
        var frames = new List<(byte[], int)>();
        var protocols = new List<string>();
        var damage = new List<string>();
        for (var index = 0; index < EverydayProtocolPayloads.Protocols.Length; index++)
        {
            var protocol = EverydayProtocolPayloads.Protocols[index];
            // A generator per protocol, so a change to one protocol's frames leaves every other protocol's frames as they were.
            var random = new Random(seed * 1_000_003 + linkType * 1_009 + index);
            var payloads = new EverydayProtocolPayloads(random);
            var factory = new EverydayFrameFactory(linkType, random);
            for (var i = 0; i < perProtocol; i++)
            {
                var payload = payloads.Next(protocol);
                if (!factory.Carries(payload.Carrier))
                    break;
                frames.Add(factory.Wrap(payload));
                protocols.Add(protocol);
                damage.Add(factory.Damage);
            }
        }
        return (frames, protocols, damage);
    }
}
