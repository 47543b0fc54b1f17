using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election;

/// <summary>
/// This node's leadership, as <see cref="Election.WaitForLeadershipAsync"/> hands it out: the fencing token
/// <c>(Session, Master)</c> to attach to what the master does, and a token cancelled the moment this node stops
/// being master of <see cref="Session"/> (step-down, quorum lost, a higher session).
/// </summary>
/// <param name="Session">The session this node leads.</param>
/// <param name="Master">This node.</param>
/// <param name="Lost">Cancelled as soon as this node is no longer master of <paramref name="Session"/>.</param>
public sealed record Leadership(long Session, UniqueAddress Master, CancellationToken Lost) : INoSerializationVerificationNeeded;
