using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using BalanceTools.FakeStripe;

namespace BalanceTools.Module.Tests;

public sealed class DependencyIsolationTests
{
    [Fact]
    public async Task The_staged_client_uses_its_own_restsharp_while_another_version_is_loaded_in_the_default_context()
    {
        var conflicting = AssemblyLoadContext.Default.LoadFromAssemblyPath(StagedModule.ConflictingRestSharp);
        var cmdlets = AssemblyLoadContext.Default.LoadFromAssemblyPath(StagedModule.CmdletAssembly("core"));
        var privateContext = (AssemblyLoadContext)cmdlets.GetType("BalanceTools.DependencyLoadContext", throwOnError: true)!
            .GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        var client = privateContext.LoadFromAssemblyName(new AssemblyName("BalanceTools.Client"));
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        server.Store.Seed(customer, 3);
        var transactions = await ListThroughPrivateClient(client, server, customer);

        Assert.Equal(3, transactions.Count);
        Assert.Same(privateContext, AssemblyLoadContext.GetLoadContext(client));
        var privateRestSharp = privateContext.Assemblies.Single(a => a.GetName().Name == "RestSharp");
        Assert.Equal(new Version(114, 1, 0, 0), privateRestSharp.GetName().Version);
        Assert.Equal(Path.Combine(StagedModule.Dependencies("core"), "RestSharp.dll"), privateRestSharp.Location);
        var defaultRestSharp = AssemblyLoadContext.Default.Assemblies.Where(a => a.GetName().Name == "RestSharp").ToList();
        Assert.Equal(new[] { conflicting }, defaultRestSharp);
        Assert.Equal(99, conflicting.GetName().Version!.Major);
    }

    [Fact]
    public void The_private_context_defers_runtime_assemblies_to_the_default_context()
    {
        var cmdlets = AssemblyLoadContext.Default.LoadFromAssemblyPath(StagedModule.CmdletAssembly("core"));
        var privateContext = (AssemblyLoadContext)cmdlets.GetType("BalanceTools.DependencyLoadContext", throwOnError: true)!
            .GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        var json = privateContext.LoadFromAssemblyName(new AssemblyName("System.Text.Json"));

        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(json));
    }

    private static async Task<List<object>> ListThroughPrivateClient(Assembly client, FakeStripeServer server, string customer)
    {
        var optionsType = client.GetType("BalanceTools.Client.StripeClientOptions", throwOnError: true)!;
        var options = Activator.CreateInstance(optionsType)!;
        optionsType.GetProperty("ApiKey")!.SetValue(options, Activator.CreateInstance(client.GetType("BalanceTools.Client.StripeApiKey", throwOnError: true)!, server.ApiKey));
        optionsType.GetProperty("BaseUri")!.SetValue(options, server.BaseUri);
        var clientType = client.GetType("BalanceTools.Client.CustomerBalanceTransactionClient", throwOnError: true)!;
        using var instance = (IDisposable)Activator.CreateInstance(clientType, options)!;

        var task = (Task)clientType.GetMethod("ListAsync")!.Invoke(instance, new object?[] { customer, null, null, CancellationToken.None })!;
        await task;
        var page = task.GetType().GetProperty("Result")!.GetValue(task)!;
        return ((IEnumerable)page.GetType().GetProperty("Data")!.GetValue(page)!).Cast<object>().ToList();
    }
}
