using System.Management.Automation;
using BalanceTools.FakeStripe;

namespace BalanceTools.Hosted.Tests;

/// <summary>
/// Bulk credits as a runbook sends them: Import-Csv rows piped into New-CustomerBalanceTransaction (and Get piped into
/// Set-) at -ThrottleLimit, through faults, stops and re-runs, with one transaction per row and results in input order.
/// </summary>
public sealed class BulkWriteTests
{
    private const string BulkCreate = "$input | New-CustomerBalanceTransaction -ThrottleLimit 8 -IdempotencyKeyPrefix $Prefix";

    [Fact]
    public async Task A_thousand_rows_at_throttle_8_through_every_kind_of_fault_end_in_a_thousand_transactions_and_a_rerun_creates_none()
    {
        await using var session = await HostedSession.StartAsync();
        var credits = CreditRows.For(session, 1_000, customers: 20);
        foreach (var customer in credits.Customers)
        {
            // Aimed at each customer's path, so the faults are spread over the whole run rather than its first requests.
            var path = "/" + customer + "/";
            session.Server.Faults.Enqueue(Fault.ResetAfterCommit(), "POST", path);
            session.Server.Faults.Enqueue(Fault.Status(500), "POST", path);
            for (var storm = 0; storm < 4; storm++)
            {
                session.Server.Faults.Enqueue(Fault.RateLimit(), "POST", path);
            }

            session.Server.Faults.Enqueue(Fault.DelayAfterCommit(TimeSpan.FromSeconds(2.5)), "POST", path);
        }

        session.SetVariable("Prefix", "faults-run");
        var script = BulkCreate + " -MaxNetworkRetries 5 -TimeoutSec 1";

        var first = session.Run(script, credits.Rows).AssertClean();
        var firstRequests = session.Server.Requests.Count;
        var rerun = session.Run(script, credits.Rows).AssertClean();
        var rerunRequests = session.Server.Requests.Snapshot().Skip(firstRequests).ToList();

        Assert.Equal(0, session.Server.Faults.Pending);
        Assert.Equal(credits.Descriptions, first.Output.Select(t => (string)t.Properties["Description"].Value));
        credits.AssertEachRowStoredOnce(session.Server);
        Assert.Equal(first.Ids(), rerun.Ids());
        Assert.Equal(1_000, rerunRequests.Count);
        Assert.All(rerunRequests, request => Assert.Equal(200, request.Status));
    }

    [Fact]
    public async Task A_run_killed_part_way_and_run_again_with_the_same_prefix_ends_with_exactly_one_transaction_per_row()
    {
        await using var session = await HostedSession.StartAsync(latency: TimeSpan.FromMilliseconds(40));
        var credits = CreditRows.For(session, 1_000, customers: 10);

        var (_, storedWhenStopped, rerun) = await StopPartWayThenRunAgainAsync(session, credits, "killed-run", 200, child => child.KillAsync());

        Assert.InRange(storedWhenStopped, 200, 999);
        Assert.Equal(credits.Descriptions, rerun);
        credits.AssertEachRowStoredOnce(session.Server);
    }

    [Fact]
    public async Task Results_come_in_input_order_although_the_server_answers_out_of_order()
    {
        await using var session = await HostedSession.StartAsync();
        session.Server.LatencyJitter = TimeSpan.FromMilliseconds(60);
        var credits = CreditRows.For(session, 80, customers: 4);
        session.SetVariable("Prefix", "ordered");

        var result = session.Run(BulkCreate, credits.Rows).AssertClean();

        Assert.Equal(credits.Descriptions, result.Output.Select(t => (string)t.Properties["Description"].Value));
        Assert.All(result.Output, t => Assert.Equal("usd", t.Properties["Currency"].Value));
        Assert.Contains(result.Progress, p => p.Activity == "Creating balance transactions" && p.StatusDescription.Contains(" rows done", StringComparison.Ordinal));
        Assert.Equal(ProgressRecordType.Completed, result.Progress[^1].RecordType);
        credits.AssertEachRowStoredOnce(session.Server);
    }

