using Actors.Election.Serialization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Actors.Election.Benchmarks;

/// <summary>
/// The size in bytes of the payload a <see cref="SerializerBenchmarks"/> case encodes or decodes: the announcement of
/// its electorate size in its format (legacy for the *Legacy methods, Protocol Buffers for the *Protobuf ones).
/// </summary>
public sealed class PayloadColumn : IColumn
{
    public string Id => nameof(PayloadColumn);
    public string ColumnName => "Payload (bytes)";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Size;
    public string Legend => "Bytes of the serialized message (what goes on the wire, before Akka.Remote's envelope)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["Nodes"] is not int nodes) return "-";
        var message = ElectionMessages.Announce(nodes);
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        return method.EndsWith("Legacy", StringComparison.Ordinal) ? LegacyBinaryCodec.Write(message).Length.ToString()
            : method.EndsWith("Protobuf", StringComparison.Ordinal) ? ProtobufCodec.Write(message).Length.ToString()
            : "-";
    }

    public override string ToString() => ColumnName;
}
