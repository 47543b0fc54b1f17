using Actors.Election.Logic;
using Xunit;
using static Actors.Election.Tests.Logic.Nodes;

namespace Actors.Election.Tests.Logic;

/// <summary>
/// <c>ElectoratePlanner.Next</c>: a master changes the electorate one member at a time, removals first, additions in node
/// order, each change through a joint stage (the new set with the old one as <c>Outgoing</c>), and only once the current
/// electorate is committed; each step is versioned <c>(master's session, sequence + 1)</c>.
/// </summary>
public sealed class ElectoratePlannerTests
{
    private const long MasterSession = 7;
    private static readonly Electorate Current = Electorate(7, 0, 1, 2, 3);

    private static Electorate? Next(Electorate current, HashSet<Akka.Cluster.UniqueAddress> target, bool committed = true) =>
        ElectoratePlanner.Next(MasterSession, current, committed, target);

    private static int[] Ids(IEnumerable<Akka.Cluster.UniqueAddress> nodes) => nodes.Select(m => int.Parse(m.Address.Host!.TrimStart('n'))).ToArray();

    private static int[] Members(Electorate? electorate) => Ids(Assert.IsType<Electorate>(electorate).Members);

    [Fact]
    public void Nothing_to_do_when_the_electorate_matches_the_membership()
    {
        Assert.Null(Next(Current, Set(1, 2, 3)));
    }

    [Fact]
    public void A_newcomer_is_added_through_a_joint_stage()
    {
        var joint = Assert.IsType<Electorate>(Next(Current, Set(1, 2, 3, 4)));

        Assert.Equal(new[] { 1, 2, 3, 4 }, Ids(joint.Members));
        Assert.Equal(new[] { 1, 2, 3 }, Ids(joint.Outgoing));
        Assert.True(joint.IsJoint);
    }

    [Fact]
    public void A_committed_joint_stage_is_left_for_the_new_member_set()
    {
        var joint = new Electorate(new ElectorateVersion(MasterSession, 1), Set(1, 2, 3, 4), Set(1, 2, 3));

        var next = Assert.IsType<Electorate>(Next(joint, Set(1, 2, 3, 4)));

        Assert.False(next.IsJoint);
        Assert.Equal(new[] { 1, 2, 3, 4 }, Members(next));
        Assert.Equal(new ElectorateVersion(MasterSession, 2), next.Version);
    }

    [Fact]
    public void A_joint_stage_is_left_even_when_the_target_moved_on()
    {
        var joint = new Electorate(new ElectorateVersion(MasterSession, 1), Set(1, 2, 3, 4), Set(1, 2, 3));

        Assert.Equal(new[] { 1, 2, 3, 4 }, Members(Next(joint, Set(1, 2))));
    }

    [Fact]
    public void A_member_gone_from_the_membership_is_dropped()
    {
        Assert.Equal(new[] { 1, 3 }, Members(Next(Current, Set(1, 3))));
    }

    [Fact]
    public void Only_one_member_changes_at_a_time()
    {
        Assert.Equal(new[] { 1, 3 }, Members(Next(Current, Set(1, 5, 6, 7))));
    }

    [Fact]
    public void Removals_come_before_additions()
    {
        Assert.Equal(new[] { 1, 3 }, Members(Next(Current, Set(1, 3, 4))));
    }

    [Fact]
    public void Additions_go_in_node_order_whatever_the_order_of_the_membership_set()
    {
        var members = new HashSet<Akka.Cluster.UniqueAddress>([Node(6), Node(1), Node(5), Node(2), Node(4), Node(3)]);

        Assert.Equal(new[] { 1, 2, 3, 4 }, Members(Next(Current, members)));
    }

    [Fact]
    public void The_new_version_is_the_masters_session_and_the_next_sequence()
    {
        Assert.Equal(new ElectorateVersion(MasterSession, 1), Next(Current, Set(1, 2, 3, 4))?.Version);
    }

    [Fact]
    public void Nothing_changes_before_the_current_electorate_is_committed()
    {
        Assert.Null(Next(Current, Set(1, 2, 3, 4), committed: false));
    }

    [Fact]
    public void Applying_the_plan_repeatedly_converges_to_the_membership_through_joint_stages()
    {
        var current = Electorate(7, 0, 1, 2, 3, 4);
        var target = Set(1, 3, 5, 6);
        var steps = 0;

        while (Next(current, target) is { } next)
        {
            if (next.IsJoint)
            {
                Assert.False(current.IsJoint);
                Assert.Single(current.Members.SymmetricExcept(next.Members));
                Assert.True(next.Outgoing.SetEquals(current.Members));
            }
            else
            {
                Assert.True(current.IsJoint);
                Assert.True(next.Members.SetEquals(current.Members));
            }
            Assert.Equal(current.Version.Sequence + 1, next.Version.Sequence);
            current = next;
            Assert.True(++steps <= 20, "the plan does not converge");
        }

        Assert.Equal(new[] { 1, 3, 5, 6 }, Members(current));
        Assert.Equal(8, steps);
    }

    [Fact]
    public void Without_joint_stages_a_change_takes_effect_at_once()
    {
        var next = ElectoratePlanner.Next(MasterSession, Current, committed: true, Set(1, 2, 3, 4), jointStages: false);

        Assert.False(Assert.IsType<Electorate>(next).IsJoint);
    }
}
