using System.Runtime.InteropServices;
using System.Text.Json;
using BalanceTools.Client;

namespace BalanceTools.Desktop.Tests;

public sealed class WireTests
{
    private const string Key = "sk_test_scripted_0123456789abcdef";

    [Fact]
    public async Task Every_request_carries_bearer_auth_the_pinned_version_and_user_agents_and_only_a_post_an_idempotency_key()
    {
        using var server = new ScriptedServer(new ScriptedResponse(200, StripeJson.Transaction("cbtxn_wire", -500)));
        using var desktop = new DesktopClient(server.BaseUri, Key);
        var create = DesktopClient.Usd(-500, "100% café+tea");
        create.Metadata["order_id"] = "6735";

        await desktop.Client.CreateAsync("cus_wire", create);
        await desktop.Client.RetrieveAsync("cus_wire", "cbtxn_wire");

        var post = server.Requests[0];
        var get = server.Requests[1];
        Assert.Equal("POST", post.Method);
        Assert.Equal("/v1/customers/cus_wire/balance_transactions", post.Target);
        Assert.Equal("amount=-500&currency=usd&description=100%25%20caf%C3%A9%2Btea&metadata[order_id]=6735", post.Body);
        Assert.StartsWith("application/x-www-form-urlencoded", post.Headers["content-type"]);
        Assert.True(Guid.TryParse(post.Headers["idempotency-key"], out _));
        Assert.Equal("GET", get.Method);
        Assert.False(get.Headers.ContainsKey("idempotency-key"));
        foreach (var request in new[] { post, get })
        {
            Assert.Equal("Bearer " + Key, request.Headers["authorization"]);
            Assert.Equal(StripeDefaults.ApiVersion, request.Headers["stripe-version"]);
            Assert.Matches(@"^BalanceTools/\d+\.\d+\.\d+ RestSharp/114\.1\.0$", request.Headers["user-agent"]);
            Assert.False(request.Headers.ContainsKey("stripe-account"));
            using var clientAgent = JsonDocument.Parse(request.Headers["x-stripe-client-user-agent"]);
            Assert.Equal(".net", clientAgent.RootElement.GetProperty("lang").GetString());
            Assert.Equal(RuntimeInformation.FrameworkDescription, clientAgent.RootElement.GetProperty("lang_version").GetString());
        }
    }

    [Fact]
    public async Task A_redirect_is_not_followed_so_the_key_never_travels_elsewhere()
    {
        using var elsewhere = new ScriptedServer(new ScriptedResponse(200, StripeJson.Transaction("cbtxn_elsewhere", 1)));
        using var server = new ScriptedServer(new ScriptedResponse(302, "{}", new Uri(elsewhere.BaseUri, "v1/customers/cus_wire/balance_transactions/cbtxn_wire")));
        using var desktop = new DesktopClient(server.BaseUri, Key, o => o.MaxNetworkRetries = 0);

        var error = await Assert.ThrowsAsync<StripeException>(() => desktop.Client.RetrieveAsync("cus_wire", "cbtxn_wire"));

        Assert.Equal(302, error.HttpStatus);
        Assert.Single(server.Requests);
        Assert.Empty(elsewhere.Requests);
    }
}
