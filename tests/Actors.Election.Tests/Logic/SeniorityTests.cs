using Xunit;

namespace Actors.Election.Tests.Logic;

/// <summary><c>Seniority</c>: a start instant on the wire, shown as an age; an earlier start is more senior.</summary>
public sealed class SeniorityTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Age_is_the_time_since_the_start_instant()
    {
        Assert.Equal(TimeSpan.FromMinutes(90), Seniority.StartedAt(Start).Age(Start.AddMinutes(90)));
    }

    [Fact]
    public void Age_is_zero_at_the_start_instant()
    {
        Assert.Equal(TimeSpan.Zero, Seniority.StartedAt(Start).Age(Start));
    }

    [Fact]
    public void Age_is_zero_when_the_start_lies_in_the_future()
    {
        Assert.Equal(TimeSpan.Zero, Seniority.StartedAt(Start).Age(Start.AddSeconds(-5)));
    }

    [Fact]
    public void Age_does_not_depend_on_the_offset_of_now()
    {
        var now = Start.AddHours(2);

        Assert.Equal(Seniority.StartedAt(Start).Age(now), Seniority.StartedAt(Start).Age(now.ToOffset(TimeSpan.FromHours(-7))));
    }

    [Fact]
    public void The_start_instant_travels_as_whole_utc_milliseconds()
    {
        var seniority = Seniority.StartedAt(Start.AddTicks(12_345).ToOffset(TimeSpan.FromHours(3)));

        Assert.Equal(Start.ToUnixTimeMilliseconds() + 1, seniority.StartedAtUnixMs);
        Assert.Equal(Start.AddMilliseconds(1), seniority.StartedAt());
    }

    [Fact]
    public void An_earlier_start_is_more_senior()
    {
        var older = Seniority.StartedAt(Start);
        var younger = Seniority.StartedAt(Start.AddMilliseconds(1));

        Assert.True(older.CompareTo(younger) > 0);
        Assert.True(younger.CompareTo(older) < 0);
        Assert.Equal(0, older.CompareTo(Seniority.StartedAt(Start)));
    }

    [Fact]
    public void Seniority_orders_across_the_whole_range_without_overflow()
    {
        Assert.True(new Seniority(long.MinValue).CompareTo(new Seniority(long.MaxValue)) > 0);
        Assert.True(new Seniority(long.MaxValue).CompareTo(new Seniority(long.MinValue)) < 0);
    }

    [Fact]
    public void Sorting_puts_the_most_senior_last()
    {
        Seniority[] seniorities = [new(300), new(100), new(200)];

        Assert.Equal(new Seniority[] { new(300), new(200), new(100) }, seniorities.Order().ToArray());
    }
}
