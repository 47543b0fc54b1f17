using Akka.Cluster;

namespace Actors.Election.Explorer.Model;

/// <summary>A message in flight from slot <paramref name="From"/> to incarnation <paramref name="To"/>.</summary>
internal sealed record Envelope(long Seq, int From, UniqueAddress To, ElectionMessage Message);
