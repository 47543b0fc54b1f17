#!/usr/bin/env pwsh
# Actors.Election build script. Run through the repository's local PowerShell tool:
#   dotnet tool restore && dotnet pwsh ./build.ps1 <target>
# Targets: build, test, ci (restore + build + test, what CI runs), repeat (the suite N times in a row),
#          soak (the simulation only, with -Scenarios seeded scenarios per quorum mode; default 100000),
#          pack (the NuGet packages Actors.Election and Actors.Election.Hosting into artifacts/packages, built from their own
#                projects only, no test project; -Tool adds the election-demo tool package),
#          demo (the local cluster demo, plain output: -Nodes, -Rounds),
#          bench (the failover benchmark against ClusterSingleton: -Nodes, -Rounds; writes docs/benchmarks.md).
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'ci', 'repeat', 'soak', 'pack', 'demo', 'bench')]
    [string]$Target = 'build',
    [string]$Configuration = 'Release',
    [int]$Times = 10,
    [int]$Scenarios = 100000,
    [string]$Nodes = '',
    [int]$Rounds = -1,
    [switch]$Tool
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Step([string]$Name, [scriptblock]$Command) {
    Write-Host "==> $Name" -ForegroundColor Cyan
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$Name failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    Invoke-Step 'restore' { dotnet restore Actors.sln }
    Invoke-Step 'build' { dotnet build Actors.sln --no-restore -c $Configuration }
}

function Invoke-Tests {
    $results = Join-Path $PSScriptRoot 'TestResults'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    $failedRun = $false
    # One test project at a time: the real-socket cluster tests time failure detection, and a 2-core machine running
    # the simulation beside them would starve their heartbeats.
    $projects = dotnet sln Actors.sln list | Where-Object { $_ -like '*.Tests.csproj' } | Sort-Object
    foreach ($project in $projects) {
        try {
            Invoke-Step "test $([IO.Path]::GetFileNameWithoutExtension($project))" {
                dotnet test $project --no-build -c $Configuration --logger 'console;verbosity=minimal' --logger 'trx' `
                    --results-directory $results --blame-hang-timeout 5m
            }
        } catch { $failedRun = $true; $err = $_ }
    }
    # One closing line over every test project: 'N passed, N failed'.
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($trx in Get-ChildItem $results -Filter *.trx -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content $trx.FullName)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed; $failed += [int]$counters.failed; $skipped += [int]$counters.notExecuted
    }
    Write-Host "Tests: $passed passed, $failed failed, $skipped skipped"
    if ($failedRun) { throw $err }
}

switch ($Target) {
    'build' { Invoke-Build }
    'pack' {
        # Packs the src projects themselves (dotnet pack builds each with what it references), never the solution: the
        # test projects are not built. The demo tool package (about 80 MB) only when asked for with -Tool.
        $packages = Join-Path $PSScriptRoot 'artifacts/packages'
        if (Test-Path $packages) { Remove-Item -Recurse -Force $packages }
        $projects = @('src/Actors.Election/Actors.Election.csproj', 'src/Actors.Election.Hosting/Actors.Election.Hosting.csproj')
        if ($Tool) { $projects += 'src/Actors.Election.Demo/Actors.Election.Demo.csproj' }
        foreach ($project in $projects) {
            Invoke-Step "pack $([IO.Path]::GetFileNameWithoutExtension($project))" { dotnet pack $project -c $Configuration -o $packages }
        }
        Get-ChildItem $packages -Filter *.nupkg | ForEach-Object { Write-Host "  $($_.Name)" }
    }
    'test' { Invoke-Build; Invoke-Tests }
    'ci' { Invoke-Build; Invoke-Tests }
    'soak' {
        # Many more seeded fault-injection scenarios than CI runs: SIM_SCENARIOS per quorum mode, this project only.
        Invoke-Build
        $env:SIM_SCENARIOS = "$Scenarios"
        try {
            Invoke-Step 'soak' {
                dotnet test tests/Actors.Election.Simulation.Tests/Actors.Election.Simulation.Tests.csproj --no-build -c $Configuration `
                    --filter 'FullyQualifiedName~SimulationTests' --logger 'console;verbosity=normal'
            }
        }
        finally {
            Remove-Item Env:SIM_SCENARIOS -ErrorAction SilentlyContinue
        }
    }
    'repeat' {
        Invoke-Build
        for ($i = 1; $i -le $Times; $i++) {
            Write-Host "--- run $i of $Times"
            Invoke-Tests
        }
    }
    'demo' {
        $demoArgs = @('demo', '--plain')
        if ($Nodes) { $demoArgs += @('--nodes', $Nodes) }
        if ($Rounds -ge 0) { $demoArgs += @('--rounds', "$Rounds") }
        Invoke-Step 'demo' { dotnet run -c $Configuration --project src/Actors.Election.Demo -- @demoArgs }
    }
    'bench' {
        $benchArgs = @('bench', 'failover')
        if ($Nodes) { $benchArgs += @('--nodes', $Nodes) }
        if ($Rounds -ge 0) { $benchArgs += @('--rounds', "$Rounds") }
        Invoke-Step 'bench' { dotnet run -c $Configuration --project src/Actors.Election.Demo -- @benchArgs }
    }
}
