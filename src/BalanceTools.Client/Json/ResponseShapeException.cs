using System.Text.Json;

namespace BalanceTools.Client;

/// <summary>
/// A success response whose JSON lacks a field Stripe always sends, or holds one of the wrong type. The message names
/// the field and the object (<c>the balance transaction at data[2] has no 'amount'</c>); the transport adds the
/// request id and path. A JsonException, so every unreadable body is reported the same way.
/// </summary>
internal sealed class ResponseShapeException : JsonException
{
    private ResponseShapeException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>The field, by its name on the wire.</summary>
    public string Field { get; }

    public static ResponseShapeException Missing(string field, string where) =>
        new(field, $"{where} has no '{field}', which Stripe always sends; nothing was assumed in its place");

    public static ResponseShapeException WrongType(string field, string where, JsonTokenType found, string expected) =>
        new(field, $"'{field}' of {where} is {Describe(found)}, not {expected}");

    public static ResponseShapeException NotAnObject(string where, JsonTokenType found) =>
        new(string.Empty, $"{where} is {Describe(found)}, not an object");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Null => "null",
        JsonTokenType.String => "text",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true or false",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        _ => "missing",
    };
}
