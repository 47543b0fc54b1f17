using System.Text;
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
public sealed record Leadership(long Session, UniqueAddress Master, CancellationToken Lost) : INoSerializationVerificationNeeded
{
    /// <summary>
    /// The fencing token <c>(Session, Master)</c> as one value, with a total order and text and binary forms a store
    /// can keep (see <see cref="FencingToken"/>).
    /// </summary>
    public FencingToken Token => new(Session, Master);

    // The record's printout stays (Session, Master, Lost): Token only repeats them.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Session = ").Append(Session).Append(", Master = ").Append(Master).Append(", Lost = ").Append(Lost);
        return true;
    }
}
