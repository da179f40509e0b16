<#
.SYNOPSIS
    Builds, tests and packages the BalanceTools module.
.DESCRIPTION
    Build   : dotnet build; stages the importable module in out/BalanceTools.
    Test    : Build, then the .NET test suites, then the Pester suite (tests/Pester) against the staged module, with
              an installed Pester 5.3+ or else the Pester 5.9.1 that dotnet restore brings from NuGet.
              Without PowerShell: dotnet run --project tools/BalanceTools.Pwsh -c Release -- -NoProfile -File build.ps1 -Task Test
    Package : Build in Release, then publish the staged module to a local repository folder
              (out/packages) as the .nupkg a PowerShell repository accepts.
    Clean   : removes out/ and the bin/obj folders.
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Run only the .NET suites (for machines without Pester 5).
    [switch] $SkipPester
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
# The version tools/BalanceTools.Pwsh/BalanceTools.Pwsh.csproj downloads.
$RestoredPesterVersion = '5.9.1'
$staged = Join-Path $root 'out/BalanceTools'
$solution = Join-Path $root 'BalanceTools.sln'

function Invoke-DotNet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Write-Host "dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-DotNet build $solution -c $Configuration
    Write-Host "Module staged in $staged" -ForegroundColor Green
}

# An installed Pester 5.3 or newer, else the one dotnet restore brought from NuGet (tools/BalanceTools.Pwsh asks
# for it), so nothing is installed and nothing is fetched from the PowerShell Gallery.
function Find-Pester {
    $installed = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.3.0' } |
        Sort-Object -Property Version -Descending | Select-Object -First 1
    if ($installed) {
        return $installed.Path
    }

    $packages = @(& dotnet nuget locals global-packages --list) -match '^global-packages:' -replace '^global-packages:\s*', '' |
        Select-Object -First 1
    $restored = Join-Path $packages "pester/$RestoredPesterVersion/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $restored)) {
        throw "No Pester 5.3 or newer is installed, and Pester $RestoredPesterVersion is not in the NuGet packages folder ($packages). Run 'dotnet restore BalanceTools.sln', which brings it, or install Pester 5."
    }

    $restored
}

function Invoke-PesterSuite {
    $pester = Find-Pester
    Write-Host "Pester: $pester" -ForegroundColor Cyan
    Import-Module $pester -Force

    # PowerShell names are case-insensitive: this must not be called $configuration, which is the -Configuration parameter.
    $pesterSettings = New-PesterConfiguration
    $pesterSettings.Run.Path = Join-Path $root 'tests/Pester'
    $pesterSettings.Run.PassThru = $true
    $pesterSettings.Output.Verbosity = 'Detailed'
    if ([Console]::IsOutputRedirected) {
        # A log (CI's) gets plain lines, with Pester's summary line as 'Tests Passed: N, Failed: N, ...'.
        $pesterSettings.Output.RenderMode = 'Plaintext'
    }
    $pesterSettings.TestResult.Enabled = $true
    $pesterSettings.TestResult.OutputFormat = 'NUnitXml'
    $pesterSettings.TestResult.OutputPath = Join-Path $root "out/TestResults/pester-$($PSVersionTable.PSEdition).xml"
    $env:BALANCETOOLS_CONFIGURATION = $Configuration
    $result = Invoke-Pester -Configuration $pesterSettings
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') {
        throw "Pester: $($result.FailedCount) failed, $($result.PassedCount) passed."
    }
}

function Invoke-Test {
    Invoke-Build
    Invoke-DotNet test $solution -c $Configuration --no-build
    if ($SkipPester) {
        Write-Warning 'Pester suite skipped (-SkipPester).'
    }
    else {
        Invoke-PesterSuite
    }
}

function Invoke-Package {
    $script:Configuration = 'Release'
    Invoke-Build
    $feed = Join-Path $root 'out/packages'
    New-Item -ItemType Directory -Path $feed -Force | Out-Null
    $repository = 'BalanceToolsLocal'
    if (Get-Command -Name Publish-PSResource -ErrorAction SilentlyContinue) {
        if (-not (Get-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue)) {
            Register-PSResourceRepository -Name $repository -Uri $feed -Trusted
        }
        Publish-PSResource -Path $staged -Repository $repository
    }
    elseif (Get-Command -Name Publish-Module -ErrorAction SilentlyContinue) {
        if (-not (Get-PSRepository -Name $repository -ErrorAction SilentlyContinue)) {
            Register-PSRepository -Name $repository -SourceLocation $feed -PublishLocation $feed -InstallationPolicy Trusted
        }
        Publish-Module -Path $staged -Repository $repository
    }
    else {
        throw 'Package needs Microsoft.PowerShell.PSResourceGet (Publish-PSResource) or PowerShellGet (Publish-Module).'
    }
    Get-ChildItem -Path $feed -Filter '*.nupkg' | ForEach-Object { Write-Host "Package: $($_.FullName)" -ForegroundColor Green }
}

function Invoke-Clean {
    Remove-Item -Path (Join-Path $root 'out') -Recurse -Force -ErrorAction SilentlyContinue
    Get-ChildItem -Path (Join-Path $root 'src'), (Join-Path $root 'tests') -Directory -Recurse -Include 'bin', 'obj' |
        Remove-Item -Recurse -Force
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Clean' { Invoke-Clean }
    }
}
