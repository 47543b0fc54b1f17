using Akka.Actor;
using Akka.Cluster;
using Xunit;

namespace Actors.Election.Tests.Api;

/// <summary><see cref="FencingToken"/>'s documented text and binary forms, byte for byte, and what they refuse.</summary>
public sealed class FencingTokenFormatTests
{
    private static readonly UniqueAddress Orders1 = new(new Address("akka.tcp", "orders", "10.0.0.1", 2551), 123456789);
    private static readonly FencingToken Example = new(1_796_500_000_000_000, Orders1);

    [Fact]
    public void The_text_form_is_the_zero_padded_session_then_the_address_and_uid()
    {
        Assert.Equal("0001796500000000000@akka.tcp://orders@10.0.0.1:2551#123456789", Example.ToString());
        Assert.Equal("0000000000000000000@akka://local#-7", new FencingToken(0, new UniqueAddress(new Address("akka", "local"), -7)).ToString());
        Assert.Equal("9223372036854775807@akka.tcp://s@::1:1#0", new FencingToken(long.MaxValue, new UniqueAddress(new Address("akka.tcp", "s", "::1", 1), 0)).ToString());
    }

    [Fact]
    public void The_address_part_is_the_address_as_akka_prints_it()
    {
        Assert.Equal($"{Example.Session:D19}@{Orders1.Address}#{Orders1.Uid}", Example.ToString());
        var ipv6 = new Address("akka.tcp", "orders", "[fe80::1]", 2552);
        Assert.EndsWith($"@{ipv6}#1", new FencingToken(1, new UniqueAddress(ipv6, 1)).ToString());
    }

    [Fact]
    public void The_binary_form_is_the_big_endian_session_and_uid_then_the_utf8_address()
    {
        var expected = Convert.FromHexString("000661E84056C800" + "075BCD15") // 1796500000000000, 123456789
            .Concat("akka.tcp://orders@10.0.0.1:2551"u8.ToArray()).ToArray();
        Assert.Equal(expected, Example.ToBytes());
        Assert.Equal(Example, FencingToken.FromBytes(expected));

        var negativeUid = new FencingToken(1, new UniqueAddress(new Address("akka", "s"), -2)).ToBytes();
        Assert.Equal(Convert.FromHexString("0000000000000001FFFFFFFE").Concat("akka://s"u8.ToArray()), negativeUid);
    }

    [Fact]
    public void Parse_and_FromBytes_read_the_forms_back()
    {
        Assert.Equal(Example, FencingToken.Parse(Example.ToString()));
        Assert.True(FencingToken.TryParse(Example.ToString(), out var parsed));
        Assert.Equal(Example, parsed);
        Assert.Equal(Orders1, parsed.Master);
        Assert.Equal(Example, ParseAs<FencingToken>(Example.ToString()));
    }

