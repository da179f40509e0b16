using BalanceTools.Benchmarks;

// dotnet run -c Release --project tests/BalanceTools.Benchmarks [-- smoke]
if (args.Length > 0 && args[0] == ChildRun.Verb)
{
    return await ChildRun.RunAsync(args);
}

if (args.Length > 0 && args[0] == ExportScenario.Verb)
{
    return await ExportScenario.RunChildAsync(args);
}

var smoke = args.Contains("smoke");
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
