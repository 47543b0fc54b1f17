using Actors.Election.Logic;
using Xunit;
using static Actors.Election.Tests.Logic.Nodes;

namespace Actors.Election.Tests.Logic;

/// <summary><c>QuorumRule.CanReach</c>: whether the voters a node can reach (itself included) could form a quorum.</summary>
public sealed class QuorumRuleCanReachTests
{
    private static readonly Electorate FiveAnnounced = Electorate(3, 1, 1, 2, 3, 4, 5);

    [Theory]
    [InlineData(new int[0], true)]
    [InlineData(new[] { 5 }, true)]
    [InlineData(new[] { 4, 5 }, true)]
    [InlineData(new[] { 3, 4, 5 }, false)]
    [InlineData(new[] { 2, 3, 4, 5 }, false)]
    public void Majority_is_reachable_while_more_than_half_of_the_voters_are(int[] unreachable, bool expected)
    {
        Assert.Equal(expected, QuorumRule.CanReach(QuorumMode.Majority, FiveAnnounced, None, Set(unreachable)));
    }

    [Fact]
    public void The_half_with_the_lowest_member_of_an_even_electorate_is_reachable_and_the_other_is_not()
    {
        var four = Electorate(3, 1, 1, 2, 3, 4);

        Assert.True(QuorumRule.CanReach(QuorumMode.Majority, four, None, Set(3, 4)));
        Assert.False(QuorumRule.CanReach(QuorumMode.Majority, four, None, Set(1, 2)));
    }

    [Fact]
    public void The_bootstrap_electorate_is_reachable_only_when_every_voter_is()
    {
        var bootstrap = Electorate(ElectorateVersion.Bootstrap, 1, 2, 3);

        Assert.True(QuorumRule.CanReach(QuorumMode.Majority, bootstrap, None, None));
        Assert.False(QuorumRule.CanReach(QuorumMode.Majority, bootstrap, None, Set(3)));
    }

    [Fact]
    public void Reachable_mode_is_always_reachable_for_a_voter()
    {
        Assert.True(QuorumRule.CanReach(QuorumMode.Reachable, FiveAnnounced, None, Set(2, 3, 4, 5)));
    }

    [Fact]
    public void An_electorate_whose_voters_are_all_unreachable_cannot_reach_a_quorum()
    {
        Assert.False(QuorumRule.CanReach(QuorumMode.Majority, FiveAnnounced, None, Set(1, 2, 3, 4, 5)));
    }

    [Fact]
    public void A_lone_voter_can_reach_its_own_quorum()
    {
        Assert.True(QuorumRule.CanReach(QuorumMode.Majority, Electorate(ElectorateVersion.Bootstrap, 1), None, None));
    }
}
