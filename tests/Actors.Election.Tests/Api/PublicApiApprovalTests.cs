using PublicApiGenerator;
using Xunit;

namespace Actors.Election.Tests.Api;

/// <summary>
/// The library's public API, as PublicApiGenerator prints it, must match the checked-in approved file, so every
/// API change is a deliberate, reviewed diff. On a mismatch the test writes what it got next to the approved file.
/// </summary>
public sealed class PublicApiApprovalTests
{
    private const string ApprovedName = "Actors.Election.approved.txt";
    private const string ReceivedName = "Actors.Election.received.txt";

    [Fact]
    public void The_public_api_matches_the_approved_file()
    {
        var received = Normalise(typeof(Election).Assembly.GeneratePublicApi());
        var directory = Path.Combine(RepositoryRoot(), "tests", "Actors.Election.Tests", "Api");
        var approvedPath = Path.Combine(directory, ApprovedName);
        var receivedPath = Path.Combine(directory, ReceivedName);
        var approved = File.Exists(approvedPath) ? Normalise(File.ReadAllText(approvedPath)) : null;

        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail(
            (approved is null ? $"There is no approved public API file {approvedPath}." : "The public API of Actors.Election changed.") +
            $"{Environment.NewLine}The API as built was written to {receivedPath}." +
            $"{Environment.NewLine}If the change is intended, approve it by copying the received file over the approved one:" +
            $"{Environment.NewLine}  cp \"{receivedPath}\" \"{approvedPath}\"" +
            (approved is null ? "" : $"{Environment.NewLine}{FirstDifference(approved, received)}"));
    }

    /// <summary>Line endings as \n, no trailing whitespace, one final newline: the file compares alike on every OS and checkout.</summary>
    internal static string Normalise(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(line => line.TrimEnd())).TrimEnd('\n') + "\n";

    private static string FirstDifference(string approved, string received)
    {
        var a = approved.Split('\n');
        var r = received.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, r.Length); i++)
        {
            var expected = i < a.Length ? a[i] : "<end of file>";
            var actual = i < r.Length ? r[i] : "<end of file>";
            if (expected != actual) return $"First difference at line {i + 1}:{Environment.NewLine}  approved: {expected}{Environment.NewLine}  received: {actual}";
        }
        return "The files differ only in line endings or trailing whitespace.";
    }

    /// <summary>The folder holding Actors.sln, found by walking up from the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Actors.sln")))
                return directory.FullName;
        throw new InvalidOperationException($"No Actors.sln above {AppContext.BaseDirectory}: cannot locate the approved API file.");
    }
}
