using Actors.Election.Demo.Recording;
using Actors.Election.Nemesis.Tests.Checking;
using Xunit;
using static Actors.Election.Nemesis.Tests.Checking.SyntheticRun;

namespace Actors.Election.Nemesis.Tests;

/// <summary>The checker on hand-built histories: each check finds what it must and nothing else.</summary>
public sealed class CheckerTests
{
    [Fact]
    public void A_clean_failover_has_no_violation_and_one_masterless_window()
    {
        // n1 leads session 1 and is killed at 10; n2 leads session 2 from 12 with n3..n5 following.
        var run = new SyntheticRun { NemesisStart = 1, RunEnd = 30 }
            .Node(1, 0, 10, Started(0.9, 1), Leads(1, 1), Leadership(1, 1))
            .Node(2, 0, 30, Follows(1, Id(1), 1), Started(11.5, 2), Leads(12, 2), Leadership(12, 2))
            .Node(3, 0, 30, Follows(1, Id(1), 1), State(11, "Idle", null, 1), Follows(12.1, Id(2), 2))
            .Node(4, 0, 30, Follows(1, Id(1), 1), State(11, "Idle", null, 1), Follows(12.2, Id(2), 2))
            .Node(5, 0, 30, Follows(1, Id(1), 1), State(11, "Idle", null, 1), Follows(12.3, Id(2), 2))
            .Fault(1, "Kill", 10, 15)
            .Write(2, 1, Id(1), true, 0, "").Write(3, 1, Id(1), true, 1, Id(1)).Write(12.5, 2, Id(2), true, 1, Id(1))
            .Build();

        var result = Checker.Check(run);

        Assert.Empty(result.Violations);
        var window = Assert.Single(result.MasterlessWindows);
        Assert.Equal(At(10), window.Start);
        Assert.Equal(At(12.2), window.End); // n2 master and n3 following: 2 of 5 is no majority; n4 makes 3
        Assert.Equal(2, result.SessionsWithMaster);
        Assert.Empty(result.Churn);
        Assert.Equal("Nemesis summary: 1 faults over 29 s, 2 sessions, 0 violations, longest masterless window 2200 ms", result.SummaryLine);
    }

