using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace BalanceTools.Hosted.Tests;

/// <summary>
/// A host whose user answers every confirmation prompt by a rule, and which records each prompt: its message, the
/// thread that asked, and what <c>observe</c> saw at that moment (say, how many requests the server had received).
/// </summary>
internal sealed class AnsweringHost : PSHost
{
    private readonly AnsweringInterface ui;

    public AnsweringHost(Func<string, bool> answerYes, Func<int> observe) => ui = new AnsweringInterface(answerYes, observe);

    public IReadOnlyList<(string Message, int Thread, int Observed)> Prompts => ui.Prompts;

    /// <summary>What was written to the host's error line (not the error stream): what a console shows in red.</summary>
    public string ErrorLines => ui.ErrorLines;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override string Name => nameof(AnsweringHost);

    public override PSHostUserInterface UI => ui;

    public override Version Version { get; } = new(1, 0);

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }

    private sealed class AnsweringInterface(Func<string, bool> answerYes, Func<int> observe) : PSHostUserInterface
    {
        private readonly List<(string Message, int Thread, int Observed)> prompts = new();
        private readonly System.Text.StringBuilder errorLines = new();

        public string ErrorLines
        {
            get
            {
                lock (errorLines)
                {
                    return errorLines.ToString();
                }
            }
        }

        public IReadOnlyList<(string Message, int Thread, int Observed)> Prompts
        {
            get
            {
                lock (prompts)
                {
                    return prompts.ToList();
                }
            }
        }

        public override PSHostRawUserInterface? RawUI => null;

        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice)
        {
            lock (prompts)
            {
                prompts.Add((message, Environment.CurrentManagedThreadId, observe()));
            }

            var wanted = answerYes(message) ? "&Yes" : "&No";
            return choices.Select((choice, index) => (choice, index)).First(c => c.choice.Label == wanted).index;
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();

        public override string ReadLine() => string.Empty;

        public override SecureString ReadLineAsSecureString() => new();

        public override void Write(string value)
        {
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
        {
        }

        public override void WriteDebugLine(string message)
        {
        }

        public override void WriteErrorLine(string value)
        {
            lock (errorLines)
            {
                errorLines.AppendLine(value);
            }
        }

        public override void WriteLine(string value)
        {
        }

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override void WriteVerboseLine(string message)
        {
        }

        public override void WriteWarningLine(string message)
        {
        }
    }
}
