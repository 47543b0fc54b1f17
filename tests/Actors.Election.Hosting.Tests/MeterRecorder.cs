using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Actors.Election.Hosting.Tests;

/// <summary>
/// Listens to every instrument of every meter named <see cref="ElectionMetrics.MeterName"/> in the process (each
/// ActorSystem has its own) and keeps the measurements of one node. MetricCollector follows a single instrument, and
/// with several test systems alive at once it may pick another system's.
/// </summary>
internal sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _node;

    public MeterRecorder(string node)
    {
        _node = node;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ElectionMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public ConcurrentQueue<(string Instrument, double Value)> Measurements { get; } = new();

    public void RecordObservableInstruments() => _listener.RecordObservableInstruments();

    public IEnumerable<double> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument).Select(m => m.Value);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
            if (tag.Key == ElectionMetrics.NodeTag && tag.Value as string == _node)
                Measurements.Enqueue((instrument.Name, value));
    }

    public void Dispose() => _listener.Dispose();
}
