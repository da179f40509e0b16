namespace BalanceTools.Module.Tests;

public sealed class CmdletMetadataTests
{
    private const int ConfirmImpactMedium = 2;

    public static TheoryData<string> Editions => new() { "core", "desktop" };

    [Theory]
    [MemberData(nameof(Editions))]
    public void The_manifest_exports_exactly_the_cmdlets_in_the_assembly(string edition)
    {
        using var catalog = new CmdletCatalog(edition);

        Assert.Equal(
            StagedModule.Manifest.List("CmdletsToExport").OrderBy(n => n),
            catalog.Cmdlets.Select(c => c.Name).OrderBy(n => n));
        Assert.Empty(StagedModule.Manifest.List("FunctionsToExport"));
        Assert.Empty(StagedModule.Manifest.List("AliasesToExport"));
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Every_cmdlet_uses_an_approved_verb_a_singular_noun_and_declares_its_output(string edition)
    {
        using var catalog = new CmdletCatalog(edition);
        var approved = catalog.ApprovedVerbs();

        Assert.Equal(6, catalog.Cmdlets.Count);
        Assert.All(catalog.Cmdlets, cmdlet =>
        {
            Assert.Contains(cmdlet.Verb, approved);
            Assert.False(cmdlet.Noun.EndsWith("s", StringComparison.Ordinal), cmdlet.Name + " has a plural noun");
            Assert.NotEmpty(cmdlet.OutputTypes);
            Assert.True(cmdlet.Type.IsSealed, cmdlet.Type.Name + " is not sealed");
        });
        Assert.Equal(new[] { "BalanceTools.Client.CustomerBalanceTransaction" }, catalog["Get-CustomerBalanceTransaction"].OutputTypes);
        Assert.Equal(new[] { "BalanceTools.Client.CustomerBalanceTransaction" }, catalog["New-CustomerBalanceTransaction"].OutputTypes);
        Assert.Equal(new[] { "BalanceTools.Client.CustomerBalanceTransaction" }, catalog["Set-CustomerBalanceTransaction"].OutputTypes);
        Assert.Equal(new[] { "BalanceTools.Client.ExportSummary" }, catalog["Export-CustomerBalanceTransaction"].OutputTypes);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void State_changing_cmdlets_support_should_process_at_an_impact_that_does_not_prompt_by_default(string edition)
    {
        using var catalog = new CmdletCatalog(edition);

        foreach (var name in new[] { "New-CustomerBalanceTransaction", "Set-CustomerBalanceTransaction" })
        {
            Assert.True(catalog[name].SupportsShouldProcess, name);
            Assert.Equal(ConfirmImpactMedium, catalog[name].ConfirmImpact);
        }

        Assert.False(catalog["Get-CustomerBalanceTransaction"].SupportsShouldProcess);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Customer_and_id_bind_from_the_pipeline_by_property_name_with_their_aliases(string edition)
    {
        using var catalog = new CmdletCatalog(edition);

        foreach (var cmdlet in new[] { "New-CustomerBalanceTransaction", "Set-CustomerBalanceTransaction" })
        {
            var customer = catalog[cmdlet]["Customer"];
            Assert.All(customer.Sets, s => Assert.True(s.ValueFromPipelineByPropertyName && s.Mandatory, cmdlet));
            Assert.Contains("CustomerId", customer.Aliases);
        }

        // Get's -Customer belongs to every set and is checked for presence by the cmdlet: declared per set, a piped
        // row with Customer and Id would bind to the list set instead of the Id set.
        var getCustomer = Assert.Single(catalog["Get-CustomerBalanceTransaction"]["Customer"].Sets);
        Assert.Equal(ParameterShape.AllSets, getCustomer.Set);
        Assert.True(getCustomer.ValueFromPipeline && getCustomer.ValueFromPipelineByPropertyName && !getCustomer.Mandatory);
        Assert.Contains("CustomerId", catalog["Get-CustomerBalanceTransaction"]["Customer"].Aliases);

        foreach (var cmdlet in new[] { "Get-CustomerBalanceTransaction", "Set-CustomerBalanceTransaction" })
        {
            var id = catalog[cmdlet]["Id"];
            Assert.All(id.Sets, s => Assert.True(s.ValueFromPipelineByPropertyName && s.Mandatory, cmdlet));
            Assert.Contains("TransactionId", id.Aliases);
        }

        var create = catalog["New-CustomerBalanceTransaction"];
        foreach (var name in new[] { "Amount", "Currency", "Description", "IdempotencyKey" })
        {
            Assert.True(create[name].Sets.Single().ValueFromPipelineByPropertyName, name);
        }

        Assert.True(catalog["Set-CustomerBalanceTransaction"]["IdempotencyKey"].Sets.Single().ValueFromPipelineByPropertyName);
        Assert.True(catalog["Get-CustomerBalanceTransaction"]["Customer"].Sets.Single().ValueFromPipeline, "a plain customer id can be piped to Get");
        Assert.True(create["Customer"].Sets.Single().ValueFromPipeline, "a plain customer id can be piped to New");
        Assert.False(catalog["Set-CustomerBalanceTransaction"]["Customer"].Sets.Single().ValueFromPipeline, "Set needs a customer and an id, so strings alone cannot be piped");
        Assert.All(catalog.Cmdlets.SelectMany(c => c.Parameters).Where(p => p.Name is not ("Customer")), p => Assert.DoesNotContain(p.Sets, s => s.ValueFromPipeline));
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Parameters_carry_the_validation_stripe_requires(string edition)
    {
        using var catalog = new CmdletCatalog(edition);
        var get = catalog["Get-CustomerBalanceTransaction"];
        var create = catalog["New-CustomerBalanceTransaction"];
        var update = catalog["Set-CustomerBalanceTransaction"];

        Assert.Equal(new object?[] { 1L, 100L }, CmdletCatalog.Arguments(get["Limit"].Attribute("WholeNumberAttribute")!));
        Assert.NotNull(create["Amount"].Attribute("WholeNumberAttribute"));
        Assert.Equal(new object?[] { 350 }, CmdletCatalog.Arguments(create["Description"].Attribute("ValidateTextLengthAttribute")!));
        Assert.Equal(new object?[] { 350 }, CmdletCatalog.Arguments(update["Description"].Attribute("ValidateTextLengthAttribute")!));
        Assert.NotNull(update["Description"].Attribute("AllowEmptyStringAttribute"));
        Assert.NotNull(create["Currency"].Attribute("ValidateCurrencyAttribute"));
        Assert.NotNull(create["Metadata"].Attribute("MetadataTransformationAttribute"));
        Assert.NotNull(get["ApiKey"].Attribute("ApiKeyTransformationAttribute"));
        Assert.NotNull(get["Customer"].Attribute("CustomerInputAttribute"));
        Assert.Equal("System.Int64", create["Amount"].TypeName);
        Assert.Equal("System.Collections.IDictionary", create["Metadata"].TypeName);
        Assert.Equal("System.Security.SecureString", get["ApiKey"].TypeName);
        foreach (var name in new[] { "CreatedAfter", "CreatedOnOrAfter", "CreatedBefore", "CreatedOnOrBefore" })
        {
            Assert.NotNull(get[name].Attribute("TimestampTransformationAttribute"));
            Assert.Equal(new[] { "AllCustomers", "List" }, get[name].Sets.Select(s => s.Set).OrderBy(s => s));
        }
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Currency_and_expand_offer_tab_completion(string edition)
    {
        using var catalog = new CmdletCatalog(edition);

        Assert.Equal("BalanceTools.CurrencyCompleter", Completer(catalog["New-CustomerBalanceTransaction"]["Currency"]));
        foreach (var cmdlet in new[] { "Get-CustomerBalanceTransaction", "New-CustomerBalanceTransaction", "Set-CustomerBalanceTransaction" })
        {
            Assert.Equal("BalanceTools.ExpandCompleter", Completer(catalog[cmdlet]["Expand"]));
        }

        foreach (var completer in new[] { "BalanceTools.CurrencyCompleter", "BalanceTools.ExpandCompleter" })
        {
            Assert.Contains(catalog.Assembly.GetType(completer, throwOnError: true)!.GetInterfaces(), i => i.FullName == "System.Management.Automation.IArgumentCompleter");
        }

        static string? Completer(ParameterShape parameter) =>
            (CmdletCatalog.Arguments(parameter.Attribute("ArgumentCompleterAttribute")!)[0] as Type)?.FullName;
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Every_operation_cmdlet_takes_the_connection_parameters(string edition)
    {
        using var catalog = new CmdletCatalog(edition);
        var expected = new[] { "ApiKey", "StripeAccount", "ApiVersion", "ApiBaseUri", "MaxNetworkRetries", "TimeoutSec", "RetryOnRateLimit" };

        foreach (var cmdlet in catalog.Cmdlets.Where(c => c.Noun == "CustomerBalanceTransaction" || c.Verb == "Connect"))
        {
            Assert.All(expected, name => Assert.Contains(name, cmdlet.Parameters.Select(p => p.Name)));
        }
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void No_two_parameter_sets_of_a_cmdlet_can_bind_the_same_arguments(string edition)
    {
        using var catalog = new CmdletCatalog(edition);

        foreach (var cmdlet in catalog.Cmdlets)
        {
            var sets = cmdlet.ParameterSets;
            if (sets.Count > 1)
            {
                Assert.Contains(cmdlet.DefaultParameterSet, sets);
            }

            foreach (var first in sets)
            {
                foreach (var second in sets.Where(s => string.CompareOrdinal(s, first) > 0))
                {
                    // Arguments that bind a set include its mandatory parameters; a mandatory parameter the other
                    // set lacks therefore tells the two apart.
                    var distinguishable = cmdlet.Parameters.Any(p =>
                        (cmdlet.InSet(p, first, mandatoryOnly: true) && !cmdlet.InSet(p, second, mandatoryOnly: false))
                        || (cmdlet.InSet(p, second, mandatoryOnly: true) && !cmdlet.InSet(p, first, mandatoryOnly: false)));
                    Assert.True(distinguishable, $"{cmdlet.Name}: sets {first} and {second} can bind the same arguments");
                }
            }

            foreach (var set in sets)
            {
                var positions = cmdlet.Parameters.SelectMany(p => p.Sets.Where(s => (s.Set == set || s.Set == ParameterShape.AllSets) && s.Position is not null).Select(s => s.Position)).ToList();
                Assert.Equal(positions.Count, positions.Distinct().Count());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void The_list_parameter_set_is_the_default_and_all_is_only_in_it(string edition)
    {
        using var catalog = new CmdletCatalog(edition);
        var get = catalog["Get-CustomerBalanceTransaction"];

        Assert.Equal("List", get.DefaultParameterSet);
        Assert.Equal(new[] { "AllCustomers", "Id", "List" }, get.ParameterSets.OrderBy(s => s));
        Assert.Equal(new[] { "List" }, get["All"].Sets.Select(s => s.Set));
        Assert.Equal(new[] { "Id" }, get["Id"].Sets.Select(s => s.Set));
        Assert.True(Assert.Single(get["AllCustomers"].Sets).Mandatory);
        foreach (var exportParameter in new[] { "ThrottleLimit", "CheckpointPath", "CreatedAfter", "CreatedOnOrBefore" })
        {
            Assert.Equal(new[] { "AllCustomers", "List" }, get[exportParameter].Sets.Select(s => s.Set).OrderBy(s => s));
        }
    }
}
