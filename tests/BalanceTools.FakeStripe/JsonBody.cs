using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BalanceTools.FakeStripe;

/// <summary>Renders JSON with <see cref="Utf8JsonWriter"/>; no reflection-based serializer on the hot path.</summary>
internal static class JsonBody
{
    // Stripe sends non-ASCII text unescaped; the relaxed encoder keeps descriptions readable on the wire.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ReadOnlyMemory<byte> Render<TState>(TState state, Action<Utf8JsonWriter, TState> write, int sizeHint = 1024)
    {
        var buffer = new ArrayBufferWriter<byte>(sizeHint);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, state);
        }

        return buffer.WrittenMemory;
    }
}
