using Actors.Election.Logic;
using Xunit;
using static Actors.Election.Tests.Logic.Nodes;

namespace Actors.Election.Tests.Logic;

/// <summary>
/// <c>Ballot.VotesFor</c>: the votes for a candidate that count under its electorate — cast by a voter of that
/// electorate, not removed, holding an electorate no newer than the candidate's.
/// </summary>
public sealed class BallotCountingTests
{
    private static readonly ElectorateVersion CandidateVersion = new(2, 1);
    private static readonly Electorate CandidateElectorate = Electorate(CandidateVersion, 1, 2, 3, 4);

    private static Ballot Heard(params ElectionMessage[] messages)
    {
        var ballot = new Ballot(5);
        foreach (var message in messages) ballot = ballot.Record(message);
        return ballot;
    }

    private static void AssertVoters(IReadOnlyList<Akka.Cluster.UniqueAddress> votes, params int[] expected) =>
        Assert.Equal(expected.Select(n => Node(n)).ToList(), votes.Order(NodeOrdering.Instance).ToList());

    [Fact]
    public void Counts_the_votes_for_the_candidate_only()
    {
        var ballot = Heard(From(1, voteFor: 1, version: CandidateVersion), From(2, voteFor: 1, version: CandidateVersion),
            From(3, voteFor: 3, version: CandidateVersion), From(4, version: CandidateVersion));

        AssertVoters(ballot.VotesFor(Node(1), CandidateElectorate, None), 1, 2);
        AssertVoters(ballot.VotesFor(Node(3), CandidateElectorate, None), 3);
        Assert.Empty(ballot.VotesFor(Node(4), CandidateElectorate, None));
    }

    [Fact]
    public void Ignores_votes_from_outside_the_candidates_electorate()
    {
        var ballot = Heard(From(1, voteFor: 1, version: CandidateVersion), From(9, voteFor: 1, version: CandidateVersion));

        AssertVoters(ballot.VotesFor(Node(1), CandidateElectorate, None), 1);
    }

    [Fact]
    public void Ignores_votes_from_removed_members()
    {
        var ballot = Heard(From(1, voteFor: 1, version: CandidateVersion), From(2, voteFor: 1, version: CandidateVersion));

        AssertVoters(ballot.VotesFor(Node(1), CandidateElectorate, Set(2)), 1);
    }

    [Fact]
    public void Ignores_votes_cast_under_a_newer_electorate_than_the_candidates()
    {
        var ballot = Heard(From(1, voteFor: 1, version: CandidateVersion), From(2, voteFor: 1, version: new ElectorateVersion(2, 2)),
            From(3, voteFor: 1, version: new ElectorateVersion(3, 0)));

        AssertVoters(ballot.VotesFor(Node(1), CandidateElectorate, None), 1);
    }

    [Fact]
    public void Counts_votes_cast_under_an_older_electorate()
    {
        var ballot = Heard(From(1, voteFor: 1, version: CandidateVersion), From(2, voteFor: 1, version: new ElectorateVersion(2, 0)),
            From(3, voteFor: 1, version: ElectorateVersion.Bootstrap));

        AssertVoters(ballot.VotesFor(Node(1), CandidateElectorate, None), 1, 2, 3);
    }

    [Fact]
    public void Counts_only_each_voters_latest_message()
    {
        var ballot = Heard(From(2, version: CandidateVersion), From(2, voteFor: 1, version: CandidateVersion));

        AssertVoters(ballot.VotesFor(Node(1), CandidateElectorate, None), 2);
    }

    [Fact]
    public void A_different_incarnation_of_the_candidate_gets_none_of_its_votes()
    {
        var ballot = Heard(From(1, voteFor: 1, version: CandidateVersion), From(2, voteFor: 1, version: CandidateVersion));

        Assert.Empty(ballot.VotesFor(Node(1, uid: 77), CandidateElectorate, None));
    }
}
