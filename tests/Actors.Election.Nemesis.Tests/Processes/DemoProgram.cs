namespace Actors.Election.Nemesis.Tests.Processes;

/// <summary>The built demo program (a project reference puts it beside the tests), run with <c>dotnet DLL</c>.</summary>
internal static class DemoProgram
{
    public static string DllPath
    {
        get
        {
            var path = typeof(Demo.Recording.HistoryRecord).Assembly.Location;
            if (!File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
                throw new InvalidOperationException($"{path} has no runtimeconfig.json next to it: build the solution first");
            return path;
        }
    }
}
