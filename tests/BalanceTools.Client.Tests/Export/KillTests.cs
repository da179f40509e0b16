using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using BalanceTools.FakeStripe;
using Xunit.Abstractions;

namespace BalanceTools.Client.Tests;

/// <summary>
/// The export into a file killed outright (SIGKILL, as a host crash, an out-of-memory kill or a worker restart does)
/// at random moments, in its own process (the CLI, whose --out is Export-CustomerBalanceTransaction's engine), and
/// restarted each time with the same path, while customers are deleted between and during runs: the finished file holds
/// every transaction exactly once, one header and no torn row.
/// </summary>
public sealed class KillTests : IDisposable
{
    private const int Kills = 22;
    // A whole row: the quoted id, then every other column, quoted or (without a value) empty, as Export-Csv writes them.
    private static readonly Regex CsvRow = new("^\"(?:[^\"]|\"\")*\"(?:,(?:\"(?:[^\"]|\"\")*\")?){" + (TransactionFields.Columns.Count - 1) + "}$", RegexOptions.Compiled);

    private readonly ITestOutputHelper output;
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "kill-" + Guid.NewGuid().ToString("N"))).FullName;

    public KillTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonlines")]
    public async Task Killed_at_random_moments_and_restarted_the_export_ends_with_every_row_exactly_once(string format)
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions { Latency = TimeSpan.FromMilliseconds(40) });
        var random = new Random(format.Length * 7919);
        var customers = server.Store.SeedCustomers(Enumerable.Range(0, 110).Select(_ => random.Next(301)).ToArray(), perSecond: 5);
        var expected = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var customer in customers)
        {
            expected[customer] = await NewestFirstAsync(server, customer);
        }

        var path = Path.Combine(folder, "account." + format);
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        var kills = 0;
        var runs = 0;
        var refusedConcurrent = false;
        var refusedOtherFormat = false;
        while (kills < Kills)
        {
            runs++;
            using var child = Start(server, path, format);
            var moment = kills % 3;
            if (kills == 5)
            {
                Assert.True(await child.WaitForLineAsync("committed"), child.Errors);
                refusedConcurrent = await RefusedAsync(server, path, format, "Another export is writing");
            }

            if (kills % 4 == 1)
            {
                _ = DeleteLaterAsync(server, customers, deleted, random, TimeSpan.FromMilliseconds(random.Next(20, 300)));
            }

            // A third of the kills right after a commit, a third as one starts (during its flush), a third at a random moment.
            var killed = moment switch
            {
                0 => await child.KillAfterLineAsync("committed", random.Next(1, 4)),
                1 => await child.KillAfterLineAsync("committing", random.Next(1, 4)),
                _ => await child.KillAfterAsync(TimeSpan.FromMilliseconds(random.Next(150, 700))),
            };
            Assert.True(killed, $"run {runs} ended before it could be killed ({child.Errors})");
            kills++;
            DeleteCursorOrInProgressCustomer(server, path, deleted, kills);
            if (kills == 9)
            {
                refusedOtherFormat = await RefusedAsync(server, path, format == "csv" ? "jsonlines" : "csv", "format is");
            }
        }

        await DiskFullAsync(server, path, format);
        using (var last = Start(server, path, format))
        {
            Assert.Equal(0, await last.WaitAsync());
            runs++;
        }

        var finishedBytes = await File.ReadAllBytesAsync(path);
        using (var after = Start(server, path, format))
        {
            Assert.Equal(0, await after.WaitAsync());
            Assert.Contains("finished by an earlier run; nothing to do", after.Errors);
        }

        var (ids, torn, headers) = Read(path, format);
        var duplicates = ids.Count - ids.Distinct().Count();
        var missing = customers.Where(customer => !deleted.Contains(customer)).SelectMany(customer => expected[customer]).Except(ids).Count();
        var partial = deleted.Where(customer => !ids.Where(id => expected[customer].Contains(id)).SequenceEqual(expected[customer].Take(ids.Count(id => expected[customer].Contains(id))))).ToList();
        output.WriteLine($"kill test ({format}): {kills} kills, {runs} runs, {ids.Count} rows, {duplicates} duplicates, {missing} missing, {torn} torn, {headers} header(s), {deleted.Count} customers deleted, concurrent run refused: {refusedConcurrent}, other format refused: {refusedOtherFormat}");
        Assert.Equal(0, duplicates);
        Assert.Equal(0, missing);
        Assert.Equal(0, torn);
        Assert.Equal(format == "csv" ? 1 : 0, headers);
        Assert.Empty(partial);
        Assert.True(refusedConcurrent, "a second run on the same file was not refused");
        Assert.True(refusedOtherFormat, "a run in another format was not refused");
        Assert.Equal(finishedBytes, await File.ReadAllBytesAsync(path));
        var expectedOrder = customers.Reverse().SelectMany(customer => expected[customer]).Where(ids.Contains).ToList();
        Assert.Equal(expectedOrder, ids);
    }

    private static async Task<List<string>> NewestFirstAsync(FakeStripeServer server, string customer)
    {
        using var client = new CustomerBalanceTransactionClient(StripeFixture.ClientOptions(server));
        return (await ListTests.ToListAsync(client.ListAutoPagingAsync(customer))).Select(t => t.Id).ToList();
    }

    // The run stops with a plain error when the disk fills (a file-size limit for the child, as ulimit -f gives), and
    // the next run repairs the file from its last commit.
    private async Task DiskFullAsync(FakeStripeServer server, string path, string format)
    {
        var limitKiB = (new FileInfo(path).Length / 1024) + 48;
        // SIGXFSZ ignored, so a write past the limit fails (EFBIG) rather than killing the process; and no W^X double
        // mapping, whose memory file the runtime could not size under the limit.
        using var child = Start(server, path, format, $"trap '' XFSZ; ulimit -f {limitKiB} && DOTNET_EnableWriteXorExecute=0 exec");
        var exit = await child.WaitAsync();
        output.WriteLine($"disk full at {limitKiB} KiB: exit {exit}: {child.Errors.Trim()}");
        Assert.Equal(1, exit);
        Assert.Contains("File too large", child.Errors, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Run the same command again to continue the file from its last commit.", child.Errors);
    }

    private static async Task<bool> RefusedAsync(FakeStripeServer server, string path, string format, string reason)
    {
        using var second = Start(server, path, format);
        var exit = await second.WaitAsync();
        return exit == 1 && second.Errors.Contains(reason, StringComparison.Ordinal);
    }

    private static async Task DeleteLaterAsync(FakeStripeServer server, IReadOnlyList<string> customers, HashSet<string> deleted, Random random, TimeSpan after)
    {
        await Task.Delay(after);
        string victim;
        lock (deleted)
        {
            victim = customers[random.Next(customers.Count)];
            deleted.Add(victim);
        }

        server.Store.DeleteCustomer(victim);
    }

    // Between runs, the customer the listing would resume after, or the one in progress, is deleted.
    private static void DeleteCursorOrInProgressCustomer(FakeStripeServer server, string path, HashSet<string> deleted, int kills)
    {
        var checkpoint = TransactionFileExport.CheckpointPathFor(path);
        if (!File.Exists(checkpoint) || kills % 2 == 1)
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(checkpoint));
        var root = document.RootElement;
        var victim = kills % 4 == 0 && root.GetProperty("customer_in_progress").GetString() is { } inProgress
            ? inProgress
            : root.TryGetProperty("customer_position", out var position) ? position.GetProperty("ids").EnumerateArray().Last().GetString() : null;
        if (victim is not null)
        {
            lock (deleted)
            {
                deleted.Add(victim);
            }

            server.Store.DeleteCustomer(victim);
        }
    }

    private static (List<string> Ids, int Torn, int Headers) Read(string path, string format)
    {
        var ids = new List<string>();
        var torn = 0;
        var headers = 0;
        var header = string.Join(",", TransactionFields.Columns.Select(name => "\"" + name + "\""));
        foreach (var line in File.ReadAllText(path).Split('\n', StringSplitOptions.None).SkipLast(1))
        {
            if (format == "csv")
            {
                if (line == header)
                {
                    headers++;
                }
                else if (CsvRow.IsMatch(line))
                {
                    ids.Add(line.Split(',')[0].Trim('"'));
                }
                else
                {
                    torn++;
                }

                continue;
            }

            try
            {
                ids.Add(JsonDocument.Parse(line).RootElement.GetProperty("Id").GetString()!);
            }
            catch (JsonException)
            {
                torn++;
            }
        }

        if (!File.ReadAllText(path).EndsWith('\n'))
        {
            torn++;
        }

        return (ids, torn, headers);
    }

    private static ChildExport Start(FakeStripeServer server, string path, string format, string? shellPrefix = null)
    {
        var arguments = new[] { CliTests.CliAssembly(), "export", "--all-customers", "--out", path, "--format", format, "--throttle", "2", "--commit-interval", "20", "--verbose", "--api-base", server.BaseUri.ToString() };
        var start = shellPrefix is null ? new ProcessStartInfo("dotnet") : new ProcessStartInfo("bash");
        if (shellPrefix is null)
        {
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(shellPrefix + " dotnet " + string.Join(" ", arguments.Select(argument => "'" + argument + "'")));
        }

        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        start.Environment["STRIPE_API_KEY"] = server.ApiKey;
        start.Environment["STRIPE_MAX_REQUESTS_PER_SECOND"] = "0";
        return new ChildExport(Process.Start(start)!);
    }

    /// <summary>A CLI export in its own process, its error stream read line by line.</summary>
    private sealed class ChildExport : IDisposable
    {
        private readonly Process process;
        private readonly System.Text.StringBuilder errors = new();
        private readonly System.Threading.Channels.Channel<string> lines = System.Threading.Channels.Channel.CreateUnbounded<string>();

        public ChildExport(Process process)
        {
            this.process = process;
            process.ErrorDataReceived += (_, line) =>
            {
                if (line.Data is null)
                {
                    lines.Writer.TryComplete();
                    return;
                }

                lock (errors)
                {
                    errors.AppendLine(line.Data);
                }

                lines.Writer.TryWrite(line.Data);
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
        }

        public string Errors
        {
            get
            {
                lock (errors)
                {
                    return errors.ToString();
                }
            }
        }

        /// <summary>Waits for the next line starting with <paramref name="prefix"/>; false when the process ended first.</summary>
        public async Task<bool> WaitForLineAsync(string prefix)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await foreach (var line in lines.Reader.ReadAllAsync(timeout.Token))
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Kills the process with SIGKILL as soon as the <paramref name="count"/>-th line starting with <paramref name="prefix"/> arrives; false when it ended first.</summary>
        public async Task<bool> KillAfterLineAsync(string prefix, int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await foreach (var line in lines.Reader.ReadAllAsync(timeout.Token))
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal) && --count == 0)
                {
                    return Kill();
                }
            }

            return false;
        }

        /// <summary>Kills the process with SIGKILL <paramref name="delay"/> after its first commit; false when it ended first.</summary>
        public async Task<bool> KillAfterAsync(TimeSpan delay)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await foreach (var line in lines.Reader.ReadAllAsync(timeout.Token))
            {
                if (line.StartsWith("committed", StringComparison.Ordinal))
                {
                    break;
                }
            }

            await Task.Delay(delay);
            return Kill();
        }

        public async Task<int> WaitAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode;
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        private bool Kill()
        {
            if (process.HasExited)
            {
                return false;
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return true;
        }
    }
}