    [Fact]
    public void Two_masters_of_one_session_is_a_violation_with_both_histories_as_evidence()
    {
        var run = new SyntheticRun { RunEnd = 20 }
            .StableUnder(1, 1, 20)
            .Node(2, 2, 0, 20, [], Leads(5, 1)) // a second incarnation of n2 claims session 1 too
            .Build();

        var violation = Assert.Single(Checker.Check(run).Violations);

        Assert.Equal("two-masters", violation.Kind);
        Assert.Contains(Id(1), violation.Summary);
        Assert.Contains(Id(2, 2), violation.Summary);
        Assert.Contains(violation.Evidence, l => l.StartsWith("n2.2.jsonl: ", StringComparison.Ordinal) && l.Contains("\"status\":\"Master\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_follower_naming_another_master_for_the_session_counts_as_a_second_claim()
    {
        var run = new SyntheticRun { RunEnd = 20 }
            .StableUnder(1, 1, 20)
            .Node(2, 2, 0, 20, [], Follows(3, Id(3), 1))
            .Build();

        Assert.Equal("two-masters", Assert.Single(Checker.Check(run).Violations).Kind);
    }

    [Fact]
    public void The_store_accepting_an_older_token_after_a_newer_one_is_a_violation()
    {
        var run = new SyntheticRun { RunEnd = 20 }
            .StableUnder(1, 1, 20)
            .Node(2, 2, 0, 20, [], Leads(5, 2), Leadership(5, 2))
            .Write(2, 1, Id(1), true, 0, "")
            .Write(6, 2, Id(2, 2), true, 1, Id(1))
            .Write(7, 1, Id(1), false, 2, Id(2, 2)) // refused: fine
            .Write(8, 1, Id(1), true, 2, Id(2, 2)) // accepted: the violation
            .Build();

        var violations = Checker.Check(run).Violations.Where(v => v.Kind == "store-order").ToList();

        var violation = Assert.Single(violations);
        Assert.Contains("write 4", violation.Summary);
        Assert.Equal(2, violation.Evidence.Count);
    }

    [Fact]
    public void A_token_nobody_held_accepted_by_the_store_is_a_violation()
    {
        var run = new SyntheticRun { RunEnd = 20 }
            .StableUnder(1, 1, 20)
            .Write(2, 1, Id(1), true, 0, "")
            .Write(3, 3, Id(4), true, 1, Id(1))
            .Build();

        var violation = Assert.Single(Checker.Check(run).Violations);
        Assert.Equal("store-token", violation.Kind);
    }

    [Fact]
    public void A_store_token_must_be_a_recorded_leadership_in_full_not_only_its_session_and_master_id()
    {
        // n1 holds (1, akka.tcp://election@10.213.0.1:2551#1); the store took a token of the same session, host, port and
        // uid but of another actor system: the same session and host:port#uid, another FencingToken.
        var stranger = new StoreToken(new FencingToken(1, new Akka.Cluster.UniqueAddress(
            new Akka.Actor.Address("akka.tcp", "other", "10.213.0.1", 2551), 1)));
        Assert.Equal((1L, Id(1)), (stranger.Session, stranger.Master));
        var run = new SyntheticRun { RunEnd = 20 }.StableUnder(1, 1, 20).Write(2, 1, Id(1), true, 0, "").Build();
        run = run with { Writes = [run.Writes[0] with { Token = stranger }] };

        var violation = Assert.Single(Checker.Check(run).Violations);

        Assert.Equal("store-token", violation.Kind);
        Assert.Contains(stranger.Text, violation.Summary);
    }

    [Fact]
    public void Leadership_lines_written_before_histories_recorded_tokens_are_matched_by_session_and_master()
    {
        var run = new SyntheticRun { RunEnd = 20 }
            .Node(1, 0, 20, Started(0.9, 1), Leads(1, 1), LeadershipWithoutToken(1, 1))
            .Node(2, 0, 20, Follows(1, Id(1), 1)).Node(3, 0, 20, Follows(1, Id(1), 1))
            .Node(4, 0, 20, Follows(1, Id(1), 1)).Node(5, 0, 20, Follows(1, Id(1), 1))
            .Write(2, 1, Id(1), true, 0, "")
            .Build();
        var legacyLine = HistoryRecord.Parse("""{"at":"2026-01-01T00:00:01Z","kind":"leadership","node":"10.213.0.1:2551#1","session":1,"master":"10.213.0.1:2551#1","detail":"acquired"}""");

        Assert.Null(legacyLine.Token);
        Assert.Empty(Checker.Check(run).Violations);
    }

    [Fact]
    public void A_master_followed_by_a_minority_or_frozen_is_not_in_office()
    {
        var minority = new SyntheticRun { RunEnd = 10 }
            .Node(1, 0, 10, Leads(1, 1))
            .Node(2, 0, 10, Follows(1, Id(1), 1))
            .Node(3, 0, 10).Node(4, 0, 10).Node(5, 0, 10)
            .Build();
        Assert.Equal(TimeSpan.FromSeconds(10), Checker.Check(minority).LongestMasterless);

        var frozen = new SyntheticRun { RunEnd = 10 }
            .Node(1, 1, 0, 10, [(4, 6)], Leads(1, 1))
            .Node(2, 0, 10, Follows(1, Id(1), 1)).Node(3, 0, 10, Follows(1, Id(1), 1))
            .Node(4, 0, 10).Node(5, 0, 10)
            .Build();
        var window = Assert.Single(Checker.Check(frozen).MasterlessWindows, w => w.Start > At(1));
        Assert.Equal((At(4), At(6)), (window.Start, window.End));
    }

    [Fact]
    public void No_master_in_office_longer_than_the_bound_after_a_heal_is_a_violation()
    {
        // A 2 s pause healed at 12; no master until 40. Bound: detector 1.2 s + two elections 2 x (1.5 x 2 + 0.3 + 0.1) s = 8 s.
        var run = new SyntheticRun { NemesisStart = 1, RunEnd = 45 }
            .Node(1, 0, 45, Leads(1, 1), State(10, "Idle", null, 1), Leads(40, 2))
            .Node(2, 0, 45, Follows(1, Id(1), 1), State(10, "Idle", null, 1), Follows(40, Id(1), 2))
            .Node(3, 0, 45, Follows(1, Id(1), 1), State(10, "Idle", null, 1), Follows(40, Id(1), 2))
            .Node(4, 0, 45).Node(5, 0, 45)
            .Fault(1, "Pause", 10, 12)
            .Build();

        var result = Checker.Check(run);

        var violation = Assert.Single(result.Violations);
        Assert.Equal("masterless-after-heal", violation.Kind);
        var recovery = Assert.Single(result.Recoveries);
        Assert.Equal(TimeSpan.FromSeconds(28), recovery.MasterlessAfterHeal);
        Assert.Equal(TimeSpan.FromSeconds(8), recovery.Bound.Total);
        Assert.Contains(violation.Evidence, l => l.StartsWith("n1.1.jsonl: ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_bound_grows_with_the_silence_and_with_downing()
    {
        var short_ = RecoveryBound.For(new FaultSpan(1, "PartitionHalves", "", At(0), At(1.5), TimeSpan.FromSeconds(1.5), true), FastSettings);
        var unsilenced = RecoveryBound.For(new FaultSpan(2, "Delay", "", At(0), At(3), TimeSpan.FromSeconds(3), false), FastSettings);
        var long_ = RecoveryBound.For(new FaultSpan(3, "PartitionHalves", "", At(0), At(8), TimeSpan.FromSeconds(8), true), FastSettings);

        Assert.Equal(TimeSpan.FromSeconds(1.5 + 1.2 + 6.8), short_.Total);
        Assert.Equal(TimeSpan.FromSeconds(1.2 + 6.8), unsilenced.Total);
        Assert.Equal(TimeSpan.FromSeconds(8 + 1.2 + 5 + 15 + 6.8), long_.Total);
    }

    [Fact]
    public void A_silenced_link_that_stays_down_past_stable_after_through_tcp_backoff_gets_the_downing_budget()
    {
        // A 2.5 s bridge: with TCP's retransmission backoff the links may stay down for as long again after the heal,
        // and 2.5 + 2.5 + 1.2 s of unreachability passes the resolver's 5 s stable-after: it may down nodes.
        var bridge = RecoveryBound.For(new FaultSpan(1, "PartitionBridge", "", At(0), At(2.5), TimeSpan.FromSeconds(2.5), true), FastSettings);

        Assert.Equal(TimeSpan.FromSeconds(2.5 + 1.2 + 5 + 15 + 6.8), bridge.Total);
    }

    [Fact]
    public void An_election_no_fault_explains_is_churn()
    {
        var run = new SyntheticRun { NemesisStart = 1, RunEnd = 60 }
            .Node(1, 0, 60, Started(0.5, 1), Leads(1, 1), Started(20.5, 2), Leads(21, 2), Started(50, 3), Leads(50.5, 3))
            .Node(2, 0, 60, Follows(1, Id(1), 1), Follows(21, Id(1), 2), Follows(50.5, Id(1), 3))
            .Node(3, 0, 60, Follows(1, Id(1), 1), Follows(21, Id(1), 2), Follows(50.5, Id(1), 3))
            .Node(4, 0, 60).Node(5, 0, 60)
            .Fault(1, "Loss", 20, 21.5, silencing: true)
            .Build();

        var result = Checker.Check(run);

        Assert.Equal(["startup", "#1", null], result.Sessions.Select(s => s.ExplainedBy));
        Assert.Equal(3, Assert.Single(result.Churn).Session);
        Assert.Empty(result.Violations);
    }
}
