using Actors.Election.Logic;
using Xunit;
using static Actors.Election.Tests.Logic.Nodes;

namespace Actors.Election.Tests.Logic;

/// <summary>
/// <c>ElectoratePlanner.Next</c>: a master changes the electorate one member at a time, removals first, additions
/// in node order, and only after a majority of the current voters acknowledged the current electorate; each
/// change is versioned <c>(master's session, sequence + 1)</c>.
/// </summary>
public sealed class ElectoratePlannerTests
{
    private const long MasterSession = 7;
    private static readonly Electorate Current = Electorate(7, 2, 1, 2, 3);

    private static Electorate? Next(Electorate current, HashSet<Akka.Cluster.UniqueAddress> members,
        HashSet<Akka.Cluster.UniqueAddress>? removed = null, HashSet<Akka.Cluster.UniqueAddress>? acknowledged = null) =>
        ElectoratePlanner.Next(MasterSession, current, members, removed ?? None, acknowledged ?? current.Members.ToHashSet());

    private static int[] Members(Electorate? electorate) =>
        Assert.IsType<Electorate>(electorate).Members.Select(m => int.Parse(m.Address.Host!.TrimStart('n'))).ToArray();

    [Fact]
    public void Nothing_to_do_when_the_electorate_matches_the_membership()
    {
        Assert.Null(Next(Current, Set(1, 2, 3)));
    }

    [Fact]
    public void A_newcomer_is_added()
    {
        Assert.Equal(new[] { 1, 2, 3, 4 }, Members(Next(Current, Set(1, 2, 3, 4))));
    }

    [Fact]
    public void A_member_gone_from_the_membership_is_dropped()
    {
        Assert.Equal(new[] { 1, 3 }, Members(Next(Current, Set(1, 3))));
    }

    [Fact]
    public void A_removed_member_is_dropped_even_while_still_listed_as_a_member()
    {
        Assert.Equal(new[] { 1, 2 }, Members(Next(Current, Set(1, 2, 3), removed: Set(3))));
    }

    [Fact]
    public void Only_one_member_changes_at_a_time()
    {
        var next = Next(Current, Set(1, 5, 6, 7));

        Assert.Equal(new[] { 1, 3 }, Members(next));
    }

    [Fact]
    public void Removals_come_before_additions()
    {
        Assert.Equal(new[] { 1, 3 }, Members(Next(Current, Set(1, 3, 4))));
    }

    [Fact]
    public void Removals_go_in_node_order()
    {
        Assert.Equal(new[] { 1, 2 }, Members(Next(Current, Set(1, 2), removed: Set(3))));
        Assert.Equal(new[] { 1, 3 }, Members(Next(Current, Set(1), removed: Set(3))));
    }

    [Fact]
    public void Additions_go_in_node_order_whatever_the_order_of_the_membership_set()
    {
        var members = new HashSet<Akka.Cluster.UniqueAddress>([Node(6), Node(1), Node(5), Node(2), Node(4), Node(3)]);

        Assert.Equal(new[] { 1, 2, 3, 4 }, Members(Next(Current, members)));
    }

    [Fact]
    public void A_removed_node_is_never_added_back()
    {
        Assert.Null(Next(Current, Set(1, 2, 3, 4), removed: Set(4)));
    }

    [Fact]
    public void The_new_version_is_the_masters_session_and_the_next_sequence()
    {
        Assert.Equal(new ElectorateVersion(MasterSession, 3), Next(Current, Set(1, 2, 3, 4))?.Version);
    }

    [Fact]
    public void A_version_inherited_from_an_earlier_session_continues_its_sequence_in_the_masters_session()
    {
        Assert.Equal(new ElectorateVersion(MasterSession, 5), Next(Electorate(3, 4, 1, 2, 3), Set(1, 2))?.Version);
    }

    [Fact]
    public void The_bootstrap_electorate_gets_version_session_dot_one()
    {
        Assert.Equal(new ElectorateVersion(MasterSession, 1), Next(Electorate(ElectorateVersion.Bootstrap, 1, 2), Set(1, 2, 3))?.Version);
    }

    [Fact]
    public void Nothing_changes_before_a_majority_of_the_current_voters_acknowledged()
    {
        Assert.Null(Next(Current, Set(1, 2, 3, 4), acknowledged: Set(1)));
        Assert.NotNull(Next(Current, Set(1, 2, 3, 4), acknowledged: Set(1, 2)));
    }

    [Fact]
    public void Acknowledgements_from_outside_the_electorate_do_not_count()
    {
        Assert.Null(Next(Current, Set(1, 2, 3, 4), acknowledged: Set(1, 4, 5)));
    }

    [Fact]
    public void Acknowledgements_from_removed_members_do_not_count_but_they_still_count_towards_the_size()
    {
        var five = Electorate(7, 2, 1, 2, 3, 4, 5);

        // 4 and 5 are removed: their acknowledgements do not count, yet a majority is still 3 of the 5 members.
        Assert.Null(Next(five, Set(1, 2, 3), removed: Set(4, 5), acknowledged: Set(1, 2, 4, 5)));
        Assert.Equal(new[] { 1, 2, 3, 5 }, Members(Next(five, Set(1, 2, 3), removed: Set(4, 5), acknowledged: Set(1, 2, 3))));
    }

    [Fact]
    public void Applying_the_plan_repeatedly_converges_to_the_membership_one_step_at_a_time()
    {
        var current = Electorate(7, 0, 1, 2, 3, 4);
        var members = Set(1, 3, 5, 6);
        var removed = Set(2);
        var steps = 0;

        while (Next(current, members, removed) is { } next)
        {
            Assert.Single(current.Members.SymmetricExcept(next.Members));
            Assert.Equal(current.Version.Sequence + 1, next.Version.Sequence);
            current = next;
            Assert.True(++steps <= 10, "the plan does not converge");
        }

        Assert.Equal(new[] { 1, 3, 5, 6 }, Members(current));
        Assert.Equal(4, steps);
    }
}
