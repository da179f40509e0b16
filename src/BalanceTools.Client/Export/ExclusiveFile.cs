namespace BalanceTools.Client;

/// <summary>
/// Opens a file that only this process may use while the handle is open: an operating-system lock (a share mode on
/// Windows, <c>flock</c> elsewhere), released when the handle is closed or the process dies, so a crash never leaves a
/// lock behind that blocks the next run.
/// </summary>
internal static class ExclusiveFile
{
    // How .NET reports a file in use: ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION on Windows, the errno of a
    // refused flock (EWOULDBLOCK: 11 on Linux, 35 on macOS) elsewhere.
    private static readonly HashSet<int> InUseCodes = new() { 32, 33, 11, 35 };

    /// <summary>
    /// Opens <paramref name="path"/> for reading and writing, creating it if needed; a file in use by another run is
    /// refused with <paramref name="inUse"/>.
    /// </summary>
    public static FileStream Open(string path, string inUse)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException exception) when (InUseCodes.Contains(exception.HResult & 0xFFFF))
        {
            throw new StripeInputException(inUse, "path");
        }
        catch (UnauthorizedAccessException)
        {
            throw new StripeInputException($"{InputText.Quote(path)} cannot be opened for writing (access denied). Make it writable, or give another file.", "path");
        }
    }
}
