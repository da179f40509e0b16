using BalanceTools.Client;

namespace BalanceTools.Desktop.Tests;

[Collection(FakeStripeCollection.Name)]
public sealed class CreateAndUpdateTests(FakeStripeProcess stripe)
{
    [Fact]
    public async Task Create_sends_a_stripe_form_body_and_returns_the_transaction_with_the_new_balance()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe);
        var options = DesktopClient.Usd(-500, "Goodwill credit & refund");
        options.Metadata["order_id"] = "6735";
        options.Metadata["note key"] = "a b";
        options.Expand.Add("customer");

        var created = await desktop.Client.CreateAsync(customer, options);

        Assert.StartsWith("cbtxn_", created.Id);
        Assert.Equal(-500, created.Amount);
        Assert.Equal("usd", created.Currency);
        Assert.Equal("Goodwill credit & refund", created.Description);
        Assert.Equal(-500, created.EndingBalance);
        Assert.Equal("adjustment", created.Type);
        Assert.Equal(new Dictionary<string, string> { ["order_id"] = "6735", ["note key"] = "a b" }, created.Metadata);
        Assert.Equal(-500L, created.ExpandedCustomer!.Fields["balance"]);
        var request = Assert.Single(await stripe.RequestsAsync(customer));
        Assert.Equal("POST", request.Method);
        Assert.Equal(
            "amount=-500&currency=usd&description=Goodwill%20credit%20%26%20refund&metadata[order_id]=6735&metadata[note%20key]=a%20b&expand[0]=customer",
            request.Body);
    }

    [Fact]
    public async Task Update_unsets_a_key_with_an_empty_value_and_clears_all_with_an_empty_metadata_parameter()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe);
        var create = DesktopClient.Usd(100);
        create.Metadata["keep"] = "1";
        create.Metadata["drop"] = "2";
        var created = await desktop.Client.CreateAsync(customer, create);

        var unset = new UpdateOptions { Description = "renamed" };
        unset.Metadata["drop"] = null;
        unset.Metadata["added"] = "3";
        var updated = await desktop.Client.UpdateAsync(customer, created.Id, unset);
        var cleared = await desktop.Client.UpdateAsync(customer, created.Id, new UpdateOptions { ClearMetadata = true });
        var reread = await desktop.Client.RetrieveAsync(customer, created.Id);

        var requests = await stripe.RequestsAsync(customer);
        Assert.Equal("description=renamed&metadata[drop]=&metadata[added]=3", requests[1].Body);
        Assert.Equal("metadata=", requests[2].Body);
        Assert.Equal(new Dictionary<string, string> { ["keep"] = "1", ["added"] = "3" }, updated.Metadata);
        Assert.Equal("renamed", updated.Description);
        Assert.Empty(cleared.Metadata);
        Assert.Empty(reread.Metadata);
        Assert.Equal("renamed", reread.Description);
    }
}
