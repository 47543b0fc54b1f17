using Akka.Actor;
using Akka.Cluster;

namespace Actors.Election.Internal;

// The election actor's timeouts: scheduled self-messages (IWithTimers), so TestScheduler drives them in tests.
// Each carries the session (or master) it was started for, so one that fires late for an older round is ignored.

/// <summary>A newcomer has waited a gather-timeout for a master to answer its hello.</summary>
internal sealed record StartupTimeout : INoSerializationVerificationNeeded;

/// <summary>The gather phase of <paramref name="Session"/> is over: vote on what was heard.</summary>
internal sealed record GatherTimeout(long Session) : INoSerializationVerificationNeeded;

/// <summary>No master was elected in <paramref name="Session"/> in time.</summary>
internal sealed record ElectionTimeout(long Session) : INoSerializationVerificationNeeded;

/// <summary>The pre-vote for <paramref name="ProposedSession"/> got no quorum in time.</summary>
internal sealed record PreVoteTimeout(long ProposedSession) : INoSerializationVerificationNeeded;

/// <summary>Time for a node without master to try again.</summary>
internal sealed record RetryElection : INoSerializationVerificationNeeded;

/// <summary>A master announces itself.</summary>
internal sealed record Heartbeat : INoSerializationVerificationNeeded;

/// <summary><paramref name="Master"/> of <paramref name="Session"/> has been unreachable or removed for connection-delay, unless it came back.</summary>
internal sealed record MasterLostCheck(UniqueAddress Master, long Session) : INoSerializationVerificationNeeded;

/// <summary>The master of <paramref name="Session"/> has lacked a reachable quorum for connection-delay, unless it came back.</summary>
internal sealed record QuorumLostCheck(long Session) : INoSerializationVerificationNeeded;
