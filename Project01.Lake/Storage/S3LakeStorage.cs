using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Project01.Lake.Storage;

/// <summary>Where the lake lives when it lives in an S3-compatible object store (AWS S3, MinIO, Ceph, R2, …).</summary>
public sealed class S3LakeOptions
{
    public string Bucket { get; set; } = "";

    /// <summary>Key prefix under which the lake's tables live (no leading or trailing slash).</summary>
    public string Prefix { get; set; } = "lake";

    /// <summary>Endpoint of a non-AWS store (e.g. http://127.0.0.1:9000 for MinIO); empty = AWS.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>Path-style addressing (bucket in the path), which most self-hosted stores need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Static credentials; empty = the SDK's default chain (environment, profile, instance role).</summary>
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }

    /// <summary>Local folder where data files are cached for Parquet and DuckDB readers (files are immutable once written).
    /// The user's own data folder, not the shared temp folder: a file someone else planted there would be read as lake data.</summary>
    public string CacheDirectory { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "project01", "lake-cache");
}

/// <summary>
/// The lake on S3. A commit's atomic create-if-absent is a conditional PUT (<c>If-None-Match: *</c>, supported by S3
/// since 2024 and by MinIO): a second writer of the same log version gets 412 and retries at the next version. Data
/// files are immutable, so readers that need a local path get a cached copy.
/// </summary>
public sealed class S3LakeStorage : ILakeStorage, IDisposable
{
    private readonly IAmazonS3 _s3;
    private readonly S3LakeOptions _options;
    private readonly string _cache;

    public S3LakeStorage(S3LakeOptions options, IAmazonS3? client = null)
    {
        if (string.IsNullOrWhiteSpace(options.Bucket)) throw new ArgumentException("Lake:S3:Bucket is required for S3 storage");
        _options = options;
        _s3 = client ?? CreateClient(options);
        _cache = Path.Combine(options.CacheDirectory, options.Bucket, options.Prefix.Replace('/', '_'));
        PrivateDirectory(options.CacheDirectory);
        Directory.CreateDirectory(_cache);
    }

    /// <summary>The cache root is this user's alone (0700). Setting the mode fails when another user owns the folder,
    /// which is exactly the case where cached files cannot be trusted.</summary>
    private static void PrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try { File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidOperationException($"the lake cache {path} belongs to another user; set Lake:S3:CacheDirectory to a folder of your own", e);
        }
    }

    public static IAmazonS3 CreateClient(S3LakeOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
            // Checksums only where the API demands them: plain bodies work with every S3-compatible store.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrEmpty(options.ServiceUrl)) config.ServiceURL = options.ServiceUrl;
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    public string Location => $"s3://{_options.Bucket}/{_options.Prefix}";

    private string Key(string path) => string.IsNullOrEmpty(_options.Prefix) ? path : $"{_options.Prefix.Trim('/')}/{path.TrimStart('/')}";

    public async Task<byte[]?> ReadAllBytesAsync(string path, CancellationToken ct = default)
    {
        try
        {
            using var response = await _s3.GetObjectAsync(_options.Bucket, Key(path), ct);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> TryCreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        try
        {
            await _s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = _options.Bucket, Key = Key(path), InputStream = new MemoryStream(content.ToArray()), IfNoneMatch = "*",
                UseChunkEncoding = false,
            }, ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            return false; // someone else created this log version first
        }
    }

    public async Task<long> WriteNewAsync(string path, Action<Stream> write, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        var size = buffer.Length;
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _options.Bucket, Key = Key(path), InputStream = buffer, IfNoneMatch = "*", UseChunkEncoding = false,
        }, ct);
        return size;
    }

    public async Task<string> GetLocalPathAsync(string path, CancellationToken ct = default)
    {
        var local = Path.Combine(_cache, path.Replace('/', Path.DirectorySeparatorChar));
        if (File.Exists(local)) return local;
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        var temp = local + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var response = await _s3.GetObjectAsync(_options.Bucket, Key(path), ct))
        await using (var file = File.Create(temp))
            await response.ResponseStream.CopyToAsync(file, ct);
        File.Move(temp, local, overwrite: true);
        return local;
    }

    public async IAsyncEnumerable<LakeFileInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var root = Key("");
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = Key(prefix) };
        ListObjectsV2Response response;
        do
        {
            response = await _s3.ListObjectsV2Async(request, ct);
            foreach (var o in response.S3Objects ?? [])
                yield return new LakeFileInfo(o.Key[root.Length..], o.Size ?? 0, o.LastModified is { } m ? new DateTimeOffset(m.ToUniversalTime()) : DateTimeOffset.MinValue);
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
    }

    public async Task DeleteAsync(string path, CancellationToken ct = default)
    {
        await _s3.DeleteObjectAsync(_options.Bucket, Key(path), ct);
        var local = Path.Combine(_cache, path.Replace('/', Path.DirectorySeparatorChar));
        if (File.Exists(local)) File.Delete(local);
    }

    public void Dispose() => _s3.Dispose();
}
