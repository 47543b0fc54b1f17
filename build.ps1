#!/usr/bin/env pwsh
# Actors.Election build script. Run through the repository's local PowerShell tool:
#   dotnet tool restore && dotnet pwsh ./build.ps1 <target>
# Targets: build, test, ci (restore + build + test, what CI runs), repeat (the suite N times in a row),
#          explore (the schedule explorer only, -Schedules seeded schedules of the real core, default 1000000, and
#                   -Seed; every mutant is still searched with the CI budget),
#          soak (the simulation only, with -Scenarios seeded scenarios per quorum mode; default 100000),
#          pack (the NuGet packages Actors.Election and Actors.Election.Hosting into artifacts/packages, built from their own
#                projects only, no test project; -Tool adds the election-demo tool package),
#          demo (the local cluster demo, plain output: -Nodes, -Rounds),
#          bench (the failover benchmark against ClusterSingleton: -Nodes, -Rounds; writes docs/benchmarks.md),
#          nemesis (real node processes in network namespaces under a seeded nemesis, as root: -Minutes of faults,
#                   -Seed (default: a random one, printed), -Faults Loss,Delay (some kinds only); report in
#                   artifacts/nemesis; see docs/nemesis.md).
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'ci', 'repeat', 'explore', 'soak', 'pack', 'demo', 'bench', 'nemesis')]
    [string]$Target = 'build',
    [string]$Configuration = 'Release',
    [int]$Times = 10,
    [int]$Scenarios = 100000,
    [int]$Schedules = 1000000,
    [string]$Nodes = '',
    [int]$Rounds = -1,
    [switch]$Tool,
    [double]$Minutes = 30,
    [int]$Seed = -1,
    [string]$Faults = ''
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

# The nemesis tests (tests/Actors.Election.Nemesis.Tests) drive ip netns, sysctl and iptables inside network namespaces
# they create, as root, and shift the node processes' clocks with libfaketime. On a Debian machine without them (CI's included), install
# Debian's packages first (only those missing); elsewhere the tests fail and say why.
function Install-NemesisPrerequisites {
    if (-not $IsLinux) { return }
    $missing = @()
    # A program counts as present on the PATH or in the sbin folders a non-login PATH may lack (as the harness finds it).
    $has = { param($program) (Get-Command $program -ErrorAction SilentlyContinue) -or (Test-Path "/usr/sbin/$program") -or (Test-Path "/sbin/$program") }
    # ip netns (iproute2) and sysctl (procps) are in a full Debian but not in the slim images .NET SDK containers build on.
    if (-not (& $has 'ip')) { $missing += 'iproute2' }
    if (-not (& $has 'sysctl')) { $missing += 'procps' }
    if (-not (& $has 'iptables')) { $missing += 'iptables' }
    # Where Debian's libfaketime puts its preload library (the harness looks in the same places: NodeClocks.Library).
    $faketime = @('/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/faketime/libfaketime.so.1')
    if (-not ($faketime | Where-Object { Test-Path $_ })) { $missing += 'faketime' }
    if ($missing.Count -eq 0) { return }
    if ((id -u) -ne '0' -or -not (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        Write-Host "$($missing -join ', ') missing and cannot be installed here (needs root and apt-get): the nemesis tests will fail and say so" -ForegroundColor Yellow
        return
    }
    Invoke-Step "apt-get update (for $($missing -join ', '))" { apt-get update -qq }
    $env:DEBIAN_FRONTEND = 'noninteractive' # no package may stop CI with a question
    Invoke-Step "apt-get install $($missing -join ' ')" { apt-get install -y -qq --no-install-recommends @missing }
}

function Invoke-Tests {
    Install-NemesisPrerequisites
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
    'explore' {
        # A longer systematic search than CI's 20000 schedules: the explorer project only, its summary printed.
        Invoke-Build
        $env:EXPLORER_SCHEDULES = "$Schedules"
        if ($Seed -ge 0) { $env:EXPLORER_SEED = "$Seed" }
        try {
            Invoke-Step 'explore' {
                dotnet test tests/Actors.Election.Explorer.Tests/Actors.Election.Explorer.Tests.csproj --no-build -c $Configuration `
                    --logger 'console;verbosity=normal'
            }
        }
        finally {
            Remove-Item Env:EXPLORER_SCHEDULES, Env:EXPLORER_SEED -ErrorAction SilentlyContinue
        }
    }
    'repeat' {
        Invoke-Build
        for ($i = 1; $i -le $Times; $i++) {
            Write-Host "--- run $i of $Times"
            Invoke-Tests
        }
    }
    'nemesis' {
        # The nemesis run alone, for -Minutes of faults (CI runs it for under two minutes with a fixed seed).
        Install-NemesisPrerequisites
        Invoke-Step 'build' { dotnet build tests/Actors.Election.Nemesis.Tests/Actors.Election.Nemesis.Tests.csproj -c $Configuration }
        if ($Seed -lt 0) { $Seed = Get-Random -Minimum 1 -Maximum 1000000 }
        Write-Host "==> nemesis: $Minutes minutes of faults, seed $Seed$(if ($Faults) { ", only $Faults" })" -ForegroundColor Cyan
        $env:NEMESIS_MINUTES = [string]::Format([cultureinfo]::InvariantCulture, '{0}', $Minutes)
        $env:NEMESIS_SEED = "$Seed"
        $env:NEMESIS_FAULTS = $Faults
        $started = Get-Date
        try {
            dotnet test tests/Actors.Election.Nemesis.Tests/Actors.Election.Nemesis.Tests.csproj --no-build -c $Configuration `
                --filter 'FullyQualifiedName~NemesisRunTests' --logger 'console;verbosity=detailed'
            $code = $LASTEXITCODE
        }
        finally {
            Remove-Item Env:NEMESIS_MINUTES, Env:NEMESIS_SEED, Env:NEMESIS_FAULTS -ErrorAction SilentlyContinue
        }
        # The run's report and, as the very last line, its summary.
        $summary = Get-ChildItem (Join-Path $PSScriptRoot 'artifacts/nemesis') -Recurse -Filter summary.txt -ErrorAction SilentlyContinue |
            Where-Object { $_.LastWriteTime -ge $started } | Sort-Object LastWriteTime | Select-Object -Last 1
        if ($null -eq $summary) { Write-Host 'nemesis: no report was written'; exit 1 }
        Write-Host "report: $(Join-Path $summary.DirectoryName 'report.md')"
        Write-Host (Get-Content $summary.FullName -Raw).Trim()
        exit $code
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
