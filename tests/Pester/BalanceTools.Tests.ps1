#Requires -Version 5.1
# Pester 5 suite for the staged module (out/BalanceTools) against the offline Stripe server.
# Runs on Windows PowerShell 5.1 and PowerShell 7.4+: ./build.ps1 -Task Test

BeforeAll {
    $script:RepositoryRoot = (Resolve-Path -Path (Join-Path $PSScriptRoot '../..')).Path
    . (Join-Path $PSScriptRoot 'FakeStripe.ps1')

    $script:SavedKey = $env:STRIPE_API_KEY
    $script:SavedBase = $env:STRIPE_API_BASE
    Remove-Item -Path Env:STRIPE_API_KEY, Env:STRIPE_API_BASE -ErrorAction SilentlyContinue

    $script:Server = Start-FakeStripe -RepositoryRoot $RepositoryRoot
    $script:Key = ConvertTo-SecureString -String $Server.ApiKey -AsPlainText -Force
    $script:Base = [uri]$Server.BaseUri

    Get-Module -Name BalanceTools | Remove-Module -Force
    Import-Module -Name (Join-Path $RepositoryRoot 'out/BalanceTools/BalanceTools.psd1') -Force -ErrorAction Stop

    # Every call in this suite names the server and key explicitly unless a test is about the defaults.
    $script:Connection = @{ ApiKey = $Key; ApiBaseUri = $Base }
}

AfterAll {
    Disconnect-Stripe
    Stop-FakeStripe -Server $Server
    $env:STRIPE_API_KEY = $SavedKey
    $env:STRIPE_API_BASE = $SavedBase
}

