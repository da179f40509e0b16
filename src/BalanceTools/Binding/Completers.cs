using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>Tab completion for -Currency: the currencies Stripe supports.</summary>
public sealed class CurrencyCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        StripeVocabulary.Completions(StripeVocabulary.Currencies, wordToComplete)
            .Select(code => new CompletionResult(code, code, CompletionResultType.ParameterValue, code.ToUpperInvariant()));
}

/// <summary>Tab completion for -Expand: the fields of a balance transaction that can be expanded.</summary>
public sealed class ExpandCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        StripeVocabulary.Completions(StripeVocabulary.ExpandableFields, wordToComplete)
            .Select(field => new CompletionResult(field, field, CompletionResultType.ParameterValue, "Return the full " + field.Replace('_', ' ') + " object"));
}
