namespace Actors.Election;

/// <summary>What an <see cref="ElectionMessage"/> asks of its receiver.</summary>
public enum ElectionMessageKind
{
    /// <summary>A newcomer asks for everyone's status; answered with a <see cref="Reply"/>.</summary>
    Hello = 0,

    /// <summary>
    /// "Would you join a campaign for <see cref="ElectionMessage.ProposedSession"/>?" (Raft's pre-vote).
    /// Answered with a <see cref="Reply"/> whose <see cref="ElectionMessage.Granted"/> says yes or no;
    /// the receiver changes nothing, so a cut-off node cannot inflate sessions.
    /// </summary>
    PreVote = 1,

    /// <summary>The sender takes part in session <see cref="ElectionMessage.ProposedSession"/>: its candidacy, and its final vote once cast.</summary>
    Campaign = 2,

    /// <summary>The sender is master of <see cref="ElectionMessage.ProposedSession"/> (sent on election and every heartbeat).</summary>
    Announce = 3,

    /// <summary>The sender's status, in answer to any other kind. A reply is never answered.</summary>
    Reply = 4,
}
