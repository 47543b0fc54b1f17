using System.Collections.Immutable;
using Akka.Cluster;

namespace Actors.Election;

/// <summary>
/// The one wire message of the election protocol (the seed's <c>ElectionMessage</c>, extended with what the
/// protocol needs). Every message carries the sender's full status, so any message lets a stale or
/// restarted receiver catch up at once.
/// </summary>
/// <param name="Kind">What the message asks of its receiver.</param>
/// <param name="Status">The sender's state when it sent the message.</param>
/// <param name="Clock">The sender's Lamport clock, ticked for this send.</param>
/// <param name="Seniority">The sender's start instant (older ranks higher).</param>
/// <param name="ProposedSession">The session this message is about: the one the sender campaigns in, leads, follows or proposes.</param>
/// <param name="CommandsSeen">The sender's application counter (more ranks higher on a seniority tie).</param>
/// <param name="Sender">The sending node.</param>
/// <param name="VoteFor">The sender's final vote in <paramref name="ProposedSession"/>, or null before it voted.</param>
/// <param name="Master">The master the sender knows for <paramref name="ProposedSession"/>, or null.</param>
/// <param name="Priority">The sender's configured priority (higher ranks first).</param>
/// <param name="Candidate">False when the sender may not be elected (configured off, or sitting a hand-over session out).</param>
/// <param name="Forced">True for a <c>ForceMaster</c> promotion: the sender ranks first and receivers join even under a live master.</param>
/// <param name="Granted">On a reply to a <see cref="ElectionMessageKind.PreVote"/>: whether the sender would join.</param>
/// <param name="Electorate">The electorate the sender holds (its votes are cast under its version).</param>
public sealed record ElectionMessage(
    ElectionMessageKind Kind,
    ElectionStatus Status,
    long Clock,
    Seniority Seniority,
    long ProposedSession,
    long CommandsSeen,
    UniqueAddress Sender,
    UniqueAddress? VoteFor,
    UniqueAddress? Master,
    int Priority,
    bool Candidate,
    bool Forced,
    bool Granted,
    Electorate Electorate)
{
    /// <summary>
    /// Members of <see cref="Electorate"/> the sender knows were removed from the cluster (downed or left: their
    /// incarnation never returns). A node that joined after a removal never sees it happen; without this, it would
    /// count a removed member as a voter for ever. Empty by default.
    /// </summary>
    public ImmutableSortedSet<UniqueAddress> Removed { get; init; } = ImmutableSortedSet<UniqueAddress>.Empty.WithComparer(NodeOrdering.Instance);

    /// <summary>True when the sender claims to be master of <see cref="ProposedSession"/>.</summary>
    public bool ClaimsMastership => Master is not null && Master.Equals(Sender);

    /// <summary>Value equality over every field (<see cref="Removed"/> as a set).</summary>
    public bool Equals(ElectionMessage? other) =>
        other is not null && Kind == other.Kind && Status == other.Status && Clock == other.Clock && Seniority.Equals(other.Seniority)
        && ProposedSession == other.ProposedSession && CommandsSeen == other.CommandsSeen && Sender.Equals(other.Sender)
        && Equals(VoteFor, other.VoteFor) && Equals(Master, other.Master) && Priority == other.Priority && Candidate == other.Candidate
        && Forced == other.Forced && Granted == other.Granted && Electorate.Equals(other.Electorate) && Removed.SetEquals(other.Removed);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Clock, ProposedSession, Sender, Electorate, Removed.Count);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Kind}({Status}, session={ProposedSession}, clock={Clock}, from={Sender.ToShortId()}, vote={VoteFor.ToShortId()}, " +
        $"master={Master.ToShortId()}, candidate={Candidate}, forced={Forced}, granted={Granted}, electorate={Electorate.Version}" +
        (Removed.Count > 0 ? $", removed={Removed.Count})" : ")");
}
