namespace BalanceTools.Client.Tests;

public sealed class RowIdempotencyKeysTests
{
    private static readonly CreateOptions Credit = new() { Amount = -500, Currency = "usd", Description = "goodwill", Metadata = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };

    [Fact]
    public void The_same_rows_under_the_same_prefix_get_the_same_keys_in_another_run()
    {
        var first = new RowIdempotencyKeys("refunds-2026-11");
        var second = new RowIdempotencyKeys("refunds-2026-11");
        var reordered = new CreateOptions { Amount = -500, Currency = "USD", Description = "goodwill", Metadata = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } };

        var key = first.ForCreate("cus_1", Credit);

        Assert.Equal(key, second.ForCreate("cus_1", reordered));
        Assert.Matches("^refunds-2026-11-[0-9a-f]{16}-1$", key);
    }

    [Fact]
    public void Identical_rows_are_told_apart_by_their_count_and_other_rows_do_not_shift_them()
    {
        var keys = new RowIdempotencyKeys("p");
        var withRowBetween = new RowIdempotencyKeys("p");

        var once = keys.ForCreate("cus_1", Credit);
        var twice = keys.ForCreate("cus_1", Credit);
        withRowBetween.ForCreate("cus_1", Credit);
        var other = withRowBetween.ForCreate("cus_2", Credit);

        Assert.NotEqual(once, twice);
        Assert.EndsWith("-2", twice, StringComparison.Ordinal);
        Assert.Equal(twice, withRowBetween.ForCreate("cus_1", Credit));
        Assert.NotEqual(once[..^2], other[..^2]);
    }

    [Fact]
    public void What_a_write_does_changes_its_key_and_what_it_asks_back_does_not()
    {
        var baseline = new RowIdempotencyKeys("p").ForCreate("cus_1", Credit);
        var expanded = new CreateOptions { Amount = -500, Currency = "usd", Description = "goodwill", Metadata = Credit.Metadata, Expand = new List<string> { "customer" } };

        Assert.Equal(baseline, new RowIdempotencyKeys("p").ForCreate("cus_1", expanded));
        Assert.NotEqual(baseline, new RowIdempotencyKeys("p").ForCreate("cus_1", new CreateOptions { Amount = -501, Currency = "usd", Description = "goodwill", Metadata = Credit.Metadata }));
        Assert.NotEqual(
            new RowIdempotencyKeys("p").ForUpdate("cus_1", "cbtxn_1", new UpdateOptions { Description = "x" }),
            new RowIdempotencyKeys("p").ForUpdate("cus_1", "cbtxn_2", new UpdateOptions { Description = "x" }));
    }

    [Fact]
    public void Without_a_prefix_every_row_gets_a_key_of_its_own_and_a_bad_prefix_is_refused_in_plain_words()
    {
        var random = new RowIdempotencyKeys(null);

        Assert.NotEqual(random.ForCreate("cus_1", Credit), random.ForCreate("cus_1", Credit));
        Assert.Contains("at most 200 characters", RowIdempotencyKeys.PrefixProblem(new string('x', 201)), StringComparison.Ordinal);
        Assert.Contains("cannot contain spaces", RowIdempotencyKeys.PrefixProblem("two words"), StringComparison.Ordinal);
        Assert.Null(RowIdempotencyKeys.PrefixProblem("refunds-2026-11"));
        Assert.Throws<StripeInputException>(() => new RowIdempotencyKeys("two words"));
    }
}
