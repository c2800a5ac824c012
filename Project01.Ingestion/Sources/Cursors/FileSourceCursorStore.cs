using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Project01.Ingestion.Sources.Cursors;

/// <summary>
/// One file per cursor key under <see cref="SourceCursorOptions.Directory"/>. Writes go to a temporary file that is
/// then renamed over the old one, so a crash leaves either the old or the new cursor, never half of one.
/// </summary>
public sealed class FileSourceCursorStore(IOptions<SourceCursorOptions> options) : ISourceCursorStore
{
    private readonly string _directory = Path.GetFullPath(options.Value.Directory);

    public async ValueTask<string?> GetAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        return File.Exists(path) ? (await File.ReadAllTextAsync(path, Encoding.UTF8, ct).ConfigureAwait(false)).Trim() : null;
    }

    public async ValueTask SetAsync(string key, string value, CancellationToken ct = default)
    {
        Directory.CreateDirectory(_directory);
        var path = PathOf(key);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temp, value, Encoding.UTF8, ct).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    // Keys look like "polygon:aggs:BRK.B:1:minute": keep them readable but safe as file names on every OS.
    private string PathOf(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var name = new StringBuilder(key.Length + 16);
        var replaced = false;
        foreach (var c in key)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') name.Append(c);
            else if (c == ':') name.Append('+');
            else { name.Append('_'); replaced = true; }
        }
        // Two keys that differ only in replaced characters must not share a file: add a stable hash of the key.
        if (replaced) name.Append('-').Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12]);
        return Path.Combine(_directory, name.Append(".cursor").ToString());
    }
}
