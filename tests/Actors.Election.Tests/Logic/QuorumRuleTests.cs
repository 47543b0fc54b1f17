using Actors.Election.Logic;
using Xunit;
using static Actors.Election.Tests.Logic.Nodes;

namespace Actors.Election.Tests.Logic;

/// <summary>
/// <c>QuorumRule.IsQuorum</c>: in majority mode more than half of the members, or exactly half holding the lowest member;
/// both member sets of a joint electorate; every member of a bootstrap electorate; every reachable voter in reachable mode.
/// Removed members still count towards the size unless they are excluded (trust-downing).
/// </summary>
public sealed class QuorumRuleTests
{
    private static readonly ElectorateVersion Announced = new(3, 1);

    private static bool Quorum(Electorate electorate, HashSet<Akka.Cluster.UniqueAddress> votes, HashSet<Akka.Cluster.UniqueAddress>? excluded = null) =>
        QuorumRule.IsQuorum(QuorumMode.Majority, electorate, votes, excluded ?? None, None);

    [Theory]
    [InlineData(new[] { 1 }, new[] { 1 }, true)]
    [InlineData(new[] { 1, 2 }, new[] { 1 }, true)] // half, with the lowest member
    [InlineData(new[] { 1, 2 }, new[] { 2 }, false)] // half, without it
    [InlineData(new[] { 1, 2, 3 }, new[] { 2, 3 }, true)]
    [InlineData(new[] { 1, 2, 3 }, new[] { 1 }, false)]
    [InlineData(new[] { 1, 2, 3, 4 }, new[] { 1, 4 }, true)]
    [InlineData(new[] { 1, 2, 3, 4 }, new[] { 3, 4 }, false)]
    [InlineData(new[] { 1, 2, 3, 4 }, new[] { 2, 3, 4 }, true)]
    [InlineData(new[] { 1, 2, 3, 4, 5 }, new[] { 1, 2 }, false)]
    [InlineData(new[] { 1, 2, 3, 4, 5 }, new[] { 3, 4, 5 }, true)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6 }, new[] { 1, 5, 6 }, true)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6 }, new[] { 4, 5, 6 }, false)]
    public void Majority_is_more_than_half_or_the_half_with_the_lowest_member(int[] members, int[] votes, bool expected)
    {
        Assert.Equal(expected, Quorum(Electorate(Announced, members), Set(votes)));
    }

    [Fact]
    public void Any_two_majorities_of_one_electorate_share_a_member()
    {
        // Exhaustive over every pair of vote sets of electorates of 1 to 6 members.
        for (var n = 1; n <= 6; n++)
        {
            var members = Enumerable.Range(1, n).ToArray();
            var electorate = Electorate(Announced, members);
            var subsets = Enumerable.Range(0, 1 << n).Select(mask => members.Where((_, i) => (mask & (1 << i)) != 0).ToHashSet()).ToList();
            var quorums = subsets.Where(v => Quorum(electorate, Set(v.ToArray()))).ToList();
            foreach (var a in quorums)
            foreach (var b in quorums)
                Assert.True(a.Overlaps(b), $"{n} members: {{{string.Join(",", a)}}} and {{{string.Join(",", b)}}} are disjoint quorums");
        }
    }

    [Fact]
    public void Removed_members_still_count_towards_the_size()
    {
        // 4 and 5 were downed: they cast no votes, but 1 and 2 are still no majority of 5.
        var electorate = Electorate(Announced, 1, 2, 3, 4, 5);

        Assert.False(Quorum(electorate, Set(1, 2)));
        Assert.True(Quorum(electorate, Set(1, 2, 3)));
    }

    [Fact]
    public void Trusted_removals_leave_the_electorate_before_counting()
    {
        // trust-downing: with 4 and 5 excluded the electorate is {1,2,3}, and 1 and 2 are a majority of it.
        Assert.True(Quorum(Electorate(Announced, 1, 2, 3, 4, 5), Set(1, 2), excluded: Set(4, 5)));
    }

    [Fact]
    public void Both_halves_of_an_even_split_cannot_both_elect()
    {
        var electorate = Electorate(Announced, 1, 2, 3, 4);

        Assert.True(Quorum(electorate, Set(1, 2)));
        Assert.False(Quorum(electorate, Set(3, 4)));
    }

    [Fact]
    public void A_joint_electorate_needs_a_majority_of_both_member_sets()
    {
        // Changing {1,2,3,4} to {1,2,3,4,5}: {1,2} is half of the old set with its lowest member, but no majority of the new one.
        var joint = new Electorate(Announced, Set(1, 2, 3, 4, 5), Set(1, 2, 3, 4));

        Assert.False(Quorum(joint, Set(1, 2)));
        Assert.False(Quorum(joint, Set(3, 4, 5)));
        Assert.True(Quorum(joint, Set(1, 2, 5)));
        Assert.True(Quorum(joint, Set(2, 3, 4)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void The_bootstrap_electorate_needs_every_member(int size)
    {
        var members = Enumerable.Range(1, size).ToArray();
        var bootstrap = Electorate(ElectorateVersion.Bootstrap, members);

        Assert.True(Quorum(bootstrap, Set(members)));
        Assert.False(Quorum(bootstrap, Set(members.Skip(1).ToArray())));
    }

    [Fact]
    public void Reachable_mode_needs_every_reachable_voter()
    {
        var electorate = Electorate(Announced, 1, 2, 3, 4, 5);

        Assert.True(QuorumRule.IsQuorum(QuorumMode.Reachable, electorate, Set(1, 2), None, Set(3, 4, 5)));
        Assert.False(QuorumRule.IsQuorum(QuorumMode.Reachable, electorate, Set(1, 2), None, Set(4, 5)));
        Assert.False(QuorumRule.IsQuorum(QuorumMode.Reachable, electorate, None, None, Set(1, 2, 3, 4, 5)));
    }

    [Fact]
    public void Votes_from_outside_the_electorate_do_not_count()
    {
        Assert.False(Quorum(Electorate(Announced, 1, 2, 3), Set(1, 8, 9)));
    }

    [Fact]
    public void An_empty_electorate_has_no_majority()
    {
        Assert.False(QuorumRule.IsMajority([], Set(1)));
    }
}
