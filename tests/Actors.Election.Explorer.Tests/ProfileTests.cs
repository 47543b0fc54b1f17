using System.Diagnostics;
using Actors.Election.Core;
using Actors.Election.Explorer.Model;
using Actors.Election.Explorer.Search;
using Xunit;
using Xunit.Abstractions;

namespace Actors.Election.Explorer;

public sealed class ProfileTests(ITestOutputHelper output)
{
    [Fact]
    public void Profile()
    {
        if (Environment.GetEnvironmentVariable("EXPLORER_PROFILE") != "1") return;
        var choicesT = new Stopwatch(); var applyT = new Stopwatch(); var fpT = new Stopwatch(); var shapeT = new Stopwatch(); var cloneT = new Stopwatch();
        long steps = 0;
        for (var i = 0; i < 200; i++)
        {
            var r = new Random(i);
            var w = World.Initial(Swarm.Draw(r, Policies.Default));
            for (var d = 0; d < w.Scenario.Depth; d++)
            {
                choicesT.Start(); var cs = w.Choices(); choicesT.Stop();
                if (cs.Count == 0) break;
                var c = cs[r.Next(cs.Count)].Choice;
                applyT.Start(); w.Apply(c); applyT.Stop();
                fpT.Start(); Fingerprint.Of(w); fpT.Stop();
                shapeT.Start(); Fingerprint.ShapeOf(w); shapeT.Stop();
                if (d % 10 == 0) { cloneT.Start(); w.Clone(); cloneT.Stop(); }
                steps++;
            }
        }
        output.WriteLine($"steps {steps}: choices {choicesT.ElapsedMilliseconds} ms, apply {applyT.ElapsedMilliseconds} ms, fingerprint {fpT.ElapsedMilliseconds} ms, shape {shapeT.ElapsedMilliseconds} ms, clone/10 {cloneT.ElapsedMilliseconds} ms");
    }
}
