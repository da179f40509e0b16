using BalanceTools.HelpBuilder;

// Usage: dotnet run --project tools/BalanceTools.HelpBuilder -- [docs/en-US] [en-US/BalanceTools.dll-Help.xml]
var docs = args.Length > 0 ? args[0] : Path.Combine("docs", "en-US");
var output = args.Length > 1 ? args[1] : Path.Combine("en-US", "BalanceTools.dll-Help.xml");
File.WriteAllText(output, HelpGenerator.RenderMaml(docs));
Console.WriteLine($"Wrote {output} from {docs}.");
