using Actors.Election.Logic;
using Xunit;

namespace Actors.Election.Tests.Logic;

/// <summary><c>JoinRule</c>: a node joins only a campaign for a session above every session it knows to be settled.</summary>
public sealed class JoinRuleTests
{
    [Theory]
    [InlineData(5, 5, 4, true)]   // its own session, left without a master (nothing settled there)
    [InlineData(5, 5, 5, false)]  // its own session, but it led or followed it (or someone reported it settled)
    [InlineData(5, 7, 6, true)]   // above everything settled
    [InlineData(5, 7, 7, false)]  // a session someone led, followed or left
    [InlineData(5, 6, 7, false)]  // below a settled one
    [InlineData(0, 1, 0, true)]   // a fresh node, nothing settled
    public void A_settled_session_is_not_joined_again(long own, long proposed, long settledBefore, bool joins)
    {
        Assert.Equal(joins, JoinRule.MayJoin(own, proposed, settledBefore));
    }
}
