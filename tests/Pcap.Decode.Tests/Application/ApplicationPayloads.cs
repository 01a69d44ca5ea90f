using Pcap.Testing.Packets;

namespace Pcap.Decode.Tests.Application;

/// <summary>A seeded mix of application payloads for every protocol the application printers decode.</summary>
internal sealed class ApplicationPayloads(Random random)
{
    private readonly DnsBuilder _dns = new(random);

    /// <summary>The protocols <see cref="Next"/> draws from.</summary>
    public static readonly string[] Protocols = ["dns", "dns-tcp", "mdns"];

    /// <summary>The next payload of <paramref name="protocol"/>.</summary>
    public ApplicationPayload Next(string protocol)
    {
        int ephemeral = random.Next(40000, 49000);
        bool toServer = random.Next(2) == 0;
        switch (protocol)
        {
            case "dns":
                return Ports(protocol, false, 53, ephemeral, toServer, _dns.Next());
            case "mdns":
                return new ApplicationPayload(protocol, false, 5353, random.Next(4) == 0 ? ephemeral : 5353, _dns.Next(multicast: true));
            default:
                var message = _dns.Next();
                var framed = new ByteWriter();
                int roll = random.Next(20);
                if (roll == 0) return Ports(protocol, true, 53, ephemeral, toServer, [(byte)random.Next(256)]);
                framed.U16(roll == 1 ? random.Next(65536) : message.Length).Bytes(message);
                return Ports(protocol, true, 53, ephemeral, toServer, framed.ToArray());
        }
    }

    private static ApplicationPayload Ports(string protocol, bool tcp, int server, int client, bool toServer, byte[] payload) =>
        toServer ? new(protocol, tcp, client, server, payload) : new(protocol, tcp, server, client, payload);
}
