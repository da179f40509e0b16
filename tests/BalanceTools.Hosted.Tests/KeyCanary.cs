using System.Security.Cryptography;

namespace BalanceTools.Hosted.Tests;

/// <summary>
/// Distinctive keys made for this test run. Every text a run produces is searched for each of them and for every
/// eight-character piece of their secret parts, so a key cannot leak even in part (the redacted form keeps four).
/// </summary>
internal static class KeyCanary
{
    private const int PieceLength = 8;
    private static readonly List<string> Keys = new();

    /// <summary>The key the fake server accepts in every session.</summary>
    public static string ServerKey { get; } = Create("CANARYsrv");

    /// <summary>A key the server refuses (401).</summary>
    public static string WrongKey { get; } = Create("CANARYbad");

    /// <summary>A new distinctive key, watched from now on.</summary>
    public static string Create(string tag)
    {
        var key = "sk_test_" + tag + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        lock (Keys)
        {
            Keys.Add(key);
        }

        return key;
    }

    /// <summary>The first forbidden piece found in <paramref name="text"/>, or null.</summary>
    public static string? FindLeak(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        string[] keys;
        lock (Keys)
        {
            keys = Keys.ToArray();
        }

        foreach (var key in keys)
        {
            var secret = key.Substring("sk_test_".Length);
            for (var start = 0; start + PieceLength <= secret.Length; start++)
            {
                var piece = secret.Substring(start, PieceLength);
                if (text.Contains(piece, StringComparison.Ordinal))
                {
                    return piece;
                }
            }
        }

        return null;
    }
}
