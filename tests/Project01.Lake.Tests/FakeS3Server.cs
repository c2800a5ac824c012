using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Project01.Lake.Tests;

/// <summary>
/// An S3-compatible endpoint on loopback with the few operations the lake uses (path-style PUT with
/// <c>If-None-Match: *</c>, GET, DELETE, ListObjectsV2 with pagination), so the S3 storage is tested through the real
/// AWS SDK without a network. Listing pages hold two keys, to exercise continuation tokens.
/// </summary>
public sealed class FakeS3Server : IAsyncDisposable
{
    private static readonly XNamespace S3 = "http://s3.amazonaws.com/doc/2006-03-01/";
    private readonly ConcurrentDictionary<string, (byte[] Body, DateTimeOffset Modified)> _objects = new(StringComparer.Ordinal);
    private readonly object _putLock = new();
    private readonly WebApplication _app;

    private FakeS3Server(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();
    public int PreconditionFailures;

    public static async Task<FakeS3Server> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeS3Server(app);
        app.MapMethods("/{bucket}/{**key}", ["PUT"], server.Put);
        app.MapMethods("/{bucket}/{**key}", ["DELETE"], (string bucket, string key) => { server._objects.TryRemove($"{bucket}/{key}", out _); return Results.NoContent(); });
        app.MapGet("/{bucket}/{**key}", server.Get);
        app.MapGet("/{bucket}", server.List);
        await app.StartAsync();
        return server;
    }

    private async Task<IResult> Put(string bucket, string key, HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var id = $"{bucket}/{key}";
        lock (_putLock)
        {
            if (request.Headers.IfNoneMatch == "*" && _objects.ContainsKey(id))
            {
                Interlocked.Increment(ref PreconditionFailures);
                return Error(StatusCodes.Status412PreconditionFailed, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
            }
            _objects[id] = (body.ToArray(), DateTimeOffset.UtcNow);
        }
        request.HttpContext.Response.Headers.ETag = ETag(body.ToArray());
        return Results.Ok();
    }

    private IResult Get(string bucket, string key, HttpContext context)
    {
        if (!_objects.TryGetValue($"{bucket}/{key}", out var o)) return Error(StatusCodes.Status404NotFound, "NoSuchKey", "The specified key does not exist.");
        context.Response.Headers.ETag = ETag(o.Body);
        context.Response.Headers.LastModified = o.Modified.ToString("R");
        return Results.Bytes(o.Body, "application/octet-stream");
    }

    private IResult List(string bucket, HttpRequest request)
    {
        var prefix = request.Query["prefix"].ToString();
        var after = request.Query["continuation-token"].ToString();
        var keys = _objects.Keys.Where(k => k.StartsWith($"{bucket}/{prefix}", StringComparison.Ordinal)).Select(k => k[(bucket.Length + 1)..])
            .Order(StringComparer.Ordinal).Where(k => string.CompareOrdinal(k, after) > 0).ToList();
        var page = keys.Take(2).ToList();
        var truncated = keys.Count > page.Count;
        var xml = new XElement(S3 + "ListBucketResult",
            new XElement(S3 + "Name", bucket), new XElement(S3 + "Prefix", prefix), new XElement(S3 + "KeyCount", page.Count),
            new XElement(S3 + "MaxKeys", 2), new XElement(S3 + "IsTruncated", truncated ? "true" : "false"),
            truncated ? new XElement(S3 + "NextContinuationToken", page[^1]) : null,
            page.Select(k =>
            {
                var o = _objects[$"{bucket}/{k}"];
                return new XElement(S3 + "Contents", new XElement(S3 + "Key", k), new XElement(S3 + "LastModified", o.Modified.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ")),
                    new XElement(S3 + "ETag", ETag(o.Body)), new XElement(S3 + "Size", o.Body.Length), new XElement(S3 + "StorageClass", "STANDARD"));
            }));
        return Results.Content(xml.ToString(), "application/xml", Encoding.UTF8);
    }

    private static string ETag(byte[] body) => $"\"{Convert.ToHexStringLower(MD5.HashData(body))}\"";

    private static IResult Error(int status, string code, string message) =>
        Results.Content(new XElement("Error", new XElement("Code", code), new XElement("Message", message)).ToString(), "application/xml", Encoding.UTF8, status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
