namespace Actors.Election.Simulation.Tests.Simulation;

/// <summary>A broken rule, where in the history it broke, and what the checker saw.</summary>
internal sealed record Violation(string Rule, string Detail, long Seq, TimeSpan At)
{
    /// <summary>The known library defect this violation is a symptom of (see <see cref="KnownDefects"/>), or null.</summary>
    public string? Defect { get; init; }

    public override string ToString() => $"{Rule} at {At.TotalMilliseconds:0.###}ms (#{Seq}){(Defect is null ? "" : " [known defect " + Defect + "]")}: {Detail}";
}

/// <summary>How a probe came out (counted by the bulk runs; the rules themselves are violations).</summary>
internal enum ProbeOutcome
{
    /// <summary>Not run: the cluster had not converged, or no master was there to aim at.</summary>
    Skipped,

    /// <summary>Nothing happened: no node started an election, lost its master or stepped down.</summary>
    NoElection,

    /// <summary>Some node started an election, lost its master or stepped down.</summary>
    Election,

    /// <summary>A long pause: the others elected a new master (see <see cref="ProbeResult.FailoverAfter"/>).</summary>
    FailedOver,

    /// <summary>A long pause, but the others could not form a quorum or hold no candidate: no failover is owed.</summary>
    FailoverNotOwed,
}

/// <summary>What a run's probe did.</summary>
internal sealed record ProbeResult(Probe Probe, ProbeOutcome Outcome)
{
    /// <summary>A long pause: from the pause's start until every other live node followed the new master.</summary>
    public TimeSpan? FailoverAfter { get; init; }
}

/// <summary>What one run produced.</summary>
internal sealed class RunResult(Scenario scenario, History history, List<Violation> violations)
{
    public Scenario Scenario { get; } = scenario;
    public History History { get; } = history;
    public List<Violation> Violations { get; } = violations;
    public int ActionsApplied { get; init; }
    public int MessageFaults { get; init; }
    public int Messages { get; init; }
    public int Steps { get; init; }

    /// <summary>How long after healing every live node followed one master (null: never).</summary>
    public TimeSpan? ConvergedAfter { get; init; }

    /// <summary>How many cluster histories the run went through (1 + whole-cluster restarts that happened).</summary>
    public int Histories { get; init; }

    /// <summary>How many actions of each kind took effect.</summary>
    public IReadOnlyDictionary<FaultKind, int> AppliedKinds { get; init; } = new Dictionary<FaultKind, int>();

    /// <summary>The probe's outcome, if the scenario has one.</summary>
    public ProbeResult? Probe { get; init; }

    public bool Failed => Violations.Count > 0;
}
