using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Xml.Linq;
using Xunit;

namespace Actors.Election.Hosting.Tests;

/// <summary>
/// The packages as a user gets them: <c>dotnet pack</c> the library and the hosting package (from this test run's
/// build) into a temporary folder, install them into a fresh console project through a nuget.config whose sources are
/// that folder and the machine's own, and run a one-node election through them. Slow (a restore and a build), so
/// there is one such test.
/// </summary>
public sealed class PackageInstallTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task The_packed_packages_install_into_a_fresh_project_and_elect_a_lone_node()
    {
        var root = RepositoryRoot();
        var configuration = typeof(PackageInstallTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var id = Guid.NewGuid().ToString("N")[..12];
        // A version of its own, so the global packages folder never serves a stale copy of an earlier run.
        var version = $"0.1.0-pkgtest-{id}";
        var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"actors-election-pkgtest-{id}")).FullName;
        var feed = Directory.CreateDirectory(Path.Combine(work, "feed")).FullName;
        var app = Directory.CreateDirectory(Path.Combine(work, "app")).FullName;
        try
        {
            foreach (var project in new[] { "src/Actors.Election/Actors.Election.csproj", "src/Actors.Election.Hosting/Actors.Election.Hosting.csproj" })
                await Dotnet(root, "pack", Path.Combine(root, project), "--no-build", "-c", configuration, "-o", feed,
                    $"-p:PackageVersion={version}", $"-p:NuspecOutputPath={Path.Combine(work, "nuspec")}", "-nodeReuse:false");

            AssertPackageContents(Path.Combine(feed, $"Actors.Election.{version}.nupkg"), "Actors.Election", version);
            AssertPackageContents(Path.Combine(feed, $"Actors.Election.Hosting.{version}.nupkg"), "Actors.Election.Hosting", version);

            WriteApp(app, feed, version);
            await Dotnet(app, "build", "-c", "Release", "-nodeReuse:false");
            var run = await Dotnet(app, "run", "--no-build", "-c", "Release");
            Assert.Contains("master akka.tcp://pkgtest@127.0.0.1:", run);
        }
        finally
        {
            TryDelete(work);
            // The global packages folder keeps what the restore extracted: drop this run's versions.
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                           ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            TryDelete(Path.Combine(packages, "actors.election", version));
            TryDelete(Path.Combine(packages, "actors.election.hosting", version));
        }
    }

    private static void AssertPackageContents(string nupkg, string id, string version)
    {
        Assert.True(File.Exists(nupkg), $"{nupkg} was not produced");
        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains($"lib/net10.0/{id}.dll", entries);
        Assert.Contains($"lib/net10.0/{id}.xml", entries);
        Assert.Contains("README.md", entries);

        using var nuspecStream = zip.GetEntry($"{id}.nuspec")!.Open();
        var nuspec = XDocument.Load(nuspecStream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal(version, metadata.Element(ns + "version")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        var license = metadata.Element(ns + "license");
        Assert.Equal("expression", license?.Attribute("type")?.Value);
        Assert.Equal("Apache-2.0", license?.Value);
        Assert.Equal("git", metadata.Element(ns + "repository")?.Attribute("type")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        if (id == "Actors.Election.Hosting")
        {
            var dependencies = metadata.Descendants(ns + "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);
            Assert.Equal(version, dependencies["Actors.Election"]);
            Assert.True(dependencies.ContainsKey("Akka.Hosting"), "the hosting package does not depend on Akka.Hosting");
        }
    }

    private static void WriteApp(string app, string feed, string version)
    {
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <!-- The packages under test, beside the machine's own sources (from the user's NuGet.Config). -->
              <packageSources>
                <add key="actors-election-under-test" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Actors.Election" Version="{version}" />
                <PackageReference Include="Actors.Election.Hosting" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """"
            using Actors.Election;
            using Actors.Election.Hosting;
            using Akka.Actor;
            using Akka.Cluster;
            using Akka.Configuration;

            var config = ConfigurationFactory.ParseString("""
                akka.actor.provider = cluster
                akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
                akka.cluster.min-nr-of-members = 1
                akka.loglevel = WARNING
                actors.election.gather-timeout = 200ms
                """);
            var system = ActorSystem.Create("pkgtest", config);
            try
            {
                var election = Election.Get(system);
                var cluster = Cluster.Get(system);
                await cluster.JoinAsync(cluster.SelfAddress);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                var master = await election.WaitForMasterAsync(timeout.Token);
                Console.WriteLine($"master {master.Address} session {election.Session} ({typeof(ElectionHostingExtensions).Assembly.GetName().Name} loaded)");
                return master.Equals(cluster.SelfUniqueAddress) ? 0 : 1;
            }
            finally
            {
                await system.Terminate();
            }
            """");
    }

    private async Task<string> Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        // Whatever MSBuild state the test host inherited must not leak into a separate build.
        foreach (var inherited in new[] { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
            start.Environment.Remove(inherited);

        var text = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (text) text.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (text) text.AppendLine("[stderr] " + e.Data); };
        var command = $"dotnet {string.Join(' ', arguments)} (in {workingDirectory})";
        output.WriteLine($"> {command}");
        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{command} did not finish within {StepTimeout}:\n{Captured(text)}");
        }
        process.WaitForExit(); // flush the asynchronous output readers
        var captured = Captured(text);
        output.WriteLine($"  exit {process.ExitCode} after {watch.Elapsed.TotalSeconds:F1}s");
        Assert.True(process.ExitCode == 0, $"{command} failed with exit code {process.ExitCode}:\n{captured}");
        return captured;
    }

    private static string Captured(StringBuilder text)
    {
        lock (text) return text.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} contains Actors.sln");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
