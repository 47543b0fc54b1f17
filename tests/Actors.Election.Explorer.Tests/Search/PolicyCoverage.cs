using Actors.Election.Core;

namespace Actors.Election.Explorer.Search;

/// <summary>
/// Coverage of the protocol's decisions: every call of a rule (<see cref="Policies"/>) is recorded as a small feature
/// made of what the rule decided and the shape of what it decided on (for the join rule: the proposed session against
/// the node's own and the highest one settled). A schedule that makes some rule decide in a way not seen before keeps
/// its world in the corpus, so the search goes on from the rare corners of the rules, as coverage-guided fuzzers go on
/// from new branches. Nothing here knows any scenario: it only watches the rules the core consults.
/// </summary>
internal static class PolicyCoverage
{
    [ThreadStatic] private static List<int>? _hits;

    /// <summary>Starts recording the features hit by the steps that follow (on this thread).</summary>
    public static void Begin() => (_hits ??= new List<int>()).Clear();

    /// <summary>The features hit since <see cref="Begin"/>.</summary>
    public static IReadOnlyList<int> Hits => (IReadOnlyList<int>?)_hits ?? [];

    private static void Hit(int rule, params bool[] facts)
    {
        var feature = rule;
        foreach (var fact in facts) feature = feature * 2 + (fact ? 1 : 0);
        _hits?.Add(feature);
    }

    /// <summary><paramref name="policies"/>, each rule wrapped to record its decisions.</summary>
    public static Policies Instrument(Policies policies) => policies with
    {
        IsQuorum = (s, electorate, votes, notReachable) =>
        {
            var result = policies.IsQuorum(s, electorate, votes, notReachable);
            var members = electorate.AllVoters.Count();
            Hit(1, result, electorate.IsJoint, electorate.Version.IsBootstrap, 2 * votes.Count > members, 2 * votes.Count == members, s.Downed.Count > 0, s.Gone.Count > 0);
            return result;
        },
        MayTakeFromPeer = (s, shown, followsLiveMaster) =>
        {
            var result = policies.MayTakeFromPeer(s, shown, followsLiveMaster);
            Hit(2, result, shown.Version > s.Electorate.Version, shown.Version.Session >= s.Session, s.Electorate.Version.IsBootstrap, followsLiveMaster,
                s.Status == ElectionStatus.Campaigning, s.Status == ElectionStatus.Idle, shown.IsJoint);
            return result;
        },
        OnWin = (wonUnder, session) =>
        {
            var result = policies.OnWin(wonUnder, session);
            Hit(3, result.Version.Session == session, wonUnder.Version.IsBootstrap, wonUnder.IsJoint);
            return result;
        },
        NextElectorate = (session, current, committed, target) =>
        {
            var result = policies.NextElectorate(session, current, committed, target);
            Hit(4, result is null, result?.IsJoint == true, committed, current.IsJoint, current.Version.Session == session);
            return result;
        },
        MayJoin = (own, proposed, settledBefore) =>
        {
            var result = policies.MayJoin(own, proposed, settledBefore);
            Hit(5, result, proposed == own, proposed > own, proposed > settledBefore, settledBefore > own);
            return result;
        },
        MayMoveVote = (cast, better) =>
        {
            var result = policies.MayMoveVote(cast, better);
            Hit(6, result);
            return result;
        },
    };
}