    [Fact]
    public async Task Bad_rows_are_refused_before_sending_one_error_each_and_the_other_rows_are_sent()
    {
        await using var session = await HostedSession.StartAsync();
        var credits = CreditRows.For(session, 6, customers: 2);
        var customer = credits.Customers[0];
        var bad = new[]
        {
            Rows.Row(("Customer", customer), ("Amount", string.Empty), ("Currency", "usd"), ("Description", "no amount")),
            Rows.Row(("Customer", customer), ("Amount", "-500"), ("Currency", string.Empty), ("Description", "no currency")),
            Rows.Row(("Customer", customer), ("Amount", "-12.5"), ("Currency", "usd"), ("Description", "fractional")),
            Rows.Row(("Customer", customer), ("Amount", "-500"), ("Currency", "dollars"), ("Description", "bad currency")),
            Rows.Row(("Customer", "acct_1Nv0FGQ9RKHgCVdK"), ("Amount", "-500"), ("Currency", "usd"), ("Description", "not a customer")),
        };
        var rows = credits.Rows.Take(3).Concat(bad).Concat(credits.Rows.Skip(3)).ToList();
        session.SetVariable("Prefix", "bad-rows");

        var result = session.Run(BulkCreate, rows);

        Assert.Equal(bad.Length, result.Errors.Count);
        Assert.Null(result.Terminating);
        Assert.Equal(credits.Descriptions, result.Output.Select(t => (string)t.Properties["Description"].Value));
        Assert.Equal(credits.Rows.Count, session.Server.Requests.Count);
        credits.AssertEachRowStoredOnce(session.Server);
    }

    [Fact]
    public async Task A_failed_row_is_one_error_naming_its_position_and_key_and_the_others_go_on()
    {
        await using var session = await HostedSession.StartAsync();
        var credits = CreditRows.For(session, 30, customers: 3);
        var missing = Rows.Row(("Customer", "cus_NoSuchCustomer01"), ("Amount", "-100"), ("Currency", "usd"), ("Description", "missing customer"));
        session.SetVariable("Prefix", "one-fails");

        var result = session.Run(BulkCreate, credits.Rows.Take(9).Append(missing).Concat(credits.Rows.Skip(9)));

        var error = result.SingleError();
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("cus_NoSuchCustomer01", error.TargetObject);
        Assert.StartsWith("Row 10 (cus_NoSuchCustomer01, idempotency key one-fails-", PipelineResult.Message(error), StringComparison.Ordinal);
        Assert.Equal(credits.Descriptions, result.Output.Select(t => (string)t.Properties["Description"].Value));
    }

    [Fact]
    public async Task With_ErrorAction_Stop_no_row_is_sent_after_the_first_failure_and_those_under_way_are_written()
    {
        await using var session = await HostedSession.StartAsync(latency: TimeSpan.FromMilliseconds(30));
        var credits = CreditRows.For(session, 200, customers: 4);
        var missing = Rows.Row(("Customer", "cus_NoSuchCustomer01"), ("Amount", "-100"), ("Currency", "usd"), ("Description", "missing customer"));
        session.SetVariable("Prefix", "stops");

        var result = session.Run(BulkCreate + " -ErrorAction Stop", credits.Rows.Take(49).Append(missing).Concat(credits.Rows.Skip(49)));

        Assert.IsType<ActionPreferenceStopException>(result.Terminating);
        var message = PipelineResult.Message(result.SingleError());
        Assert.StartsWith("Row 50 (cus_NoSuchCustomer01, idempotency key stops-", message, StringComparison.Ordinal);
        Assert.Contains("no row was sent once it was seen", message, StringComparison.Ordinal);
        var written = result.Output.Select(t => (string)t.Properties["Description"].Value).ToList();
        Assert.Equal(credits.Descriptions.Take(49), written.Take(49));
        Assert.Equal(credits.StoredDescriptions(session.Server).OrderBy(d => d, StringComparer.Ordinal), written.OrderBy(d => d, StringComparer.Ordinal));
        Assert.InRange(session.Server.Requests.Snapshot().Count(r => r.Method == "POST"), 50, 50 + 8);
    }

