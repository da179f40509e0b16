using System.Management.Automation;

namespace BalanceTools.Hosted.Tests;

/// <summary>Everything one script run produced: output, every stream, the error that ended it, and $Error afterwards.</summary>
internal sealed class PipelineResult
{
    public required IReadOnlyList<PSObject> Output { get; init; }

    public required IReadOnlyList<ErrorRecord> Errors { get; init; }

    public required IReadOnlyList<VerboseRecord> Verbose { get; init; }

    public required IReadOnlyList<DebugRecord> Debug { get; init; }

    public required IReadOnlyList<WarningRecord> Warnings { get; init; }

    public required IReadOnlyList<ProgressRecord> Progress { get; init; }

    public required IReadOnlyList<InformationRecord> Information { get; init; }

    /// <summary>The script-terminating error (-ErrorAction Stop, a throw), if the run ended with one.</summary>
    public RuntimeException? Terminating { get; init; }

    /// <summary>The session's $Error after the run, newest first.</summary>
    public required IReadOnlyList<ErrorRecord> ErrorVariable { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>The one error the run reported, from the error stream or as its terminating error.</summary>
    public ErrorRecord SingleError()
    {
        var records = Errors.Concat(Terminating is null ? Array.Empty<ErrorRecord>() : new[] { Terminating.ErrorRecord }).ToList();
        return Assert.Single(records);
    }

    /// <summary>What a user sees of an error: ErrorDetails' message when set, else the exception's.</summary>
    public static string Message(ErrorRecord record) => record.ErrorDetails?.Message ?? record.Exception.Message;

    /// <summary>The Id property of every output object, in order.</summary>
    public IReadOnlyList<string> Ids() => Output.Select(o => (string)o.Properties["Id"].Value).ToList();

    /// <summary>Every text the run produced, for the key canary.</summary>
    public IEnumerable<string> Texts()
    {
        foreach (var item in Output)
        {
            yield return item.ToString();
            foreach (var property in item.Properties.Where(p => p.IsGettable))
            {
                yield return Safe(() => property.Value?.ToString());
            }
        }

        foreach (var record in Errors.Concat(ErrorVariable).Concat(Terminating is null ? Array.Empty<ErrorRecord>() : new[] { Terminating.ErrorRecord }))
        {
            foreach (var text in ErrorTexts(record))
            {
                yield return text;
            }
        }

        if (Terminating is not null)
        {
            yield return Terminating.ToString();
        }

        foreach (var text in Verbose.Select(r => r.Message).Concat(Debug.Select(r => r.Message)).Concat(Warnings.Select(r => r.Message)))
        {
            yield return text;
        }

        foreach (var record in Progress)
        {
            yield return record.Activity + "|" + record.StatusDescription + "|" + record.CurrentOperation;
        }

        foreach (var record in Information)
        {
            yield return record.MessageData?.ToString() ?? string.Empty;
        }
    }

    private static IEnumerable<string> ErrorTexts(ErrorRecord record)
    {
        yield return record.ToString();
        yield return record.FullyQualifiedErrorId;
        yield return record.CategoryInfo.ToString();
        yield return Safe(() => record.TargetObject?.ToString());
        yield return record.ErrorDetails?.Message ?? string.Empty;
        yield return record.ErrorDetails?.RecommendedAction ?? string.Empty;
        for (var exception = record.Exception; exception is not null; exception = exception.InnerException)
        {
            yield return exception.ToString();
            yield return exception.Message;
            if (exception is IContainsErrorRecord inner && !ReferenceEquals(inner.ErrorRecord, record))
            {
                yield return inner.ErrorRecord.ToString();
            }
        }
    }

    private static string Safe(Func<string?> read)
    {
        try
        {
            return read() ?? string.Empty;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return string.Empty;
        }
    }
}
