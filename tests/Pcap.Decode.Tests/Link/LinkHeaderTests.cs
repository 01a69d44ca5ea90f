using Pcap.Decode.Link;

namespace Pcap.Decode.Tests.Link;

public sealed class LinkHeaderTests
{
    [Fact]
    public void Ethernet_header_reads_addresses_and_type()
    {
        Assert.True(EthernetHeader.TryRead(Fixtures.ArpRequest, out var ethernet, out _));
        Assert.Equal(Convert.FromHexString("ffffffffffff"), ethernet.Destination.ToArray());
        Assert.Equal(Convert.FromHexString("0242ac110001"), ethernet.Source.ToArray());
        Assert.Equal(EtherType.Arp, ethernet.EtherType);
        Assert.Equal("ARP", ethernet.EtherType.Name);
        Assert.False(ethernet.IsLengthField);
    }

    [Fact]
    public void Vlan_tag_reads_id_priority_and_inner_type()
    {
        Assert.True(EthernetHeader.TryRead(Fixtures.VlanUdp, out var ethernet, out _));
        Assert.True(ethernet.EtherType.IsVlanTag);
        Assert.True(VlanTag.TryRead(ethernet.Payload, out var tag, out _));
        Assert.Equal(100, tag.VlanId);
        Assert.Equal(0, tag.Priority);
        Assert.Equal(0x0800, tag.TypeOrLength);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void Short_ethernet_frame_is_a_truncation_error(int length)
    {
        Assert.False(EthernetHeader.TryRead(Fixtures.ArpRequest.AsSpan(0, length), out _, out var error));
        Assert.Equal(DecodeErrorKind.Truncated, error.Kind);
        Assert.Equal(14, error.Required);
        Assert.Equal(length, error.Available);
    }

    [Fact]
    public void Sll2_header_reads_interface_and_direction()
    {
        // Layout check: protocol 0x0800, interface index 5, ARPHRD_ETHER, PACKET_OUTGOING, 6-byte address.
        var frame = Convert.FromHexString("08000000000000050001040602 42ac11000100 00".Replace(" ", "", StringComparison.Ordinal));
        Assert.True(LinuxSll2Header.TryRead(frame, out var sll, out _));
        Assert.Equal(0x0800, sll.Protocol);
        Assert.Equal(5u, sll.InterfaceIndex);
        Assert.Equal(LinuxPacketType.Outgoing, sll.PacketType);
        Assert.Equal(6, sll.AddressLength);
    }

    [Fact]
    public void Null_header_reads_either_byte_order()
    {
        Assert.True(NullHeader.TryRead([2, 0, 0, 0], networkOrder: false, out var little, out _));
        Assert.True(NullHeader.TryRead([0, 0, 0, 2], networkOrder: false, out var swapped, out _));
        Assert.True(NullHeader.TryRead([0, 0, 0, 24], networkOrder: true, out var loop, out _));
        Assert.Equal(2u, little.Family);
        Assert.Equal(2u, swapped.Family);
        Assert.Equal(24u, loop.Family);
    }
}
