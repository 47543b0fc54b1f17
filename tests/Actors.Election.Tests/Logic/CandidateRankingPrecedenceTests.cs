using Actors.Election.Logic;
using Xunit;
using static Actors.Election.Tests.Logic.Nodes;

namespace Actors.Election.Tests.Logic;

/// <summary>
/// Each ranking criterion decides over every criterion after it: the winner on a criterion is made to lose on all
/// later ones (eligible &gt; forced &gt; newer electorate &gt; member of its electorate &gt; priority &gt; seniority &gt;
/// commands seen &gt; node id).
/// </summary>
public sealed class CandidateRankingPrecedenceTests
{
    private static void Ranks(ElectionMessage higher, ElectionMessage lower)
    {
        Assert.True(CandidateRanking.Instance.Compare(higher, lower) > 0, $"{higher} should rank above {lower}");
        Assert.True(CandidateRanking.Instance.Compare(lower, higher) < 0, $"{lower} should rank below {higher}");
    }

    // "loser on everything later": node 1 < node 2 by id, started later, fewer commands, lower priority, older electorate.
    private static readonly ElectorateVersion Older = new(1, 0), Newer = new(1, 1);

    [Fact]
    public void Eligible_beats_forced_and_everything_after()
    {
        Ranks(
            From(1, candidate: true, forced: false, version: Older, priority: -1, startedAtUnixMs: 2_000, commandsSeen: 0),
            From(2, candidate: false, forced: true, version: Newer, priority: 9, startedAtUnixMs: 1_000, commandsSeen: 9));
    }

    [Fact]
    public void Forced_beats_a_newer_electorate_and_everything_after()
    {
        Ranks(
            From(1, forced: true, version: Older, priority: -1, startedAtUnixMs: 2_000, commandsSeen: 0),
            From(2, forced: false, version: Newer, priority: 9, startedAtUnixMs: 1_000, commandsSeen: 9));
    }

    [Fact]
    public void A_newer_electorate_beats_priority_and_everything_after()
    {
        Ranks(
            From(1, version: Newer, priority: -1, startedAtUnixMs: 2_000, commandsSeen: 0),
            From(2, version: Older, priority: 9, startedAtUnixMs: 1_000, commandsSeen: 9));
    }

    [Fact]
    public void A_newer_electorate_beats_membership_of_it()
    {
        // Node 4 is outside the electorate (nodes 1 to 3) it holds.
        Ranks(From(4, version: Newer), From(1, version: Older));
    }

    [Fact]
    public void A_member_of_its_electorate_beats_priority_and_everything_after()
    {
        Ranks(
            From(1, priority: -1, startedAtUnixMs: 2_000, commandsSeen: 0),
            From(4, priority: 9, startedAtUnixMs: 1_000, commandsSeen: 9));
    }

    [Fact]
    public void An_electorate_of_a_later_session_beats_one_with_a_higher_sequence()
    {
        Ranks(From(1, version: new ElectorateVersion(4, 0)), From(2, version: new ElectorateVersion(3, 9)));
    }

    [Fact]
    public void Priority_beats_seniority_and_everything_after()
    {
        Ranks(
            From(1, priority: 1, startedAtUnixMs: 2_000, commandsSeen: 0),
            From(2, priority: 0, startedAtUnixMs: 1_000, commandsSeen: 9));
    }

    [Fact]
    public void Seniority_earlier_start_beats_commands_seen_and_node_id()
    {
        Ranks(
            From(1, startedAtUnixMs: 1_000, commandsSeen: 0),
            From(2, startedAtUnixMs: 1_001, commandsSeen: 9));
    }

    [Fact]
    public void Commands_seen_beat_node_id()
    {
        Ranks(From(1, commandsSeen: 10), From(2, commandsSeen: 9));
    }

    [Fact]
    public void Node_id_decides_the_last_tie()
    {
        Ranks(From(2), From(1));
        Ranks(From(1, uid: 8), From(1, uid: 7));
    }

    [Fact]
    public void Negative_priorities_rank_below_the_default()
    {
        Ranks(From(1, priority: 0), From(2, priority: -1));
    }

    [Fact]
    public void Equal_rankings_from_the_same_node_compare_equal()
    {
        Assert.Equal(0, CandidateRanking.Instance.Compare(From(1), From(1) with { Clock = 99, Status = ElectionStatus.Follower }));
    }

    [Fact]
    public void Null_ranks_below_any_message()
    {
        Assert.True(CandidateRanking.Instance.Compare(null, From(1, candidate: false)) < 0);
        Assert.True(CandidateRanking.Instance.Compare(From(1, candidate: false), null) > 0);
        Assert.Equal(0, CandidateRanking.Instance.Compare(null, null));
    }
}