    [Fact]
    public async Task A_row_whose_values_changed_under_the_same_key_gets_Stripes_idempotency_error_in_plain_words()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer();
        var first = Rows.Row(("Customer", customer), ("Amount", "-500"), ("Currency", "usd"), ("IdempotencyKey", "credit-2026-11-42"));
        var changed = Rows.Row(("Customer", customer), ("Amount", "-700"), ("Currency", "usd"), ("IdempotencyKey", "credit-2026-11-42"));
        session.Run("$input | New-CustomerBalanceTransaction", new[] { first }).AssertClean();

        var error = session.Run("$input | New-CustomerBalanceTransaction -ThrottleLimit 4", new[] { changed }).SingleError();

        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("Keys for idempotent requests can only be used with the same parameters they were first used with", PipelineResult.Message(error), StringComparison.Ordinal);
        Assert.Contains("give it a new key", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(1, session.Server.Store.CountTransactions(customer));
        Assert.Equal(-500, session.Server.Store.Balance(customer));
    }

    [Fact]
    public async Task A_row_refused_while_binding_under_ErrorAction_Stop_lets_the_rows_under_way_finish_and_names_them()
    {
        AnsweringHost? host = null;
        await using var session = await HostedSession.StartAsync(latency: TimeSpan.FromMilliseconds(100), host: _ => host = new AnsweringHost(_ => true, () => 0));
        var credits = CreditRows.For(session, 100, customers: 4);
        var fractional = Rows.Row(("Customer", credits.Customers[0]), ("Amount", "-12.5"), ("Currency", "usd"), ("Description", "fractional"));
        session.SetVariable("Prefix", "binding-stop");

        var result = session.Run(BulkCreate + " -ErrorAction Stop", credits.Rows.Take(49).Append(fractional).Concat(credits.Rows.Skip(49)));

        Assert.NotNull(result.Terminating);
        var written = result.Output.Select(t => (string)t.Properties["Description"].Value).ToHashSet(StringComparer.Ordinal);
        var unwritten = credits.StoredDescriptions(session.Server).Where(d => !written.Contains(d)).ToList();
        Assert.NotEmpty(unwritten);
        Assert.Contains($"could be written: ", host!.ErrorLines, StringComparison.Ordinal);
        Assert.All(unwritten, description => Assert.Contains($"row {int.Parse(description[^4..], System.Globalization.CultureInfo.InvariantCulture)} (", host.ErrorLines, StringComparison.Ordinal));
        Assert.Equal(0, session.Server.Requests.InFlight);
    }

    [Fact]
    public async Task WhatIf_sends_nothing_at_any_throttle_limit()
    {
        await using var session = await HostedSession.StartAsync();
        var credits = CreditRows.For(session, 40, customers: 2);
        session.SetVariable("Prefix", "what-if");

        var result = session.Run(BulkCreate + " -WhatIf", credits.Rows).AssertClean();

        Assert.Empty(result.Output);
        Assert.Equal(0, session.Server.Requests.Count);
    }

