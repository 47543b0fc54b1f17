using Xunit;

namespace Actors.Election.Tests.Logic;

/// <summary><c>ElectorateVersion</c>: ordered by session, then sequence; (0, 0) is the bootstrap electorate.</summary>
public sealed class ElectorateVersionTests
{
    [Fact]
    public void A_later_session_is_newer_whatever_the_sequence()
    {
        Assert.True(new ElectorateVersion(2, 0) > new ElectorateVersion(1, 99));
        Assert.True(new ElectorateVersion(1, 99) < new ElectorateVersion(2, 0));
    }

    [Fact]
    public void Within_a_session_a_higher_sequence_is_newer()
    {
        Assert.True(new ElectorateVersion(3, 2) > new ElectorateVersion(3, 1));
        Assert.True(new ElectorateVersion(3, 1) < new ElectorateVersion(3, 2));
    }

    [Fact]
    public void Comparison_operators_agree_with_CompareTo()
    {
        ElectorateVersion[] versions = [new(0, 0), new(0, 1), new(1, 0), new(1, 1), new(2, 0), new(long.MaxValue, long.MinValue)];

        foreach (var a in versions)
        foreach (var b in versions)
        {
            var c = a.CompareTo(b);
            Assert.Equal(c < 0, a < b);
            Assert.Equal(c > 0, a > b);
            Assert.Equal(c <= 0, a <= b);
            Assert.Equal(c >= 0, a >= b);
            Assert.Equal(c == 0, a == b);
            Assert.Equal(Math.Sign(c), -Math.Sign(b.CompareTo(a)));
        }
    }

    [Fact]
    public void The_bootstrap_version_is_zero_zero_and_the_oldest_non_negative_one()
    {
        Assert.Equal(new ElectorateVersion(0, 0), ElectorateVersion.Bootstrap);
        Assert.Equal(default, ElectorateVersion.Bootstrap);
        Assert.True(ElectorateVersion.Bootstrap.IsBootstrap);
        Assert.True(ElectorateVersion.Bootstrap < new ElectorateVersion(0, 1));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    public void Any_other_version_is_not_the_bootstrap_one(long session, long sequence)
    {
        Assert.False(new ElectorateVersion(session, sequence).IsBootstrap);
    }

    [Fact]
    public void A_version_reads_as_v_session_dot_sequence()
    {
        Assert.Equal("v4.2", new ElectorateVersion(4, 2).ToString());
    }
}
