using Actors.Election.Logic;
using Xunit;
using static Actors.Election.Tests.Logic.Nodes;

namespace Actors.Election.Tests.Logic;

/// <summary>
/// The ranking is a total order, so every node sorts the same candidates alike: checked on a few hundred seeded
/// random messages drawn from small value ranges (so that most criteria tie often).
/// </summary>
public sealed class CandidateRankingTotalOrderTests
{
    private static List<ElectionMessage> RandomCandidates(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => From(
            from: i % 9 + 1,
            uid: i, // distinct node ids: only the same message compares equal
            candidate: random.Next(4) != 0,
            forced: random.Next(6) == 0,
            version: new ElectorateVersion(random.Next(1, 3), random.Next(0, 3)),
            priority: random.Next(-1, 2),
            startedAtUnixMs: random.Next(1_000, 1_004),
            commandsSeen: random.Next(0, 3))).ToList();
    }

    private static int Sign(ElectionMessage a, ElectionMessage b) => Math.Sign(CandidateRanking.Instance.Compare(a, b));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_ranking_is_antisymmetric_and_only_equal_for_the_same_node(int seed)
    {
        var candidates = RandomCandidates(seed, 300);

        foreach (var a in candidates)
        foreach (var b in candidates)
        {
            Assert.Equal(Sign(a, b), -Sign(b, a));
            Assert.Equal(a.Sender.Equals(b.Sender), Sign(a, b) == 0);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void The_ranking_is_transitive(int seed)
    {
        var candidates = RandomCandidates(seed, 80);

        foreach (var a in candidates)
        foreach (var b in candidates)
        {
            if (Sign(a, b) <= 0) continue;
            foreach (var c in candidates)
                if (Sign(b, c) > 0)
                    Assert.True(Sign(a, c) > 0, $"{a} > {b} > {c} but not {a} > {c}");
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Every_shuffle_of_the_same_candidates_sorts_into_the_same_order(int seed)
    {
        var candidates = RandomCandidates(seed, 300);
        var expected = candidates.Order(CandidateRanking.Instance).Select(m => m.Sender).ToList();
        var random = new Random(seed);

        for (var round = 0; round < 20; round++)
        {
            var shuffled = candidates.ToArray();
            random.Shuffle(shuffled);
            Assert.Equal(expected, shuffled.Order(CandidateRanking.Instance).Select(m => m.Sender).ToList());
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void Best_is_the_top_eligible_candidate_whatever_the_arrival_order(int seed)
    {
        var candidates = RandomCandidates(seed, 300);
        var expected = candidates.Where(c => c.Candidate).Max(CandidateRanking.Instance);
        var random = new Random(seed);

        for (var round = 0; round < 20; round++)
        {
            var shuffled = candidates.ToArray();
            random.Shuffle(shuffled);
            Assert.Same(expected, CandidateRanking.Best(shuffled));
        }
    }
}
