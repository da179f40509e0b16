using BalanceTools.Benchmarks;

// dotnet run -c Release --project tests/BalanceTools.Benchmarks [-- smoke | transport]
if (args.Length > 0 && args[0] == TransportSection.Verb)
{
    return await TransportSection.RunAsync(Console.Out) ? 0 : 1;
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
var met = await new BenchmarkRun(smoke, Console.Out).RunAsync();
Console.WriteLine(smoke
    ? "Smoke mode only shows that the benchmark runs; its runs are too short to judge the targets."
    : met ? "All targets met." : "Some targets were missed (MISS above).");
return 0;
