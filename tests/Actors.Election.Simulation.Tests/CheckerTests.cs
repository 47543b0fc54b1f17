using System.Collections.Immutable;
using Actors.Election.Simulation.Tests.Simulation;
using Akka.Actor;
using Akka.Cluster;
using Xunit;

namespace Actors.Election.Simulation.Tests;

/// <summary>The checker itself: each rule flags a made-up history that breaks it, and passes one that keeps it.</summary>
public sealed class CheckerTests
{
    private static readonly Scenario Majority = Scenario.Calm(1, QuorumMode.Majority, 3);
    private static readonly Incarnation A = Node(0), B = Node(1), C = Node(2);

    private static Incarnation Node(int slot) =>
        new(slot, slot, new UniqueAddress(new Address("akka.tcp", "sim", $"n{slot}", 2550 + slot), 100 + slot));

    private static ElectionState State(Incarnation node, ElectionStatus status, long session, Incarnation? master, params Incarnation[] electorate) =>
        new(status, master?.Address, session, TimeSpan.Zero, 0, 0,
            (electorate.Length == 0 ? [A, B, C] : electorate).Select(n => n.Address).ToImmutableSortedSet(NodeOrdering.Instance), ImmutableSortedSet<UniqueAddress>.Empty)
        { Self = node.Address, ElectorateVersion = new ElectorateVersion(session, 0) };

    private static ElectionMessage Vote(Incarnation from, Incarnation forWhom, long session) =>
        new(ElectionMessageKind.Campaign, ElectionStatus.Campaigning, 1, new Seniority(0), session, 0, from.Address, forWhom.Address, null, 0, true, false, false,
            Electorate.Bootstrap([A.Address, B.Address, C.Address]));

    private static History Make(Action<History> build)
    {
        var h = new History(() => TimeSpan.Zero);
        build(h);
        return h;
    }

    [Fact]
    public void A_master_elected_with_a_majority_of_votes_passes()
    {
        var h = Make(h =>
        {
            h.Wire(WireOp.Sent, A, A.Address, B, Vote(A, A, 1));
            h.Wire(WireOp.Delivered, B, B.Address, A, Vote(B, A, 1));
            h.State(A, State(A, ElectionStatus.Master, 1, A));
            h.Event(A, new NewMaster(A.Address, 1));
            h.State(B, State(B, ElectionStatus.Follower, 1, A));
        });
        Assert.Empty(Checker.Check(Majority, h));
    }

    [Fact]
    public void Two_masters_of_one_session_are_flagged()
    {
        var h = Make(h =>
        {
            h.State(A, State(A, ElectionStatus.Master, 1, A));
            h.State(B, State(B, ElectionStatus.Master, 1, B));
        });
        Assert.Contains(Checker.Check(Majority, h), v => v.Rule == "two masters in one session");
    }

    [Fact]
    public void A_master_without_a_majority_is_flagged()
    {
        var h = Make(h =>
        {
            h.Wire(WireOp.Sent, A, A.Address, B, Vote(A, A, 1));
            h.State(A, State(A, ElectionStatus.Master, 1, A));
        });
        Assert.Contains(Checker.Check(Majority, h), v => v.Rule == "master without a quorum");
    }

    [Fact]
    public void In_an_even_electorate_the_half_with_the_lowest_member_is_a_quorum_and_the_other_half_is_not()
    {
        var d = Node(3);
        var lowHalf = Make(h =>
        {
            h.Wire(WireOp.Sent, A, A.Address, B, Vote(A, A, 1));
            h.Wire(WireOp.Delivered, B, B.Address, A, Vote(B, A, 1));
            h.State(A, State(A, ElectionStatus.Master, 1, A, A, B, C, d));
        });
        var highHalf = Make(h =>
        {
            h.Wire(WireOp.Sent, C, C.Address, d, Vote(C, C, 1));
            h.Wire(WireOp.Delivered, d, d.Address, C, Vote(d, C, 1));
            h.State(C, State(C, ElectionStatus.Master, 1, C, A, B, C, d));
        });
        Assert.Empty(Checker.Check(Majority, lowHalf));
        Assert.Contains(Checker.Check(Majority, highHalf), v => v.Rule == "master without a quorum");
    }

    [Fact]
    public void A_decreasing_session_and_a_stale_master_are_flagged()
    {
        var h = Make(h =>
        {
            h.State(C, State(C, ElectionStatus.Campaigning, 3, null));
            h.Wire(WireOp.Sent, C, C.Address, A, Vote(C, A, 3));
            h.State(C, State(C, ElectionStatus.Follower, 2, B));
        });
        var violations = Checker.Check(Majority, h);
        Assert.Contains(violations, v => v.Rule == "session decreased");
        Assert.Contains(violations, v => v.Rule == "follows a stale master");
    }

    [Fact]
    public void A_fencing_token_that_goes_backwards_across_cluster_histories_is_flagged_and_one_above_passes()
    {
        // After a whole-cluster restart: new incarnations (history 1) at the old addresses.
        Incarnation Restarted(int slot) =>
            new(10 + slot, slot, new UniqueAddress(new Address("akka.tcp", "sim", $"n{slot}", 2550 + slot), 200 + slot)) { Epoch = 1 };
        var d = Restarted(0);
        History Restart(long newSession) => Make(h =>
        {
            h.State(A, State(A, ElectionStatus.Master, 1_700_000_000_000_000, A));
            h.State(B, State(B, ElectionStatus.Master, 1_700_000_000_000_005, B, A, B, C));
            h.State(d, State(d, ElectionStatus.Master, newSession, d, d));
        });
        Assert.Contains(Checker.Check(Majority, Restart(1_700_000_000_000_005)), v => v.Rule == "fencing token went backwards across cluster histories");
        Assert.Contains(Checker.Check(Majority, Restart(1_600_000_000_000_000)), v => v.Rule == "fencing token went backwards across cluster histories");
        Assert.DoesNotContain(Checker.Check(Majority, Restart(1_700_000_000_000_006)), v => v.Rule == "fencing token went backwards across cluster histories");
    }

    [Fact]
    public void A_NewMaster_without_a_change_and_an_error_log_are_flagged()
    {
        var h = Make(h =>
        {
            h.Event(C, new NewMaster(A.Address, 1));
            h.Event(C, new NewMaster(A.Address, 2));
            h.Log("n0: Safety violation: both claim to be master of session 2");
        });
        var violations = Checker.Check(Majority, h);
        Assert.Contains(violations, v => v.Rule == "NewMaster without a change");
        Assert.Contains(violations, v => v.Rule == "error logged");
    }
}
