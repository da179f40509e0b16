@{
    RootModule             = 'BalanceTools.psm1'
    ModuleVersion          = '0.1.0'
    GUID                   = '5f0c2a4e-8d3b-4b7e-9a61-2c7f4e9b1d30'
    Author                 = 'BalanceTools contributors'
    CompanyName            = 'BalanceTools'
    Copyright              = '(c) 2026 BalanceTools contributors. MIT License.'
    Description            = 'Stripe customer balance transactions from PowerShell: list (streaming every page with -All), get, create and update, with Stripe SDK-grade retries, idempotency and error records.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('BalanceTools.format.ps1xml')
    FunctionsToExport      = @()
    CmdletsToExport        = @(
        'Connect-Stripe'
        'Disconnect-Stripe'
        'Export-CustomerBalanceTransaction'
        'Get-CustomerBalanceTransaction'
        'New-CustomerBalanceTransaction'
        'Set-CustomerBalanceTransaction'
    )
    VariablesToExport      = @()
    AliasesToExport        = @()
    FileList               = @(
        'BalanceTools.psd1'
        'BalanceTools.psm1'
        'BalanceTools.format.ps1xml'
        'en-US/about_BalanceTools.help.txt'
        'en-US/BalanceTools.dll-Help.xml'
        'LICENSE'
    )
    PrivateData            = @{
        PSData = @{
            Tags         = @('Stripe', 'Billing', 'Payments', 'CustomerBalance', 'Finance', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/balancetools/BalanceTools/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/balancetools/BalanceTools'
            ReleaseNotes = 'First release: Get-, New- and Set-CustomerBalanceTransaction; Connect-/Disconnect-Stripe; streaming -All with one-page prefetch; automatic idempotency keys and retries as in the official Stripe SDKs.'
        }
    }
}
