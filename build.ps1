#!/usr/bin/env pwsh
# Actors.Election build script. Run through the repository's local PowerShell tool:
#   dotnet tool restore && dotnet pwsh ./build.ps1 <target>
# Targets: build, test, ci (restore + build + test, what CI runs), repeat (the suite N times in a row).
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'ci', 'repeat')]
    [string]$Target = 'build',
    [string]$Configuration = 'Release',
    [int]$Times = 10
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
    try {
        Invoke-Step 'test' {
            dotnet test Actors.sln --no-build -c $Configuration --logger 'console;verbosity=minimal' --logger 'trx' `
                --results-directory $results --blame-hang-timeout 5m
        }
    } catch { $failedRun = $true; $err = $_ }
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
    'test' { Invoke-Build; Invoke-Tests }
    'ci' { Invoke-Build; Invoke-Tests }
    'repeat' {
        Invoke-Build
        for ($i = 1; $i -le $Times; $i++) {
            Write-Host "--- run $i of $Times"
            Invoke-Tests
        }
    }
}
