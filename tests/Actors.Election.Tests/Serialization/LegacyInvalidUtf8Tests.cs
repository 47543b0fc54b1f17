using Xunit;

namespace Actors.Election.Tests.Serialization;

/// <summary>Legacy schema: strings on the wire are strict UTF-8: anything else is rejected, never replaced by U+FFFD.</summary>
public sealed class LegacyInvalidUtf8Tests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    public static TheoryData<string, byte[]> InvalidSequences() => new()
    {
        { "lone continuation byte", [0x80] },
        { "invalid byte 0xFF", [(byte)'a', 0xFF, (byte)'b'] },
        { "truncated two-byte sequence", [(byte)'s', 0xC3] },
        { "truncated four-byte sequence", [0xF0, 0x9F, 0x9A] },
        { "overlong encoding of '/'", [0xC0, 0xAF] },
        { "UTF-16 surrogate half", [0xED, 0xA0, 0x80] },
        { "code point above U+10FFFF", [0xF4, 0x90, 0x80, 0x80] },
    };

    [Theory]
    [MemberData(nameof(InvalidSequences))]
    public void Invalid_utf8_in_the_system_name_is_rejected(string name, byte[] system)
    {
        var e = fixture.Legacy.AssertRejected(new LegacyPayload { Sender = LegacyWireNode.Of(1) with { System = system } }.Build());

        Assert.True(e.Message.Contains("UTF-8"), $"{name}: {e.Message}");
    }

    [Theory]
    [MemberData(nameof(InvalidSequences))]
    public void Invalid_utf8_in_the_protocol_is_rejected(string name, byte[] protocol)
    {
        var e = fixture.Legacy.AssertRejected(new LegacyPayload { Sender = LegacyWireNode.Of(1) with { Protocol = protocol } }.Build());

        Assert.True(e.Message.Contains("UTF-8"), $"{name}: {e.Message}");
    }

    [Theory]
    [MemberData(nameof(InvalidSequences))]
    public void Invalid_utf8_in_a_member_host_is_rejected(string name, byte[] host)
    {
        var e = fixture.Legacy.AssertRejected(new LegacyPayload { Members = [LegacyWireNode.Of(1), LegacyWireNode.Of(2) with { Host = host }] }.Build());

        Assert.True(e.Message.Contains("UTF-8"), $"{name}: {e.Message}");
    }
}