Describe 'The module' {
    It 'exports exactly the six cmdlets' {
        $names = (Get-Command -Module BalanceTools).Name | Sort-Object
        $names | Should -Be @('Connect-Stripe', 'Disconnect-Stripe', 'Export-CustomerBalanceTransaction', 'Get-CustomerBalanceTransaction', 'New-CustomerBalanceTransaction', 'Set-CustomerBalanceTransaction')
    }

    It 'has a valid manifest' {
        $manifest = Test-ModuleManifest -Path (Join-Path $RepositoryRoot 'out/BalanceTools/BalanceTools.psd1')
        $manifest.ExportedCmdlets.Count | Should -Be 6
    }

    It 'loads the build for this edition' {
        $edition = if ($PSVersionTable.PSEdition -eq 'Core') { 'core' } else { 'desktop' }
        (Get-Command Get-CustomerBalanceTransaction).DLL | Should -BeLike "*$([System.IO.Path]::DirectorySeparatorChar)$edition$([System.IO.Path]::DirectorySeparatorChar)BalanceTools.dll"
    }

    It 'has help with a synopsis, a description and examples for <_>' -ForEach @('Get-CustomerBalanceTransaction', 'New-CustomerBalanceTransaction', 'Set-CustomerBalanceTransaction', 'Connect-Stripe', 'Disconnect-Stripe') {
        $help = Get-Help -Name $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$_ *[[]*"
        $help.Description | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'documents every parameter of <_>' -ForEach @('Get-CustomerBalanceTransaction', 'New-CustomerBalanceTransaction', 'Set-CustomerBalanceTransaction', 'Connect-Stripe') {
        $command = Get-Command -Name $_
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $help = Get-Help -Name $_ -Full
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $documented = $help.Parameters.Parameter | Where-Object Name -EQ $parameter
            $documented | Should -Not -BeNullOrEmpty -Because "-$parameter needs help"
            ($documented.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'completes -Currency and -Expand values with Tab' {
        $line = 'New-CustomerBalanceTransaction -Currency eu'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'eur'
        $line = 'Get-CustomerBalanceTransaction -Customer cus_x -Expand inv'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('invoice')
    }

    It 'has an about topic' {
        Get-Help -Name about_BalanceTools | Out-String | Should -Match 'STRIPE_API_KEY'
    }
}

Describe 'Get-CustomerBalanceTransaction' {
    BeforeAll {
        $script:Customer = New-FakeCustomer -Server $Server -Seed 250
    }

    BeforeEach {
        Clear-FakeRequest -Server $Server
    }

    It 'returns one page of ten typed objects by default, newest first' {
        $page = Get-CustomerBalanceTransaction -Customer $Customer @Connection
        $page.Count | Should -Be 10
        # On PowerShell 7 the type lives in the module's private load context, so PowerShell cannot resolve it by
        # name (a [BalanceTools.Client.CustomerBalanceTransaction] literal fails there); compare the name instead.
        $page[0].GetType().FullName | Should -Be 'BalanceTools.Client.CustomerBalanceTransaction'
        $page[0].PSObject.TypeNames[0] | Should -Be 'BalanceTools.Client.CustomerBalanceTransaction'
        $page[0].Created | Should -BeOfType ([DateTimeOffset])
        $page[0].Created.Offset | Should -Be ([TimeSpan]::Zero)
        $page[0].Created | Should -BeGreaterThan $page[1].Created
        Get-FakeRequestCount -Server $Server | Should -Be 1
    }

    It 'gets one transaction by id' {
        $first = Get-CustomerBalanceTransaction -Customer $Customer -Limit 1 @Connection
        $one = Get-CustomerBalanceTransaction -Customer $Customer -Id $first.Id @Connection
        $one.Id | Should -Be $first.Id
        $one.Amount | Should -Be $first.Amount
    }

    It 'streams every page with -All, one request per hundred' {
        $all = Get-CustomerBalanceTransaction -Customer $Customer -All @Connection
        $all.Count | Should -Be 250
        @($all.Id | Select-Object -Unique).Count | Should -Be 250
        Get-FakeRequestCount -Server $Server | Should -Be 3
    }

    It 'uses -Limit as the page size with -All' {
        $all = Get-CustomerBalanceTransaction -Customer $Customer -All -Limit 50 @Connection
        $all.Count | Should -Be 250
        Get-FakeRequestCount -Server $Server | Should -Be 5
    }

    It 'fetches only the first page when Select-Object -First stops the pipeline' {
        $five = Get-CustomerBalanceTransaction -Customer $Customer -All @Connection | Select-Object -First 5
        $five.Count | Should -Be 5
        Start-Sleep -Milliseconds 300
        Get-FakeRequestCount -Server $Server | Should -Be 1
    }

    It 'pages with -StartingAfter and -EndingBefore' {
        $page = Get-CustomerBalanceTransaction -Customer $Customer -Limit 4 @Connection
        $next = Get-CustomerBalanceTransaction -Customer $Customer -Limit 4 -StartingAfter $page[3].Id @Connection
        $previous = Get-CustomerBalanceTransaction -Customer $Customer -Limit 3 -EndingBefore $page[3].Id @Connection
        $next[0].Created | Should -BeLessOrEqual $page[3].Created
        $next.Id | Should -Not -Contain $page[3].Id
        $previous.Id | Should -Be $page[0..2].Id
    }

    It 'filters by creation date given as a date or as Unix seconds' {
        $all = Get-CustomerBalanceTransaction -Customer $Customer -All @Connection
        $pivot = $all[99].Created
        $byDate = Get-CustomerBalanceTransaction -Customer $Customer -All -CreatedOnOrAfter $pivot.UtcDateTime @Connection
        $bySeconds = Get-CustomerBalanceTransaction -Customer $Customer -All -CreatedOnOrAfter $pivot.ToUnixTimeSeconds() @Connection
        $before = Get-CustomerBalanceTransaction -Customer $Customer -All -CreatedBefore $pivot.UtcDateTime @Connection
        $byDate.Count | Should -Be 100
        $bySeconds.Count | Should -Be 100
        ($byDate.Count + $before.Count) | Should -Be 250
        (Get-FakeRequest -Server $Server | Where-Object { $_.query -like '*created*' }).query | Should -Match 'created\[(gte|lt)\]=\d+'
    }

    It 'treats a [datetime] literal of unspecified kind as UTC' {
        $pivot = (Get-CustomerBalanceTransaction -Customer $Customer -Limit 20 @Connection)[19].Created
        $literal = [datetime]::ParseExact($pivot.UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss'), 'yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture)
        $literal.Kind | Should -Be 'Unspecified'
        Clear-FakeRequest -Server $Server
        Get-CustomerBalanceTransaction -Customer $Customer -CreatedOnOrAfter $literal -Limit 1 @Connection | Out-Null
        (Get-FakeRequest -Server $Server)[0].query | Should -Match "created\[gte\]=$($pivot.ToUnixTimeSeconds())"
    }

    It 'binds plain customer ids piped in' {
        $second = New-FakeCustomer -Server $Server -Seed 2
        $rows = $Customer, $second | Get-CustomerBalanceTransaction -Limit 2 @Connection
        $rows.Count | Should -Be 4
        ($rows.Customer | Select-Object -Unique) | Should -Be @($Customer, $second)
    }

    It 'expands related objects the same way for one transaction and for a list' {
        $listed = Get-CustomerBalanceTransaction -Customer $Customer -Limit 2 -Expand customer @Connection
        $listed[0].Customer | Should -Be $Customer
        $listed[0].ExpandedCustomer.Object | Should -Be 'customer'
        (Get-FakeRequest -Server $Server)[-1].query | Should -Match 'expand\[0\]=data\.customer'
        $one = Get-CustomerBalanceTransaction -Customer $Customer -Id $listed[0].Id -Expand customer @Connection
        $one.ExpandedCustomer.Id | Should -Be $Customer
    }

    It 'binds -Customer from Import-Csv by property name' {
        $second = New-FakeCustomer -Server $Server -Seed 3
        $csv = Join-Path $TestDrive 'customers.csv'
        @([pscustomobject]@{ Customer = $Customer }, [pscustomobject]@{ Customer = $second }) | Export-Csv -Path $csv -NoTypeInformation
        $rows = Import-Csv -Path $csv | Get-CustomerBalanceTransaction -Limit 3 @Connection
        $rows.Count | Should -Be 6
        ($rows.Customer | Select-Object -Unique) | Should -Be @($Customer, $second)
    }

    It 'writes progress and verbose request logs without the key' {
        $verbose = Get-CustomerBalanceTransaction -Customer $Customer -All -Verbose @Connection 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $text = $verbose | Out-String
        $text | Should -Match 'GET /v1/customers/\S+/balance_transactions\?limit=100 -> 200 req_\w+ in \d+ ms'
        $text | Should -Not -Match ([regex]::Escape($Server.ApiKey))
    }

    It 'turns a Stripe-Notice header into a warning' {
        $warnings = Get-CustomerBalanceTransaction -Customer $Customer -Limit 1 -ApiVersion '2020-08-27' @Connection 3>&1 |
            Where-Object { $_ -is [System.Management.Automation.WarningRecord] }
        ($warnings | Out-String) | Should -Match 'Stripe notice: Stripe-Version 2020-08-27 is deprecated'
    }

    It 'cancels the request in flight when the pipeline is stopped (Ctrl+C)' {
        Clear-FakeRequest -Server $Server
        Add-FakeFault -Server $Server -Kind delay -DelayMs 30000
        $shell = [powershell]::Create()
        try {
            $manifest = Join-Path $RepositoryRoot 'out/BalanceTools/BalanceTools.psd1'
            $null = $shell.AddScript("Import-Module '$manifest'; Get-CustomerBalanceTransaction -Customer '$Customer' -ApiKey (ConvertTo-SecureString '$($Server.ApiKey)' -AsPlainText -Force) -ApiBaseUri '$Base'")
            $running = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while ((Get-FakeRequestCount -Server $Server) -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $running.IsCompleted | Should -BeTrue
        }
        finally {
            $shell.Dispose()
        }
    }

    It 'refuses a page size over 100 before sending anything' {
        { Get-CustomerBalanceTransaction -Customer $Customer -Limit 101 @Connection } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,BalanceTools.Commands.GetCustomerBalanceTransactionCommand'
        Get-FakeRequestCount -Server $Server | Should -Be 0
    }

    It 'names the cursor to resume from when -All gives up, and resuming completes the list' {
        $all = Get-CustomerBalanceTransaction -Customer $Customer -All @Connection
        Clear-FakeRequest -Server $Server
        Add-FakeFault -Server $Server -Kind status -Status 500 -Count 2 -QueryContains "starting_after=$($all[99].Id)"
        $first = Get-CustomerBalanceTransaction -Customer $Customer -All -MaxNetworkRetries 1 @Connection -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].Exception.ResumeStartingAfter | Should -Be $all[99].Id
        $failures[0].ErrorDetails.Message | Should -BeLike "*-StartingAfter $($all[99].Id)*"
        $rest = Get-CustomerBalanceTransaction -Customer $Customer -All -StartingAfter $failures[0].Exception.ResumeStartingAfter @Connection
        @($first).Count | Should -Be 100
        (@($first) + @($rest)).Id | Should -Be $all.Id
    }

    It 'shows a default table view' {
        $table = Get-CustomerBalanceTransaction -Customer $Customer -Limit 2 @Connection | Format-Table | Out-String -Width 200
        $table | Should -Match 'Id\s+Type\s+Amount\s+Currency\s+EndingBalance\s+Created \(UTC\)'
        $table | Should -Not -Match 'Livemode'
    }
}

Describe 'New-CustomerBalanceTransaction' {
    BeforeAll {
        $script:Customer = New-FakeCustomer -Server $Server
    }

    BeforeEach {
        Clear-FakeRequest -Server $Server
    }

    It 'creates a credit with metadata and returns it' {
        $created = New-CustomerBalanceTransaction -Customer $Customer -Amount -500 -Currency USD -Description 'Goodwill' -Metadata @{ order_id = 6735; note = 'a b' } @Connection
        $created.Amount | Should -Be -500
        $created.Currency | Should -Be 'usd'
        $created.Metadata['order_id'] | Should -Be '6735'
        $created.Metadata.note | Should -Be 'a b'
        (Get-FakeRequest -Server $Server)[0].body | Should -Match 'metadata\[order_id\]=6735'
    }

    It 'sends nothing with -WhatIf' {
        New-CustomerBalanceTransaction -Customer $Customer -Amount 100 -Currency usd -WhatIf @Connection | Should -BeNullOrEmpty
        Get-FakeRequestCount -Server $Server | Should -Be 0
    }

    It 'does not prompt by default, so unattended runs never wait' {
        (Get-Command New-CustomerBalanceTransaction).ImplementingType.GetCustomAttributes($true) |
            Where-Object { $_ -is [System.Management.Automation.CmdletAttribute] } |
            ForEach-Object { $_.ConfirmImpact } | Should -Be 'Medium'
    }

    It 'replays the first result for a repeated -IdempotencyKey' {
        $key = 'pester-' + [guid]::NewGuid()
        $first = New-CustomerBalanceTransaction -Customer $Customer -Amount 42 -Currency usd -IdempotencyKey $key @Connection
        $second = New-CustomerBalanceTransaction -Customer $Customer -Amount 42 -Currency usd -IdempotencyKey $key @Connection
        $second.Id | Should -Be $first.Id
    }

    It 'creates one transaction per CSV row from the pipeline' {
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Customer = $Customer; Amount = $_ * 10; Currency = 'usd'; Description = "row $_" } }
        $created = $rows | New-CustomerBalanceTransaction @Connection
        $created.Count | Should -Be 3
        $created.Description | Should -Be @('row 1', 'row 2', 'row 3')
    }

    It 'refuses a fractional amount instead of rounding it, before sending anything' {
        # A value typed on the command line that cannot bind ends the statement, whatever -ErrorAction says.
        $failure = $null
        try { New-CustomerBalanceTransaction -Customer $Customer -Amount 12.5 -Currency usd @Connection } catch { $failure = $_ }
        $failure.Exception.Message | Should -BeLike "*'Amount'*12.5*1250 is 12.50 USD*"
        $failure.CategoryInfo.Category | Should -Be 'InvalidData'
        Get-FakeRequestCount -Server $Server | Should -Be 0
    }

    It 'creates the good rows of a CSV and reports the bad one by name' {
        $csv = Join-Path $TestDrive 'credits.csv'
        @(
            [pscustomobject]@{ Customer = $Customer; Amount = '-100'; Currency = 'usd' }
            [pscustomobject]@{ Customer = $Customer; Amount = '12.50'; Currency = 'usd' }
            [pscustomobject]@{ Customer = $Customer; Amount = '-300'; Currency = 'usd' }
        ) | Export-Csv -Path $csv -NoTypeInformation
        $created = Import-Csv -Path $csv | New-CustomerBalanceTransaction @Connection -ErrorVariable failures -ErrorAction SilentlyContinue
        $created.Amount | Should -Be @(-100, -300)
        $failures.Count | Should -Be 1
        $failures[0].Exception.Message | Should -BeLike "*'12.50' is not a whole number*"
    }

    It 'refuses CSV rows without a customer column, naming the columns they have' {
        $csv = Join-Path $TestDrive 'nocustomer.csv'
        @([pscustomobject]@{ Client = $Customer; Amount = '100'; Currency = 'usd' }) | Export-Csv -Path $csv -NoTypeInformation
        Import-Csv -Path $csv | New-CustomerBalanceTransaction @Connection -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].Exception.Message | Should -BeLike '*no Customer or CustomerId property*Client, Amount, Currency*'
        Get-FakeRequestCount -Server $Server | Should -Be 0
    }

    It 'refuses a nested hashtable as a metadata value, naming the key' {
        { New-CustomerBalanceTransaction -Customer $Customer -Amount 1 -Currency usd -Metadata @{ k = @{ inner = 1 } } @Connection -ErrorAction Stop } |
            Should -Throw "*metadata key 'k' is a hashtable*"
        Get-FakeRequestCount -Server $Server | Should -Be 0
    }

    It 'retries a 503 and still creates exactly once' {
        $before = @(Get-CustomerBalanceTransaction -Customer $Customer -All @Connection).Count
        Add-FakeFault -Server $Server -Kind status -Status 503
        New-CustomerBalanceTransaction -Customer $Customer -Amount 7 -Currency usd @Connection | Out-Null
        @(Get-CustomerBalanceTransaction -Customer $Customer -All @Connection).Count | Should -Be ($before + 1)
    }
}

Describe 'Set-CustomerBalanceTransaction' {
    BeforeAll {
        $script:Customer = New-FakeCustomer -Server $Server -Seed 5
    }

    It 'updates what Get- sends down the pipeline and returns the updated objects' {
        $updated = Get-CustomerBalanceTransaction -Customer $Customer -Limit 2 @Connection |
            Set-CustomerBalanceTransaction -Description 'Reviewed' -Metadata @{ reviewer = 'pester' } @Connection
        $updated.Count | Should -Be 2
        $updated.Description | Should -Be @('Reviewed', 'Reviewed')
        $updated[0].Metadata.reviewer | Should -Be 'pester'
    }

    It 'removes a key given $null and clears all with -ClearMetadata' {
        $one = Get-CustomerBalanceTransaction -Customer $Customer -Limit 1 @Connection
        $one | Set-CustomerBalanceTransaction -Metadata @{ a = '1'; b = '2' } @Connection | Out-Null
        $removed = $one | Set-CustomerBalanceTransaction -Metadata @{ a = $null } @Connection
        $removed.Metadata.Keys | Should -Not -Contain 'a'
        $removed.Metadata.b | Should -Be '2'
        ($one | Set-CustomerBalanceTransaction -ClearMetadata @Connection).Metadata.Count | Should -Be 0
    }

    It 'refuses a call with nothing to change, or clearing and setting metadata at once, before any request' {
        Clear-FakeRequest -Server $Server
        $one = [pscustomobject]@{ Customer = $Customer; Id = 'cbtxn_any' }
        { $one | Set-CustomerBalanceTransaction @Connection } | Should -Throw '*Nothing to update*'
        { $one | Set-CustomerBalanceTransaction -ClearMetadata -Metadata @{ a = '1' } @Connection } | Should -Throw '*-ClearMetadata*'
        Get-FakeRequestCount -Server $Server | Should -Be 0
    }

    It 'sends nothing with -WhatIf' {
        Clear-FakeRequest -Server $Server
        Get-CustomerBalanceTransaction -Customer $Customer -Limit 1 @Connection | Out-Null
        Get-CustomerBalanceTransaction -Customer $Customer -Limit 1 @Connection | Set-CustomerBalanceTransaction -Description 'x' -WhatIf @Connection
        Get-FakeRequestCount -Server $Server | Should -Be 2
    }
}

Describe 'Errors' {
    BeforeAll {
        $script:Customer = New-FakeCustomer -Server $Server -Seed 3
    }

    It 'writes a non-terminating ObjectNotFound error for a bad item and goes on with the rest' {
        $ids = @(Get-CustomerBalanceTransaction -Customer $Customer @Connection).Id
        $items = @(
            [pscustomobject]@{ Customer = $Customer; Id = $ids[0] }
            [pscustomobject]@{ Customer = $Customer; Id = 'cbtxn_doesnotexist' }
            [pscustomobject]@{ Customer = $Customer; Id = $ids[1] }
        )
        $found = $items | Get-CustomerBalanceTransaction @Connection -ErrorVariable failures -ErrorAction SilentlyContinue
        $found.Id | Should -Be @($ids[0], $ids[1])
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'cbtxn_doesnotexist'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Stripe.resource_missing*'
        $failures[0].ErrorDetails.Message | Should -Match 'Request id: req_'
        $failures[0].Exception.HttpStatus | Should -Be 404
        $failures[0].Exception.RequestId | Should -Match '^req_'
    }

    It 'maps a wrong key to AuthenticationError and never shows the key' {
        $wrong = 'sk_test_wrong_' + [guid]::NewGuid().ToString('N')
        $secure = ConvertTo-SecureString -String $wrong -AsPlainText -Force
        Get-CustomerBalanceTransaction -Customer $Customer -ApiKey $secure -ApiBaseUri $Base -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $everything = ($failures | ForEach-Object { $_ | Out-String; $_.Exception.ToString(); $_.ErrorDetails.Message }) -join "`n"
        $everything | Should -Not -Match ([regex]::Escape($wrong))
        $everything | Should -Not -Match ([regex]::Escape($Server.ApiKey))
    }

    It 'maps a rate limit to LimitsExceeded and a server failure to ResourceUnavailable' {
        # Reads and writes answered 429 are retried; -RetryOnRateLimit:$false lets one 429 to a write reach the user here.
        Add-FakeFault -Server $Server -Kind status -Status 429 -Code rate_limit
        New-CustomerBalanceTransaction -Customer $Customer -Amount 1 -Currency usd @Connection -RetryOnRateLimit:$false -ErrorVariable limited -ErrorAction SilentlyContinue
        Add-FakeFault -Server $Server -Kind status -Status 500 -ShouldRetry false
        Get-CustomerBalanceTransaction -Customer $Customer @Connection -ErrorVariable failed -ErrorAction SilentlyContinue
        $limited[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $failed[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
    }

    It 'retries a rate-limited read without being asked, and gets the page' {
        Add-FakeFault -Server $Server -Kind status -Status 429 -Code rate_limit -Count 2
        $page = Get-CustomerBalanceTransaction -Customer $Customer @Connection -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -BeNullOrEmpty
        @($page).Count | Should -BeGreaterThan 0
    }

    It 'maps an invalid currency to InvalidArgument' {
        New-CustomerBalanceTransaction -Customer $Customer -Amount 1 -Currency eur @Connection -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].Exception.Param | Should -Be 'currency'
    }

    It 'stops with AuthenticationError when no key is set anywhere' {
        Disconnect-Stripe
        { Get-CustomerBalanceTransaction -Customer $Customer -ApiBaseUri $Base -ErrorAction Stop } |
            Should -Throw -ErrorId 'BalanceTools.MissingApiKey,BalanceTools.Commands.GetCustomerBalanceTransactionCommand'
    }

    It 'keeps the key out of $Error after all of the above' {
        ($Error | ForEach-Object { $_ | Out-String; $_.Exception.ToString() }) -join "`n" | Should -Not -Match ([regex]::Escape($Server.ApiKey))
    }
}

Describe 'Authentication defaults' {
    BeforeAll {
        $script:Customer = New-FakeCustomer -Server $Server -Seed 2
    }

    AfterEach {
        Disconnect-Stripe
        Remove-Item -Path Env:STRIPE_API_KEY, Env:STRIPE_API_BASE -ErrorAction SilentlyContinue
    }

    It 'uses STRIPE_API_KEY and STRIPE_API_BASE from the environment' {
        $env:STRIPE_API_KEY = $Server.ApiKey
        $env:STRIPE_API_BASE = $Server.BaseUri
        (Get-CustomerBalanceTransaction -Customer $Customer).Count | Should -Be 2
    }

    It 'uses the session default from Connect-Stripe, which never shows the key' {
        $connection = Connect-Stripe -ApiKey $Key -ApiBaseUri $Base -PassThru
        ($connection | Out-String) | Should -Not -Match ([regex]::Escape($Server.ApiKey))
        $connection.Mode | Should -Be 'test'
        (Get-CustomerBalanceTransaction -Customer $Customer).Count | Should -Be 2
    }

    It 'takes -ApiKey as plain text, as runbooks hold it, and refuses a publishable key without showing it' {
        (Get-CustomerBalanceTransaction -Customer $Customer -ApiKey $Server.ApiKey -ApiBaseUri $Base).Count | Should -Be 2
        $publishable = 'pk_test_' + [guid]::NewGuid().ToString('N')
        { Get-CustomerBalanceTransaction -Customer $Customer -ApiKey $publishable -ApiBaseUri $Base -ErrorAction Stop } |
            Should -Throw '*publishable key*'
        ($Error[0] | Out-String) | Should -Not -Match ([regex]::Escape($publishable.Substring(8)))
    }

    It 'accepts an Automation-style credential whose password is the key' {
        Connect-Stripe -Credential ([pscredential]::new('stripe', $Key)) -ApiBaseUri $Base
        (Get-CustomerBalanceTransaction -Customer $Customer).Count | Should -Be 2
    }

    It 'lets a parameter win over the session default' {
        $wrong = ConvertTo-SecureString -String 'sk_test_session_default_is_wrong_000' -AsPlainText -Force
        Connect-Stripe -ApiKey $wrong -ApiBaseUri $Base
        (Get-CustomerBalanceTransaction -Customer $Customer -ApiKey $Key).Count | Should -Be 2
    }

    It 'refuses plain http to a host that is not loopback' {
        { Connect-Stripe -ApiKey $Key -ApiBaseUri 'http://stripe.example.com' } | Should -Throw '*Refusing to send a Stripe key*'
    }
}

Describe 'Export-Csv' {
    BeforeAll {
        $script:Customer = New-FakeCustomer -Server $Server -Seed 120
        Get-CustomerBalanceTransaction -Customer $Customer -Limit 1 @Connection |
            Set-CustomerBalanceTransaction -Metadata @{ order_id = '6735' } @Connection | Out-Null
    }

    It 'writes readable columns that Import-Csv reads back' {
        $path = Join-Path $TestDrive 'transactions.csv'
        Get-CustomerBalanceTransaction -Customer $Customer -All @Connection | Export-Csv -Path $path -NoTypeInformation
        $rows = Import-Csv -Path $path
        $rows.Count | Should -Be 120
        $header = (Get-Content -Path $path -TotalCount 1)
        foreach ($column in 'Id', 'Amount', 'Currency', 'Customer', 'Created', 'EndingBalance', 'Metadata', 'Type') {
            $header | Should -Match "`"$column`""
        }
        $rows[0].Metadata | Should -Be '{"order_id":"6735"}'
        $rows[1].Metadata | Should -Be ''
        $rows[0].Customer | Should -Be $Customer
        (Get-Content -Path $path -Raw) | Should -Not -Match 'System\.Collections|BalanceTools\.Client\.'
        [DateTimeOffset]::Parse($rows[0].Created, [cultureinfo]::CurrentCulture).Offset | Should -Be ([TimeSpan]::Zero)
    }
}

Describe 'A big customer' {
    BeforeAll {
        $script:Big = New-FakeCustomer -Server $Server -Seed 2500
        $script:OneList = [System.Collections.Generic.List[string]]::new()
        $after = $null
        do {
            $page = @(if ($after) { Get-CustomerBalanceTransaction -Customer $Big -Limit 100 -StartingAfter $after @Connection } else { Get-CustomerBalanceTransaction -Customer $Big -Limit 100 @Connection })
            foreach ($transaction in $page) { $OneList.Add($transaction.Id) }
            if ($page.Count -gt 0) { $after = $page[-1].Id }
        } while ($page.Count -eq 100)
    }

    It 'is paged in slices at once and written exactly as one list, page by page, gives it' {
        $path = Join-Path $TestDrive 'big.csv'
        $Big | Get-CustomerBalanceTransaction -All @Connection | Export-Csv -Path $path -NoTypeInformation
        $OneList.Count | Should -Be 2500
        (Import-Csv -Path $path).Id | Should -Be $OneList
    }

    It 'costs one request when the pipeline takes five' {
        Clear-FakeRequest -Server $Server
        Get-CustomerBalanceTransaction -Customer $Big -All @Connection | Select-Object -First 5 | ForEach-Object Id | Should -Be $OneList[0..4]
        Start-Sleep -Milliseconds 300
        Get-FakeRequestCount -Server $Server | Should -Be 1
    }
}

Describe 'Whole-account export' {
    BeforeAll {
        $script:Seeded = Add-FakeCustomers -Server $Server -Counts (0..29 | ForEach-Object { $_ * 37 % 260 })
        $script:Everything = Join-Path $TestDrive 'everything.csv'
        Get-CustomerBalanceTransaction -AllCustomers -ThrottleLimit 1 @Connection | Export-Csv -Path $Everything -NoTypeInformation
    }

    It 'lists customers concurrently and writes the same rows in the same order as one at a time' {
        $path = Join-Path $TestDrive 'throttled.csv'
        Get-CustomerBalanceTransaction -AllCustomers -ThrottleLimit 8 @Connection | Export-Csv -Path $path -NoTypeInformation
        (Import-Csv -Path $path).Id | Should -Be (Import-Csv -Path $Everything).Id
        (Import-Csv -Path $path | Where-Object Customer -eq $Seeded[-1] | Select-Object -First 1).Customer | Should -Be $Seeded[-1]
    }

    It 'resumes a stopped nightly export with Export-Csv -Append without repeating or missing a row' {
        $csv = Join-Path $TestDrive 'nightly.csv'
        $checkpoint = Join-Path $TestDrive 'nightly.json'
        Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $checkpoint @Connection |
            Select-Object -First 1500 | Export-Csv -Path $csv -NoTypeInformation
        (Import-Csv -Path $csv).Count | Should -Be 1500
        Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $checkpoint @Connection | Export-Csv -Path $csv -Append -NoTypeInformation

        (Import-Csv -Path $csv).Id | Should -Be (Import-Csv -Path $Everything).Id
        Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $checkpoint @Connection -WarningVariable finished -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $finished | Should -Match 'exported every customer'
    }

    It 'pipes customers from a CSV file and skips those a checkpoint says are done' {
        $customers = Join-Path $TestDrive 'customers.csv'
        $Seeded | ForEach-Object { [pscustomobject]@{ CustomerId = $_; Segment = 'test' } } | Export-Csv -Path $customers -NoTypeInformation
        $checkpoint = Join-Path $TestDrive 'piped.json'
        $first = Import-Csv -Path $customers | Get-CustomerBalanceTransaction -All -ThrottleLimit 4 -CheckpointPath $checkpoint @Connection | Select-Object -First 700
        $rest = Import-Csv -Path $customers | Get-CustomerBalanceTransaction -All -ThrottleLimit 4 -CheckpointPath $checkpoint @Connection
        $expected = $Seeded | ForEach-Object { Get-CustomerBalanceTransaction -Customer $_ -All -ThrottleLimit 1 @Connection }
        @($first) + @($rest) | ForEach-Object Id | Should -Be ($expected | ForEach-Object Id)
    }

    It 'refuses -ThrottleLimit outside 1 to 64 in plain words before any request' {
        Clear-FakeRequest -Server $Server
        { Get-CustomerBalanceTransaction -AllCustomers -ThrottleLimit 0 @Connection } | Should -Throw '*from 1 to 64*'
        Get-FakeRequestCount -Server $Server | Should -Be 0
    }
}
