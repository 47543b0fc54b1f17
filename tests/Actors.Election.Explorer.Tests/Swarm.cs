using Actors.Election.Core;
using Actors.Election.Explorer.Model;

namespace Actors.Election.Explorer;

/// <summary>Draws the scenario of one schedule (swarm testing): each fault kind on or off, with its own count.</summary>
internal static class Swarm
{
    public static Scenario Draw(Random r, Policies policies)
    {
        var nodes = r.Next(3, 6);
        int Maybe(int max) => r.NextDouble() < 0.5 ? r.Next(1, max + 1) : 0;
        var skewed = r.NextDouble() < 0.5;
        return new Scenario
        {
            Nodes = nodes,
            Initial = r.Next(Math.Min(3, nodes) - 1, nodes + 1),
            Prelude = r.NextDouble() < 0.7,
            Budget = new Budget
            {
                Drops = Maybe(6),
                Duplicates = Maybe(3),
                Cuts = Maybe(8),
                Crashes = Maybe(3),
                Starts = Maybe(4),
                Leaves = Maybe(3),
                FalseDownings = Maybe(4),
                FalseDetections = Maybe(4),
                FalseDisconnects = Maybe(3),
                Commands = Maybe(3),
            },
            Weights = new Weights
            {
                Deliver = 10,
                Fault = 0.2 + r.NextDouble() * 2,
                Timer = 0.5 + r.NextDouble() * 3,
                Membership = 0.5 + r.NextDouble() * 4,
            },
            ClockOffsets = Enumerable.Range(0, nodes).Select(_ => skewed ? TimeSpan.FromMilliseconds(r.Next(-2000, 2001)) : TimeSpan.Zero).ToArray(),
            Depth = r.Next(60, 400),
            ClocksIgnoreRestarts = r.NextDouble() < 0.3,
            RestartLag = r.NextDouble() < 0.3 ? TimeSpan.FromSeconds(r.Next(6, 60)) : TimeSpan.Zero,
            Policies = policies,
        };
    }
}
