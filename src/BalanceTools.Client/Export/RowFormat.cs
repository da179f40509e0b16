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

    /// <summary>Every field with a value quoted (quotes doubled) and one without left empty, the header from <see cref="TransactionFields.Columns"/>, lines ended as Export-Csv ends them.</summary>
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
                Write(TransactionFields.Columns.ToArray<object?>(), header);
                return header.ToArray();
            }
        }

        public override void Append(CustomerBalanceTransaction transaction, MemoryStream output) =>
            Write(TransactionFields.ColumnFields.Select(field => field.Value(transaction)).ToArray(), output);

        private void Write(object?[] values, MemoryStream output)
        {
            line.Clear();
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                // Export-Csv leaves a property without a value as an empty, unquoted cell, and quotes every other one.
                if (TransactionFields.Cell(values[i]) is not { } text)
                {
                    continue;
                }

                line.Append('"');
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
                foreach (var field in TransactionFields.ColumnFields)
                {
                    writer.WritePropertyName(field.Property);
                    WriteValue(writer, field.Value(transaction));
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
                    writer.WriteStringValue(TransactionFields.Cell(value));
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
