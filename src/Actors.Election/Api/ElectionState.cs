using Akka.Actor;
using System.Collections.Immutable;
using Akka.Cluster;

namespace Actors.Election;

/// <summary>A snapshot of one node's election state (the answer to <see cref="GetElectionState"/>, and the first thing a subscriber gets).</summary>
/// <param name="Status">The node's state.</param>
/// <param name="Master">The master of <paramref name="Session"/> this node knows, or null.</param>
/// <param name="Session">The session this node campaigns in, leads, follows, or last took part in.</param>
/// <param name="Seniority">How long this node's election actor has been running.</param>
/// <param name="Clock">The node's Lamport clock.</param>
/// <param name="CommandsSeen">The node's application counter.</param>
/// <param name="Electorate">The electorate's members as this node holds it (the new member set while a change is in progress; members removed since the last announcement included: they count towards a majority until a master drops them).</param>
/// <param name="Reachable">The members of the electorate that can still vote and that this node can reach (itself included).</param>
public sealed record ElectionState(
    ElectionStatus Status,
    UniqueAddress? Master,
    long Session,
    TimeSpan Seniority,
    long Clock,
    long CommandsSeen,
    ImmutableSortedSet<UniqueAddress> Electorate,
    ImmutableSortedSet<UniqueAddress> Reachable) : INoSerializationVerificationNeeded
{
    /// <summary>The node this state belongs to.</summary>
    public UniqueAddress? Self { get; init; }

    /// <summary>When this node's election actor started (its seniority as the instant every node ranks it by; older ranks higher).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The version of the electorate this node holds.</summary>
    public ElectorateVersion ElectorateVersion { get; init; }

    /// <summary>While an electorate change is in progress, the member set being replaced (a quorum needs a majority of it too); empty otherwise.</summary>
    public ImmutableSortedSet<UniqueAddress> Outgoing { get; init; } = ImmutableSortedSet<UniqueAddress>.Empty;

    /// <summary>The members of <see cref="Electorate"/> (and <see cref="Outgoing"/>) that can still vote (not removed), as this node knows them.</summary>
    public ImmutableSortedSet<UniqueAddress> Voters { get; init; } = ImmutableSortedSet<UniqueAddress>.Empty;

    /// <summary>How many election messages this node has sent since it started (for cost measurements).</summary>
    public long MessagesSent { get; init; }

    /// <summary>True when this node is master.</summary>
    public bool IsMaster => Status == ElectionStatus.Master;

    /// <inheritdoc />
    public override string ToString() =>
        $"ElectionState({Status}, master={Master.ToShortId()}, session={Session}, clock={Clock}, commands={CommandsSeen}, " +
        $"electorate={ElectorateVersion}[{Electorate.Count}], reachable={Reachable.Count})";
}
