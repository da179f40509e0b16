using BalanceTools.Benchmarks;

// dotnet run -c Release --project tests/BalanceTools.Benchmarks [-- smoke | writes [smoke] | whole-account [smoke] | file-export [smoke] | transport]
if (args.Length > 0 && args[0] == TransportSection.Verb)
{
    // The transport section alone (under a minute): single calls in a loop against piped, connections, handshakes.
    await TransportSection.RunAsync(Console.Out);
    return 0;
}

if (args.Length > 0 && args[0] == ChildRun.Verb)
{
    return await ChildRun.RunAsync(args);
}

if (args.Length > 0 && args[0] == ExportScenario.Verb)
{
    return await ExportScenario.RunChildAsync(args);
}

var smoke = args.Contains("smoke");
if (args.Length > 0 && args[0] == WriteSection.Verb)
{
    // The bulk-write section alone: dotnet run -c Release --project tests/BalanceTools.Benchmarks -- writes [smoke]
    var writesMet = await new WriteSection(smoke, Console.Out).RunAsync();
    Console.WriteLine(writesMet ? "All bulk-write targets met." : "Some bulk-write targets were missed (MISS above).");
    return 0;
}

if (args.Contains("whole-account"))
{
    // The whole-account section alone (about nine minutes; with smoke, seconds), for work on the export engine and the rate limiter.
    var accountMet = await new WholeAccountSection(smoke, Console.Out).RunAsync();
    Console.WriteLine(accountMet ? "All targets met." : "Some targets were missed (MISS above).");
    return 0;
}

if (args.Length > 0 && args[0] == "file-export")
{
    // Only the file export section: dotnet run -c Release --project tests/BalanceTools.Benchmarks -- file-export [smoke]
    return await new FileExportSection(smoke, Console.Out).RunAsync() ? 0 : 1;
}

var met = await new BenchmarkRun(smoke, Console.Out).RunAsync();
Console.WriteLine(smoke
    ? "Smoke mode only shows that the benchmark runs; its runs are too short to judge the targets."
    : met ? "All targets met." : "Some targets were missed (MISS above).");
return 0;
