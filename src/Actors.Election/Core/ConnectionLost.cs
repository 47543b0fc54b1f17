using Akka.Cluster;

namespace Actors.Election.Core;

/// <summary>
/// The transport lost its connection to <paramref name="Node"/> (Akka.Remote disassociated): when a process dies, its
/// connections close at once, long before any failure detector flags it. Until <paramref name="Node"/> is heard again it
/// counts as unreachable, and a follower of it suspects it at once (a pre-vote, which the others grant only if they too
/// no longer hear it: one broken link unseats nobody).
/// </summary>
internal sealed record ConnectionLost(UniqueAddress Node) : Akka.Actor.INoSerializationVerificationNeeded;
