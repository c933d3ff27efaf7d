using System.Text;

namespace Sroi.Ledger.LocalPostgres;

/// <summary>A file that holds a password: written whole, readable and writable by its owner only.</summary>
internal static class OwnerOnlyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes a new file beside <paramref name="path"/> (created 0600, never wider for a moment) and moves it over
    /// <paramref name="path"/>, so a reader sees the old content or the new, and an older, wider file is replaced.
    /// </summary>
    public static async Task WriteAsync(string path, string content, CancellationToken ct)
    {
        var temporary = path + ".new";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnly;
        await using (var stream = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            await writer.WriteAsync(content.AsMemory(), ct).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }
}
