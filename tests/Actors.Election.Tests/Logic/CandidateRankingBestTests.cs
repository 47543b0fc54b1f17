using Actors.Election.Logic;
using Xunit;
using static Actors.Election.Tests.Logic.Nodes;

namespace Actors.Election.Tests.Logic;

/// <summary><c>CandidateRanking.Best</c>: the top-ranked candidate that may be elected.</summary>
public sealed class CandidateRankingBestTests
{
    [Fact]
    public void Best_picks_the_highest_ranked()
    {
        var best = From(3, priority: 2);

        Assert.Same(best, CandidateRanking.Best([From(1, priority: 1), best, From(2)]));
    }

    [Fact]
    public void Best_skips_nodes_that_may_not_be_elected_even_when_they_rank_higher_otherwise()
    {
        var eligible = From(1, startedAtUnixMs: 9_999);

        Assert.Same(eligible, CandidateRanking.Best([From(2, candidate: false, forced: true, priority: 100), eligible]));
    }

    [Fact]
    public void Best_is_null_when_no_one_may_be_elected()
    {
        Assert.Null(CandidateRanking.Best([From(1, candidate: false), From(2, candidate: false)]));
    }

    [Fact]
    public void Best_of_nobody_is_null()
    {
        Assert.Null(CandidateRanking.Best([]));
    }
}
