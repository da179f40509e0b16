# Loads the cmdlet assembly built for this edition: .NET 8 for PowerShell 7.4+, .NET Standard 2.0 for
# Windows PowerShell 5.1. Each keeps its dependencies in a private Dependencies folder that only the module's own
# resolver reads, so other modules' versions of the same libraries never collide with ours.
# Only the engine's own commands are used here (no Join-Path), so the module imports in a hosted or constrained
# runspace that has nothing else; '/' separates paths on Windows as well.
$edition = if ($PSVersionTable.PSEdition -eq 'Core') { 'core' } else { 'desktop' }
$binaryModule = Import-Module -Name "$PSScriptRoot/$edition/BalanceTools.dll" -PassThru -ErrorAction Stop
Export-ModuleMember -Cmdlet @($binaryModule.ExportedCmdlets.Keys)
