using Actors.Election.Logic;
using Xunit;
using static Actors.Election.Tests.Logic.Nodes;

namespace Actors.Election.Tests.Logic;

/// <summary>
/// <c>Ballot.Choose</c>: the best-ranked eligible candidate heard that is not removed,
/// and holds an electorate version at least as new as ours.
/// </summary>
public sealed class BallotChooseTests
{
    private static readonly ElectorateVersion Ours = new(2, 1);

    private static Ballot Heard(params ElectionMessage[] messages)
    {
        var ballot = new Ballot(5);
        foreach (var message in messages) ballot = ballot.Record(message);
        return ballot;
    }

    [Fact]
    public void Chooses_the_best_ranked_candidate()
    {
        var ballot = Heard(From(1, version: Ours), From(2, version: Ours, priority: 3), From(3, version: Ours, priority: 1));

        Assert.Equal(Node(2), ballot.Choose(Electorate(Ours, 1, 2, 3), None)?.Sender);
    }

    [Fact]
    public void Choosing_does_not_cast_the_vote()
    {
        var ballot = Heard(From(1, version: Ours));

        ballot.Choose(Electorate(Ours, 1, 2, 3), None);

        Assert.Null(ballot.Vote);
    }

    [Fact]
    public void Skips_a_node_that_may_not_be_elected()
    {
        var ballot = Heard(From(1, version: Ours), From(2, version: Ours, priority: 3, candidate: false));

        Assert.Equal(Node(1), ballot.Choose(Electorate(Ours, 1, 2, 3), None)?.Sender);
    }

    [Fact]
    public void Accepts_a_candidate_outside_our_electorate()
    {
        // A newcomer not yet admitted may be elected (its votes are counted among the electorate's voters), so a
        // cluster whose members cannot be elected any more still elects.
        var ballot = Heard(From(1, version: Ours, candidate: false), From(4, version: Ours, priority: 3));

        Assert.Equal(Node(4), ballot.Choose(Electorate(Ours, 1, 2, 3), None)?.Sender);
    }

    [Fact]
    public void Skips_a_removed_candidate()
    {
        var ballot = Heard(From(1, version: Ours), From(2, version: Ours, priority: 3));

        Assert.Equal(Node(1), ballot.Choose(Electorate(Ours, 1, 2, 3), Set(2))?.Sender);
    }

    [Fact]
    public void Skips_a_candidate_holding_an_older_electorate()
    {
        var ballot = Heard(From(1, version: Ours), From(2, version: new ElectorateVersion(2, 0), priority: 3));

        Assert.Equal(Node(1), ballot.Choose(Electorate(Ours, 1, 2, 3), None)?.Sender);
    }

    [Fact]
    public void Accepts_a_candidate_holding_a_newer_electorate()
    {
        var ballot = Heard(From(1, version: Ours), From(2, version: new ElectorateVersion(3, 0)));

        Assert.Equal(Node(2), ballot.Choose(Electorate(Ours, 1, 2, 3), None)?.Sender);
    }

    [Fact]
    public void Chooses_nobody_when_no_one_qualifies()
    {
        var ballot = Heard(From(1, candidate: false, version: Ours), From(2, version: new ElectorateVersion(1, 9)), From(4, candidate: false, version: Ours));

        Assert.Null(ballot.Choose(Electorate(Ours, 1, 2, 3), None));
    }

    [Fact]
    public void Chooses_nobody_before_hearing_anyone()
    {
        Assert.Null(new Ballot(5).Choose(Electorate(Ours, 1, 2, 3), None));
    }
}