    [Fact]
    public async Task Confirm_asks_for_each_row_on_the_pipeline_thread_before_that_row_is_sent_and_only_confirmed_rows_are_created()
    {
        AnsweringHost? host = null;
        await using var session = await HostedSession.StartAsync(latency: TimeSpan.FromMilliseconds(50), host: server =>
            host = new AnsweringHost(message => Odd(message), () => server.Requests.Snapshot().Count(r => r.Method == "POST")));
        var credits = CreditRows.For(session, 12, customers: 3);
        session.SetVariable("Prefix", "confirmed");

        var result = session.Run(BulkCreate + " -Confirm", credits.Rows).AssertClean();

        var prompts = host!.Prompts;
        Assert.Equal(12, prompts.Count);
        Assert.Single(prompts.Select(p => p.Thread).Distinct());
        for (var row = 0; row < prompts.Count; row++)
        {
            // When row n+1 is asked about, at most the n rows before it can have been sent, and only those confirmed.
            Assert.InRange(prompts[row].Observed, 0, (row + 1) / 2);
        }

        var confirmed = credits.Descriptions.Where((_, index) => index % 2 == 0).ToList();
        Assert.Equal(confirmed, result.Output.Select(t => (string)t.Properties["Description"].Value));
        Assert.Equal(confirmed.OrderBy(d => d, StringComparer.Ordinal), credits.StoredDescriptions(session.Server).OrderBy(d => d, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ctrl_C_in_pwsh_cancels_the_rows_under_way_names_them_with_their_keys_and_a_rerun_completes_the_file_once()
    {
        await using var session = await HostedSession.StartAsync(latency: TimeSpan.FromMilliseconds(100));
        var credits = CreditRows.For(session, 300, customers: 5);

        var (printed, _, rerun) = await StopPartWayThenRunAgainAsync(session, credits, "interrupted", 40, child =>
        {
            child.Interrupt();
            return Task.CompletedTask;
        });

        Assert.Contains("under way, which Stripe may or may not have applied: row ", printed, StringComparison.Ordinal);
        Assert.Contains("idempotency key interrupted-", printed, StringComparison.Ordinal);
        Assert.Null(KeyCanary.FindLeak(printed));
        Assert.Equal(credits.Descriptions, rerun);
        credits.AssertEachRowStoredOnce(session.Server);
    }

    [Fact]
    public async Task Get_piped_into_Set_updates_every_transaction_concurrently_in_input_order()
    {
        await using var session = await HostedSession.StartAsync();
        session.Server.LatencyJitter = TimeSpan.FromMilliseconds(40);
        var customer = session.Customer(150);
        session.SetVariable("Customer", customer);

        var result = session.Run("Get-CustomerBalanceTransaction $Customer -All | Set-CustomerBalanceTransaction -Description reviewed -ThrottleLimit 8 -IdempotencyKeyPrefix review").AssertClean();

        Assert.Equal(session.Server.TransactionIdsNewestFirst(customer), result.Ids());
        Assert.All(session.Server.TransactionsNewestFirst(customer), t => Assert.Equal("reviewed", t.Description));
    }

    /// <summary>
    /// Runs the rows as a CSV file through pwsh, stops that process with <paramref name="stop"/> once
    /// <paramref name="stopAfter"/> rows are stored, then runs the same file again with the same prefix in a new pwsh.
    /// Gives what the stopped run printed as errors, how many rows were stored when it stopped, and the descriptions
    /// the second run wrote.
    /// </summary>
    private static async Task<(string Printed, int StoredWhenStopped, IReadOnlyList<string> Rerun)> StopPartWayThenRunAgainAsync(
        HostedSession session, CreditRows credits, string prefix, int stopAfter, Func<PwshProcess, Task> stop)
    {
        using var file = CreditFile.Write(credits);
        var command = $"Import-Csv -LiteralPath '{file.Path}' | New-CustomerBalanceTransaction -ApiBaseUri '{session.BaseUri}' -ThrottleLimit 8 -IdempotencyKeyPrefix {prefix} -MaxRequestsPerSecond 0";
        string printed;
        using (var child = PwshProcess.Start(command, KeyCanary.ServerKey))
        {
            await PagingTests.WaitUntil(() => credits.StoredDescriptions(session.Server).Count >= stopAfter || child.HasExited, TimeSpan.FromSeconds(60));
            await stop(child);
            printed = await child.ErrorsAsync();
        }

        var storedWhenStopped = credits.StoredDescriptions(session.Server).Count;
        using var rerun = PwshProcess.Start(command + " | ForEach-Object Description", KeyCanary.ServerKey);
        return (printed, storedWhenStopped, await rerun.OutputAsync());
    }

    // Rows 1, 3, 5 … are credits of -1, -3, -5 …: the prompt names the amount.
    private static bool Odd(string message) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(message, "of -(\\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) % 2 == 1;
}
