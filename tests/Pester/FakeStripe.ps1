# Helpers for the Pester suite: start the offline Stripe server (tests/BalanceTools.FakeStripe) on a free loopback
# port, and drive its /_fake control endpoints to seed customers, inject faults and count requests.
# Works on Windows PowerShell 5.1 and PowerShell 7.4+.

function Get-FreeLoopbackPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    try {
        $listener.Start()
        $listener.LocalEndpoint.Port
    }
    finally {
        $listener.Stop()
    }
}

function Start-FakeStripe {
    param([string] $RepositoryRoot)

    $configuration = if ($env:BALANCETOOLS_CONFIGURATION) { $env:BALANCETOOLS_CONFIGURATION } else { '*' }
    $server = Get-ChildItem -Path (Join-Path $RepositoryRoot "tests/BalanceTools.FakeStripe/bin/$configuration/net8.0/BalanceTools.FakeStripe.dll") |
        Sort-Object -Property LastWriteTime -Descending | Select-Object -First 1
    if (-not $server) { throw 'The fake Stripe server is not built; run ./build.ps1 -Task Build first.' }

    $port = Get-FreeLoopbackPort
    $apiKey = 'sk_test_pester_' + [guid]::NewGuid().ToString('N')
    $log = Join-Path ([System.IO.Path]::GetTempPath()) "fakestripe-$port.log"
    $process = Start-Process -FilePath 'dotnet' -ArgumentList @($server.FullName, '--port', $port, '--api-key', $apiKey, '--seed', '0') `
        -PassThru -RedirectStandardOutput $log -NoNewWindow
    $baseUri = "http://127.0.0.1:$port"
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ($true) {
        try {
            Invoke-RestMethod -Uri "$baseUri/_fake/health" -TimeoutSec 2 | Out-Null
            break
        }
        catch {
            if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
                throw "The fake Stripe server did not start: $(Get-Content -Path $log -Raw -ErrorAction SilentlyContinue)"
            }
            Start-Sleep -Milliseconds 200
        }
    }

    [pscustomobject]@{ Process = $process; BaseUri = $baseUri; ApiKey = $apiKey; Log = $log }
}

function Stop-FakeStripe {
    param($Server)
    if ($Server -and -not $Server.Process.HasExited) {
        Stop-Process -Id $Server.Process.Id -Force -ErrorAction SilentlyContinue
        $Server.Process.WaitForExit(10000) | Out-Null
    }
}

function New-FakeCustomer {
    param($Server, [int] $Seed = 0, [string] $Currency = 'usd')
    (Invoke-RestMethod -Method Post -Uri "$($Server.BaseUri)/_fake/customers?currency=$Currency&seed=$Seed").id
}

function Add-FakeCustomers {
    param($Server, [int[]] $Counts)
    (Invoke-RestMethod -Method Post -Uri "$($Server.BaseUri)/_fake/customers/seed?counts=$($Counts -join ',')").ids
}

function Get-FakeRequest {
    param($Server)
    (Invoke-RestMethod -Uri "$($Server.BaseUri)/_fake/requests").requests
}

function Get-FakeRequestCount {
    param($Server)
    (Invoke-RestMethod -Uri "$($Server.BaseUri)/_fake/requests").count
}

# Forgets the recorded requests and any faults not yet used.
function Clear-FakeRequest {
    param($Server)
    Invoke-RestMethod -Method Delete -Uri "$($Server.BaseUri)/_fake/requests" | Out-Null
}

# Kinds: status, reset_before_commit, reset_after_commit, truncated_json, malformed_json, delay.
function Add-FakeFault {
    param($Server, [string] $Kind = 'status', [int] $Status = 500, [string] $Code, [string] $ShouldRetry, [int] $Count = 1, [int] $DelayMs = 1000, [string] $QueryContains)
    $query = "kind=$Kind&status=$Status&count=$Count&delay_ms=$DelayMs"
    if ($Code) { $query += "&code=$Code" }
    if ($QueryContains) { $query += '&query_contains=' + [uri]::EscapeDataString($QueryContains) }
    if ($ShouldRetry) { $query += "&should_retry=$ShouldRetry" }
    Invoke-RestMethod -Method Post -Uri "$($Server.BaseUri)/_fake/faults?$query" | Out-Null
}
