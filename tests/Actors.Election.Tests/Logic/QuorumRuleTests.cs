using Actors.Election.Logic;
using Xunit;
using static Actors.Election.Tests.Logic.Nodes;

namespace Actors.Election.Tests.Logic;

/// <summary>
/// <c>QuorumRule</c>: majority is more than half of the voters (the electorate less removed members); the bootstrap
/// electorate needs every voter; reachable mode needs every reachable voter.
/// </summary>
public sealed class QuorumRuleTests
{
    private static readonly ElectorateVersion Announced = new(3, 1);

    private static int[] Range(int count) => Enumerable.Range(1, count).ToArray();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    [InlineData(6, 4)]
    [InlineData(7, 4)]
    public void Majority_needs_more_than_half_of_an_announced_electorate(int voters, int required)
    {
        Assert.Equal(required, QuorumRule.Required(QuorumMode.Majority, Electorate(Announced, Range(voters)), None, None));
    }

    [Fact]
    public void Majority_still_counts_removed_members_until_a_master_drops_them()
    {
        // A removed member may have voted before it went: a remnant must not become a majority on its own.
        var electorate = Electorate(Announced, 1, 2, 3, 4, 5);

        Assert.Equal(3, QuorumRule.Required(QuorumMode.Majority, electorate, Set(4, 5), None));
    }

    [Fact]
    public void Removing_someone_outside_the_electorate_changes_nothing()
    {
        Assert.Equal(2, QuorumRule.Required(QuorumMode.Majority, Electorate(Announced, 1, 2, 3), Set(9), None));
    }

    [Fact]
    public void Majority_does_not_shrink_for_unreachable_members()
    {
        Assert.Equal(3, QuorumRule.Required(QuorumMode.Majority, Electorate(Announced, 1, 2, 3, 4, 5), None, Set(4, 5)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void The_bootstrap_electorate_needs_every_voter(int voters)
    {
        Assert.Equal(voters, QuorumRule.Required(QuorumMode.Majority, Electorate.Bootstrap(Range(voters).Select(n => Node(n))), None, None));
    }

    [Fact]
    public void The_bootstrap_electorate_needs_every_voter_that_is_not_removed()
    {
        Assert.Equal(2, QuorumRule.Required(QuorumMode.Majority, Electorate(ElectorateVersion.Bootstrap, 1, 2, 3), Set(3), None));
    }

    [Fact]
    public void An_electorate_with_a_sequence_but_session_zero_is_not_the_bootstrap_one()
    {
        Assert.Equal(2, QuorumRule.Required(QuorumMode.Majority, Electorate(0, 1, 1, 2, 3), None, None));
    }

    [Fact]
    public void Reachable_mode_needs_every_reachable_voter()
    {
        var electorate = Electorate(Announced, 1, 2, 3, 4, 5);

        Assert.Equal(5, QuorumRule.Required(QuorumMode.Reachable, electorate, None, None));
        Assert.Equal(2, QuorumRule.Required(QuorumMode.Reachable, electorate, None, Set(3, 4, 5)));
        Assert.Equal(1, QuorumRule.Required(QuorumMode.Reachable, electorate, Set(2), Set(3, 4, 5)));
    }

    [Fact]
    public void Reachable_mode_needs_at_least_one_vote()
    {
        Assert.Equal(1, QuorumRule.Required(QuorumMode.Reachable, Electorate(Announced, 1, 2), None, Set(1, 2)));
    }

    [Fact]
    public void Voters_are_the_electorate_less_removed_members()
    {
        Assert.Equal(new[] { Node(1), Node(3) }, QuorumRule.Voters(Electorate(Announced, 1, 2, 3), Set(2, 7)).ToArray());
        Assert.Equal(new[] { Node(1), Node(2) }, QuorumRule.Voters(Electorate(Announced, 1, 2), None).ToArray());
    }
}
