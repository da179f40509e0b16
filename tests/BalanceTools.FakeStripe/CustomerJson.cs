using System.Text.Json;

namespace BalanceTools.FakeStripe;

/// <summary>
/// Writes customers in Stripe's wire shape: the fields an export reads (id, created, email, name, currency, balance)
/// with their real values, and the rest of Stripe's customer object with the values a customer without billing
/// details has, so clients that read more than they need see what they would at Stripe.
/// </summary>
internal static class CustomerJson
{
    public static ApiResponse RenderList(CustomerPage page) =>
        new(200, JsonBody.Render(page, static (writer, page) =>
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteString("url", ApiRoute.CustomersTemplate);
            writer.WriteBoolean("has_more", page.HasMore);
            writer.WriteStartArray("data");
            foreach (var customer in page.Items)
            {
                Write(writer, customer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }, 1024 + (page.Items.Count * 768)));

    public static ApiResponse RenderObject(CustomerSnapshot customer) => new(200, JsonBody.Render(customer, Write));

    /// <summary>What Stripe answers for a deleted customer: its id and the flag, none of its former fields.</summary>
    public static ApiResponse RenderDeleted(string customerId) =>
        new(200, JsonBody.Render(customerId, static (writer, id) =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("object", "customer");
            writer.WriteBoolean("deleted", true);
            writer.WriteEndObject();
        }, 128));

    public static void Write(Utf8JsonWriter writer, CustomerSnapshot customer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", customer.Id);
        writer.WriteString("object", "customer");
        writer.WriteNull("address");
        writer.WriteNumber("balance", customer.Balance);
        writer.WriteNumber("created", customer.Created);
        WriteNullableString(writer, "currency", customer.Currency);
        writer.WriteNull("default_source");
        writer.WriteBoolean("delinquent", false);
        WriteNullableString(writer, "description", customer.Profile.Description);
        writer.WriteNull("discount");
        WriteNullableString(writer, "email", customer.Profile.Email);
        writer.WriteString("invoice_prefix", InvoicePrefix(customer.Id));
        writer.WriteStartObject("invoice_settings");
        writer.WriteNull("custom_fields");
        writer.WriteNull("default_payment_method");
        writer.WriteNull("footer");
        writer.WriteNull("rendering_options");
        writer.WriteEndObject();
        writer.WriteBoolean("livemode", false);
        writer.WriteStartObject("metadata");
        writer.WriteEndObject();
        WriteNullableString(writer, "name", customer.Profile.Name);
        writer.WriteNumber("next_invoice_sequence", 1);
        writer.WriteNull("phone");
        writer.WriteStartArray("preferred_locales");
        writer.WriteEndArray();
        writer.WriteNull("shipping");
        writer.WriteString("tax_exempt", "none");
        writer.WriteNull("test_clock");
        writer.WriteEndObject();
    }

    // Stripe assigns every customer an eight-character upper-case prefix for its invoice numbers; derive a stable one.
    private static string InvoicePrefix(string customerId)
    {
        var suffix = customerId.StartsWith("cus_", StringComparison.Ordinal) ? customerId[4..] : customerId;
        var letters = new string(suffix.Where(char.IsAsciiLetterOrDigit).Take(8).ToArray()).ToUpperInvariant();
        return letters.PadRight(8, '0');
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
