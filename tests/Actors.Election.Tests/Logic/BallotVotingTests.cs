using Actors.Election.Logic;
using Xunit;
using static Actors.Election.Tests.Logic.Nodes;

namespace Actors.Election.Tests.Logic;

/// <summary>A ballot's vote is final: it can be cast once per session, never moved; a ballot is immutable.</summary>
public sealed class BallotVotingTests
{
    [Fact]
    public void A_new_ballot_has_no_vote()
    {
        var ballot = new Ballot(5);

        Assert.Null(ballot.Vote);
        Assert.Equal(5, ballot.Session);
        Assert.Empty(ballot.Heard);
    }

    [Fact]
    public void Cast_records_the_vote_in_a_new_ballot()
    {
        var ballot = new Ballot(5);

        var cast = ballot.Cast(Node(2));

        Assert.Equal(Node(2), cast.Vote);
        Assert.Null(ballot.Vote);
    }

    [Fact]
    public void Casting_a_second_vote_throws()
    {
        var ballot = new Ballot(5).Cast(Node(2));

        Assert.Throws<InvalidOperationException>(() => ballot.Cast(Node(3)));
        Assert.Throws<InvalidOperationException>(() => ballot.Cast(Node(2)));
        Assert.Equal(Node(2), ballot.Vote);
    }

    [Fact]
    public void Choosing_after_voting_leaves_the_vote_as_it_is()
    {
        var ballot = new Ballot(5).Record(From(3, priority: 9)).Cast(Node(2));

        Assert.Equal(Node(3), ballot.Choose(Electorate(1, 0, 1, 2, 3), None)?.Sender);
        Assert.Equal(Node(2), ballot.Vote);
    }

    [Fact]
    public void The_vote_rule_never_lets_a_vote_move()
    {
        Assert.False(VoteRule.MayMove(Node(2), Node(3)));
    }

    [Fact]
    public void A_message_of_another_session_cannot_be_recorded()
    {
        var ballot = new Ballot(5);

        Assert.Throws<ArgumentException>(() => ballot.Record(From(1, session: 6)));
        Assert.Throws<ArgumentException>(() => ballot.Record(From(1, session: 4)));
        Assert.Empty(ballot.Heard);
    }

    [Fact]
    public void A_later_message_from_the_same_node_replaces_the_earlier_one()
    {
        var latest = From(1, priority: 2, voteFor: 3);

        var ballot = new Ballot(5).Record(From(1, priority: 1)).Record(latest);

        Assert.Same(latest, Assert.Single(ballot.Heard).Value);
    }

    [Fact]
    public void HeardFromAll_is_true_once_every_reachable_voter_has_been_heard()
    {
        var ballot = new Ballot(5).Record(From(1)).Record(From(2));

        Assert.False(ballot.HeardFromAll([Node(1), Node(2), Node(3)]));
        Assert.True(ballot.HeardFromAll([Node(1), Node(2)]));
        Assert.True(ballot.HeardFromAll([]));
    }
}
