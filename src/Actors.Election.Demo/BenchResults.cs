namespace Actors.Election.Demo;

/// <summary>The rounds of one implementation in one configuration, and the settings its nodes reported.</summary>
internal sealed class SystemResult(ClusterKind kind)
{
    public ClusterKind Kind { get; } = kind;
    public List<FailoverRound> Rounds { get; } = new();
    public List<long> PeakWorkingSets { get; } = new();
    /// <summary>The settings the nodes read back (<see cref="NodeSettings.Describe"/>), or null when none reported.</summary>
    public string? Settings { get; set; }

    public string Name => NameOf(Kind);

    public static string NameOf(ClusterKind kind) => kind == ClusterKind.Election ? "Actors.Election" : "ClusterSingleton";

    public IReadOnlyList<FailoverRound> Of(FailureKind failure) => Rounds.Where(r => r.Failure == failure).ToList();

    /// <summary>Median and p90 of the failover over every round of <paramref name="failure"/>; +∞ when that rank did not finish, NaN without rounds.</summary>
    public double Median(FailureKind failure) => Stats.MedianOfRounds(Of(failure).Select(r => r.FailoverMs));

    public double P90(FailureKind failure) => Stats.PercentileOfRounds(Of(failure).Select(r => r.FailoverMs), 90);

    public int Unfinished(FailureKind failure) => Of(failure).Count(r => !r.Finished);

    /// <summary>Medians over the rounds that have the value (detection needs the detector to have flagged the victim; messages need both snapshots).</summary>
    public double DetectionFirstMedian(FailureKind failure) => Stats.Median(Of(failure).Where(r => r.DetectionFirstMs is not null).Select(r => r.DetectionFirstMs!.Value));

    public double DetectionLastMedian(FailureKind failure) => Stats.Median(Of(failure).Where(r => r.DetectionLastMs is not null).Select(r => r.DetectionLastMs!.Value));

    public double AfterDetectionMedian(FailureKind failure) => Stats.Median(Of(failure).Where(r => r.AfterDetectionMs is not null).Select(r => r.AfterDetectionMs!.Value));

    public double MessagesMedian(FailureKind failure) => Stats.Median(Of(failure).Where(r => r.Messages is not null).Select(r => (double)r.Messages!.Value));

    public int MessagesCounted(FailureKind failure) => Of(failure).Count(r => r.Messages is not null);

    /// <summary>Medians of how busy the machine was in the second before the failure and during the failover (percent), over the rounds that have them.</summary>
    public double CpuBusyBeforeMedian(FailureKind failure) => Stats.Median(Of(failure).Where(r => r.CpuBusyBeforePercent is not null).Select(r => r.CpuBusyBeforePercent!.Value));

    public double CpuBusyDuringMedian(FailureKind failure) => Stats.Median(Of(failure).Where(r => r.CpuBusyDuringPercent is not null).Select(r => r.CpuBusyDuringPercent!.Value));

    public double PeakWorkingSetMb => PeakWorkingSets.Count == 0 ? double.NaN : PeakWorkingSets.Max() / (1024.0 * 1024.0);
}

/// <summary>One configuration of the sweep and what each implementation measured in it.</summary>
internal sealed record ConfigurationResult(SweepConfiguration Configuration, SystemResult Election, SystemResult? Singleton)
{
    public IEnumerable<SystemResult> Systems => Singleton is null ? [Election] : [Election, Singleton];

    /// <summary>Singleton median / election median (how many times faster the election fails over); NaN when either is missing or did not finish.</summary>
    public double SpeedUp(FailureKind failure)
    {
        if (Singleton is null) return double.NaN;
        var election = Election.Median(failure);
        var singleton = Singleton.Median(failure);
        return double.IsFinite(election) && double.IsFinite(singleton) && election > 0 ? singleton / election : double.NaN;
    }
}
