using System.Text;
using System.Text.Json;

namespace BalanceTools.Client;

/// <summary>How a transaction becomes a line of the export file (UTF-8, without a byte order mark).</summary>
public abstract class RowFormat
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private protected RowFormat()
    {
    }

    /// <summary>The format of <paramref name="format"/>.</summary>
    public static RowFormat For(ExportFormat format) => format switch
    {
        ExportFormat.Csv => new CsvFormat(),
        ExportFormat.JsonLines => new JsonLinesFormat(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "The format is Csv or JsonLines."),
    };

    /// <summary>What starts an empty file.</summary>
    public abstract byte[] Header { get; }

    /// <summary>Appends the line of <paramref name="transaction"/>, its end of line included.</summary>
    public abstract void Append(CustomerBalanceTransaction transaction, MemoryStream output);

    /// <summary>Every field quoted, quotes doubled, the header from <see cref="TransactionColumns.Names"/>, lines ended as Export-Csv ends them.</summary>
    /// <remarks>A line is built in reused buffers and encoded straight into the output: rows are the hot path of an export.</remarks>
    private sealed class CsvFormat : RowFormat
    {
        private readonly StringBuilder line = new();
        private char[] characters = new char[1024];
        private byte[] bytes = new byte[4096];

        public override byte[] Header
        {
            get
            {
                using var header = new MemoryStream();
                Write(TransactionColumns.Names.Cast<object?>().ToArray(), header);
                return header.ToArray();
            }
        }

        public override void Append(CustomerBalanceTransaction transaction, MemoryStream output) =>
            Write(TransactionColumns.Values(transaction), output);

        private void Write(object?[] values, MemoryStream output)
        {
            line.Clear();
            for (var i = 0; i < values.Length; i++)
            {
                line.Append(i == 0 ? "\"" : ",\"");
                var text = TransactionColumns.Text(values[i]);
                if (text.IndexOf('"') < 0)
                {
                    line.Append(text);
                }
                else
                {
                    line.Append(text.Replace("\"", "\"\""));
                }

                line.Append('"');
            }

            line.Append(Environment.NewLine);
            if (characters.Length < line.Length)
            {
                characters = new char[line.Length * 2];
            }

            line.CopyTo(0, characters, 0, line.Length);
            var needed = Utf8.GetMaxByteCount(line.Length);
            if (bytes.Length < needed)
            {
                bytes = new byte[needed * 2];
            }

            var count = Utf8.GetBytes(characters, 0, line.Length, bytes, 0);
            output.Write(bytes, 0, count);
        }
    }

    /// <summary>One compact JSON object a line: the same names as the CSV's columns, numbers and booleans as JSON ones, dates as ISO 8601 UTC, metadata and expanded objects as objects.</summary>
    private sealed class JsonLinesFormat : RowFormat
    {
        private static readonly byte[] NewLine = { (byte)'\n' };

        public override byte[] Header => Array.Empty<byte>();

        public override void Append(CustomerBalanceTransaction transaction, MemoryStream output)
        {
            using (var writer = new Utf8JsonWriter(output))
            {
                writer.WriteStartObject();
                var values = TransactionColumns.Values(transaction);
                for (var i = 0; i < values.Length; i++)
                {
                    writer.WritePropertyName(TransactionColumns.Names[i]);
                    WriteValue(writer, values[i]);
                }

                writer.WriteEndObject();
            }

            output.Write(NewLine, 0, NewLine.Length);
        }

        private static void WriteValue(Utf8JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case long number:
                    writer.WriteNumberValue(number);
                    break;
                case int number:
                    writer.WriteNumberValue(number);
                    break;
                case double number:
                    writer.WriteNumberValue(number);
                    break;
                case decimal number:
                    writer.WriteNumberValue(number);
                    break;
                case DateTimeOffset:
                    writer.WriteStringValue(TransactionColumns.Text(value));
                    break;
                case ExpandedObject expanded:
                    WriteValue(writer, expanded.Fields);
                    break;
                case IEnumerable<KeyValuePair<string, string>> pairs:
                    WriteObject(writer, pairs.Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value)));
                    break;
                case IEnumerable<KeyValuePair<string, object?>> fields:
                    WriteObject(writer, fields);
                    break;
                case System.Collections.IEnumerable list:
                    writer.WriteStartArray();
                    foreach (var item in list)
                    {
                        WriteValue(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    writer.WriteStringValue(value.ToString());
                    break;
            }
        }

        private static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> fields)
        {
            writer.WriteStartObject();
            foreach (var field in fields)
            {
                writer.WritePropertyName(field.Key);
                WriteValue(writer, field.Value);
            }

            writer.WriteEndObject();
        }
    }
}
