using Pcap.Decode.Application;

namespace Pcap.Decode.Tests.Application;

/// <summary>The BER reader SNMP's printer walks: lengths, numbers and the complaints tcpdump's asn1_parse makes.</summary>
public sealed class BerElementTests
{
    [Fact]
    public void Long_form_length_and_negative_integer_read_as_tcpdump_reads_them()
    {
        byte[] integer = [0x02, 0x81, 0x02, 0xff, 0x7f];
        Assert.True(BerElement.TryRead(integer, integer.Length, out var element));
        Assert.Equal(BerType.Integer, element.Type);
        Assert.Equal(-129, element.Integer);
        Assert.Equal(3, element.HeaderLength);
        Assert.Equal(5, element.TotalLength);
    }

    [Theory]
    [InlineData(new byte[] { 0x04, 0x05, 0x61 }, 3, BerError.LengthOverrun)]
    [InlineData(new byte[] { 0x04, 0x05, 0x61 }, 7, BerError.NotCaptured)]
    [InlineData(new byte[] { 0x04 }, 1, BerError.NoLength)]
    [InlineData(new byte[] { 0x04 }, 2, BerError.HeaderNotCaptured)]
    [InlineData(new byte[] { 0x04, 0x84, 0x00 }, 3, BerError.LengthOctets)]
    [InlineData(new byte[] { 0x52, 0x00 }, 2, BerError.UnknownTag)]
    [InlineData(new byte[] { 0x02, 0x00 }, 2, BerError.EmptyInteger)]
    [InlineData(new byte[] { 0x1f, 0x81 }, 1, BerError.ExtendedTag)]
    [InlineData(new byte[0], 0, BerError.Empty)]
    public void Elements_that_do_not_read_say_why(byte[] bytes, int length, BerError expected)
    {
        Assert.False(BerElement.TryRead(bytes, length, out var element));
        Assert.Equal(expected, element.Error);
    }

    [Fact]
    public void Snmp_message_reads_its_version_and_leaves_the_rest()
    {
        byte[] message = [0x30, 0x0b, 0x02, 0x01, 0x01, 0x04, 0x06, .. "public"u8];
        Assert.True(SnmpMessage.TryRead(message, message.Length, out var snmp, out _));
        Assert.Equal(SnmpMessage.Version2c, snmp.Version);
        Assert.Equal(8, snmp.DataLength);
        Assert.True(BerElement.TryRead(snmp.Data, snmp.DataLength, out var community));
        Assert.Equal(BerType.String, community.Type);
        Assert.True(community.Contents.SequenceEqual("public"u8));
        Assert.False(SnmpMessage.TryRead(message.AsSpan(0, 4), message.Length, out _, out var error));
        Assert.Equal(DecodeErrorKind.Truncated, error.Kind);
    }
}
