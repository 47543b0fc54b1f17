using Actors.Election.Logic;
using Xunit;
using static Actors.Election.Tests.Logic.Nodes;

namespace Actors.Election.Tests.Logic;

/// <summary>
/// <c>ElectorateAdoption</c>: a new master re-stamps its electorate with its own session; from its master a node takes
/// the announced electorate unless it holds a newer one; from anyone else only a newer one, minted in a session not below
/// the node's own, while it neither leads, campaigns nor follows a live master (any announced one for a newcomer).
/// </summary>
public sealed class ElectorateAdoptionTests
{
    private static readonly Electorate Held = Electorate(5, 2, 1, 2, 3);

    private static bool MayTake(Electorate shown, ElectionStatus status = ElectionStatus.Idle, long session = 5, Electorate? held = null,
        bool followsLiveMaster = false, QuorumMode mode = QuorumMode.Majority) =>
        ElectorateAdoption.MayTakeFromPeer(mode, status, session, held ?? Held, followsLiveMaster, shown);

    [Fact]
    public void A_new_master_re_stamps_the_electorate_it_won_under_with_its_session()
    {
        var restamped = ElectorateAdoption.OnWin(Held, 9);

        Assert.Equal(new ElectorateVersion(9, 0), restamped.Version);
        Assert.True(restamped.Members.SetEquals(Held.Members));
    }

    [Fact]
    public void A_joint_electorate_stays_joint_when_re_stamped()
    {
        var joint = new Electorate(new ElectorateVersion(5, 3), Set(1, 2, 3, 4), Set(1, 2, 3));

        var restamped = ElectorateAdoption.OnWin(joint, 9);

        Assert.True(restamped.IsJoint);
        Assert.True(restamped.Outgoing.SetEquals(joint.Outgoing));
    }

    [Fact]
    public void From_its_master_a_node_takes_the_announced_electorate_unless_it_holds_a_newer_one()
    {
        var newer = Electorate(6, 0, 1, 2, 3);
        var older = Electorate(5, 1, 1, 2);

        Assert.Same(newer, ElectorateAdoption.FromMaster(Held, newer));
        Assert.Same(Held, ElectorateAdoption.FromMaster(Held, older));
    }

    [Fact]
    public void From_a_peer_only_a_newer_electorate_is_taken()
    {
        Assert.True(MayTake(Electorate(5, 3, 1, 2, 3, 4)));
        Assert.False(MayTake(Electorate(5, 2, 1, 2, 3)));
        Assert.False(MayTake(Electorate(5, 1, 1, 2)));
    }

    [Fact]
    public void Nothing_is_taken_from_a_session_below_the_nodes_own()
    {
        // Raft refuses entries of a term below its current one: an electorate an older master left half-done never
        // outranks what the node's own session may have settled.
        Assert.False(MayTake(Electorate(6, 1, 1, 2, 3, 4), session: 7));
        Assert.True(MayTake(Electorate(7, 1, 1, 2, 3, 4), session: 7));
    }

    [Theory]
    [InlineData(ElectionStatus.Master)]
    [InlineData(ElectionStatus.Campaigning)]
    public void A_master_or_a_campaigning_node_takes_nothing_from_a_peer(ElectionStatus status)
    {
        Assert.False(MayTake(Electorate(9, 0, 1, 2, 3), status));
    }

    [Fact]
    public void A_follower_of_a_live_master_keeps_its_masters_electorate()
    {
        Assert.False(MayTake(Electorate(9, 0, 1, 2, 3), ElectionStatus.Follower, followsLiveMaster: true));
        Assert.True(MayTake(Electorate(9, 0, 1, 2, 3), ElectionStatus.Follower, followsLiveMaster: false));
    }

    [Fact]
    public void A_newcomer_takes_any_announced_electorate_but_never_a_bootstrap_one()
    {
        var bootstrap = Electorate(ElectorateVersion.Bootstrap, 1, 2);

        Assert.True(MayTake(Electorate(3, 0, 1, 2, 3), session: 8, held: bootstrap));
        Assert.False(MayTake(Electorate(ElectorateVersion.Bootstrap, 1, 2, 3), held: bootstrap));
    }

    [Fact]
    public void In_reachable_mode_only_a_newcomer_takes_an_electorate_from_a_peer()
    {
        Assert.False(MayTake(Electorate(9, 0, 1, 2, 3), mode: QuorumMode.Reachable));
        Assert.True(MayTake(Electorate(9, 0, 1, 2, 3), mode: QuorumMode.Reachable, held: Electorate(ElectorateVersion.Bootstrap, 1)));
    }
}
