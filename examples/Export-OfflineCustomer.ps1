<#
.SYNOPSIS
    The module's main job, offline: every balance transaction of a customer into a CSV file with
    Get-CustomerBalanceTransaction -All | Export-Csv, against the built-in offline Stripe server.
.DESCRIPTION
    Starts the offline Stripe server (tests/BalanceTools.FakeStripe) on a free loopback port with a demo customer,
    imports the staged module (out/BalanceTools), points it at the server through STRIPE_API_BASE and STRIPE_API_KEY
    as a runbook would, streams every transaction of cus_demo into the CSV file, then stops the server.
    Build first with 'dotnet build -c Release'. Runs in any PowerShell 7.4+ or Windows PowerShell 5.1, and on a
    machine with only the .NET SDK in the repository's own pwsh:

        dotnet run --project tools/BalanceTools.Pwsh -c Release -- -NoProfile -File examples/Export-OfflineCustomer.ps1
.PARAMETER Path
    The CSV file to write (replaced if it exists), relative to the current folder. balance.csv unless given.
.PARAMETER Transactions
    How many transactions the demo customer has. 2,500 unless given.
.EXAMPLE
    ./examples/Export-OfflineCustomer.ps1 -Path ./out/demo.csv -Transactions 10000
#>
[CmdletBinding()]
param(
    [string] $Path = 'balance.csv',

    [ValidateRange(0, 1000000)]
    [int] $Transactions = 2500
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = Split-Path -Parent $PSScriptRoot
$module = Join-Path $root 'out/BalanceTools/BalanceTools.psd1'
# The newest build of the offline server, Release or Debug.
$serverDll = Get-ChildItem -Path (Join-Path $root 'tests/BalanceTools.FakeStripe/bin/*/net8.0/BalanceTools.FakeStripe.dll') -ErrorAction SilentlyContinue |
    Sort-Object -Property LastWriteTime -Descending | Select-Object -First 1 -ExpandProperty FullName
if (-not $serverDll -or -not (Test-Path -LiteralPath $module)) {
    throw "The module or the offline Stripe server is not built: run 'dotnet build -c Release' in $root first."
}

$serverLog = [System.IO.Path]::GetTempFileName()
$server = Start-Process -FilePath 'dotnet' -ArgumentList @($serverDll, '--port', '0', '--seed', $Transactions) -PassThru -NoNewWindow -RedirectStandardOutput $serverLog
try {
    # The server prints its address and key once it listens.
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Select-String -Path $serverLog -Pattern '^API key: ' -Quiet)) {
        if ($server.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            throw "The offline Stripe server did not start: $(Get-Content -Path $serverLog -Raw)"
        }
        Start-Sleep -Milliseconds 100
    }
    $env:STRIPE_API_BASE = ((Select-String -Path $serverLog -Pattern '^Base URI: (.+)$').Matches[0].Groups[1].Value).TrimEnd('/')
    $env:STRIPE_API_KEY = (Select-String -Path $serverLog -Pattern '^API key: (.+)$').Matches[0].Groups[1].Value

    Import-Module -Name $module
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    Get-CustomerBalanceTransaction -Customer cus_demo -All | Export-Csv -Path $Path -NoTypeInformation
    $clock.Stop()

    $written = (Resolve-Path -LiteralPath $Path).ProviderPath
    $rows = @(Import-Csv -LiteralPath $written).Count
    "Wrote $rows balance transactions of cus_demo to $written in $([Math]::Round($clock.Elapsed.TotalSeconds, 1)) s."
}
finally {
    Stop-Process -Id $server.Id -ErrorAction SilentlyContinue
    $server.WaitForExit(10000) | Out-Null
    Remove-Item -LiteralPath $serverLog -ErrorAction SilentlyContinue
    Remove-Item -Path Env:STRIPE_API_BASE, Env:STRIPE_API_KEY -ErrorAction SilentlyContinue
}