    [Theory]
    [InlineData("", "must start with the session")]
    [InlineData("1796500000000000@akka.tcp://orders@10.0.0.1:2551#1", "must start with the session")]                  // not padded
    [InlineData("00001796500000000000@akka.tcp://orders@10.0.0.1:2551#1", "must start with the session")]              // 20 digits
    [InlineData("000179650000000000x@akka.tcp://orders@10.0.0.1:2551#1", "19 decimal digits")]
    [InlineData("-000000000000000001@akka.tcp://orders@10.0.0.1:2551#1", "19 decimal digits")]
    [InlineData("9999999999999999999@akka.tcp://orders@10.0.0.1:2551#1", "above 9223372036854775807")]
    [InlineData("0001796500000000000@akka.tcp://orders@10.0.0.1:2551", "uid must follow")]
    [InlineData("0001796500000000000@akka.tcp://orders@10.0.0.1:2551#", "32-bit decimal integer")]
    [InlineData("0001796500000000000@akka.tcp://orders@10.0.0.1:2551#99999999999", "32-bit decimal integer")]
    [InlineData("0001796500000000000@akka.tcp://orders@10.0.0.1:2551#1x", "32-bit decimal integer")]
    [InlineData("0001796500000000000@akka.tcp://orders@10.0.0.1:2551#01", "canonical form")]
    [InlineData("0001796500000000000@akka.tcp://orders@10.0.0.1:2551#+1", "canonical form")]
    [InlineData("0001796500000000000@akka.tcp://orders@10.0.0.1:2551#-0", "canonical form")]
    [InlineData("0001796500000000000@akka.tcp://orders@10.0.0.1:2551# 1", "32-bit decimal integer")]
    [InlineData("0001796500000000000@akka.tcp://orders@Orders.Example:2551#1", "canonical form")]                      // Akka keeps hosts in lower case
    [InlineData("0001796500000000000@akka.tcp://orders@10.0.0.1:02551#1", "canonical form")]
    [InlineData("0001796500000000000@akka.tcp://orders@10.0.0.1:70000#1", "port must be in")]
    [InlineData("0001796500000000000@akka.tcp://orders@10.0.0.1#1", "has no port")]
    [InlineData("0001796500000000000@akka.tcp://orders@:2551#1", "host must be non-empty")]
    [InlineData("0001796500000000000@akka.tcp://@10.0.0.1:2551#1", "system name must be non-empty")]
    [InlineData("0001796500000000000@://orders@10.0.0.1:2551#1", "protocol://system@host:port")]
    [InlineData("0001796500000000000@orders@10.0.0.1:2551#1", "protocol://system@host:port")]
    [InlineData("0001796500000000000@akka.tcp://orders@10.0.0.1:2551/user#1", "has no port")]
    [InlineData("0001796500000000000@akka.tcp://orders@a@b:2551#1", "host must be non-empty, without")]
    [InlineData("0001796500000000000 akka.tcp://orders@10.0.0.1:2551#1", "must start with the session")]
    public void Parse_refuses_anything_but_the_canonical_text_with_a_format_exception_saying_why(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => FencingToken.Parse(text));
        Assert.Contains("is not a fencing token", e.Message);
        Assert.Contains(reason, e.Message);
        Assert.False(FencingToken.TryParse(text, out var token));
        Assert.True(token.IsEmpty);
    }

    [Fact]
    public void Parse_refuses_null_and_TryParse_answers_false()
    {
        Assert.Throws<ArgumentNullException>(() => FencingToken.Parse(null!));
        Assert.False(FencingToken.TryParse(null, out _));
    }

    [Theory]
    [InlineData("", "got 0 bytes")]
    [InlineData("0000000000000001000000FF", "got 12 bytes")]                                   // session and uid, no address
    [InlineData("8000000000000001000000FF616B6B613A2F2F73", "never negative")]               // the top bit set
    [InlineData("0000000000000001000000FF616B6B61", "protocol://system@host:port")]           // "akka"
    [InlineData("0000000000000001000000FF616B6B613A2F2FC3", "not valid UTF-8")]               // "akka://" and a cut-off character
    [InlineData("0000000000000001000000FF616B6B613A2F2F7340483A31", "canonical form")]         // "akka://s@H:1": Akka keeps hosts in lower case
    public void FromBytes_refuses_what_is_not_a_token_with_an_argument_exception_saying_why(string hex, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => FencingToken.FromBytes(Convert.FromHexString(hex)));
        Assert.Equal("bytes", e.ParamName);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void A_token_needs_a_non_negative_session_and_a_master_whose_address_can_be_written()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FencingToken(-1, Orders1));
        Assert.Throws<ArgumentNullException>(() => new FencingToken(1, null!));
        var noPort = new UniqueAddress(new Address("akka.tcp", "orders", "10.0.0.1", null), 1);
        Assert.Contains("both a host and a port", Assert.Throws<ArgumentException>(() => new FencingToken(1, noPort)).Message);
        var slashInHost = new UniqueAddress(new Address("akka.tcp", "orders", "a/b", 1), 1);
        Assert.Contains("without '/', '@' or '#'", Assert.Throws<ArgumentException>(() => new FencingToken(1, slashInHost)).Message);
    }

    [Fact]
    public void Leadership_and_NewMaster_hand_out_their_session_and_master_as_a_token()
    {
        var leadership = new Leadership(42, Orders1, CancellationToken.None);
        Assert.Equal(new FencingToken(42, Orders1), leadership.Token);
        var newMaster = new NewMaster(Orders1, 43);
        Assert.Equal(new FencingToken(43, Orders1), newMaster.Token);
        Assert.True(leadership.Token < newMaster.Token);
    }

    [Fact]
    public void The_events_print_the_master_by_its_short_id_without_repeating_the_token()
    {
        Assert.Equal($"NewMaster {{ Master = {Orders1.ToShortId()}, Session = 43 }}", new NewMaster(Orders1, 43).ToString());
        Assert.Equal($"Leadership {{ Session = 42, Master = {Orders1}, Lost = {CancellationToken.None} }}",
            new Leadership(42, Orders1, CancellationToken.None).ToString());
        // Token is computed, not a member: equality is still (Master, Session).
        Assert.Equal(new NewMaster(Orders1, 43), new NewMaster(Orders1, 43));
    }

    private static T ParseAs<T>(string text) where T : IParsable<T> => T.Parse(text, null);
}
