using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;

namespace Project01.IntegrationTests.Tracing;

/// <summary>One span as a service exported it: enough to follow a trace across processes.</summary>
public sealed record ReceivedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name,
    IReadOnlyList<string> LinkedTraceIds);

/// <summary>
/// An OTLP/HTTP receiver (protobuf, <c>POST /v1/traces</c>) the suite points every service at, as the Aspire dashboard
/// or an OpenTelemetry collector would be. It keeps the spans of watched traces (and the spans that link to them, and
/// their children), so a test can follow one record's trace through Kafka from service to service.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, byte> _watched = new();
    private readonly ConcurrentDictionary<string, byte> _relatedTraces = new();
    private readonly ConcurrentQueue<ReceivedSpan> _kept = new();
    private readonly ConcurrentQueue<ReceivedSpan> _recent = new(); // bounded: children may arrive before their linking parent

    public OtlpTraceReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>What OTEL_EXPORTER_OTLP_ENDPOINT is set to (with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf).</summary>
    public string Endpoint { get; }

    /// <summary>Keeps every span of this trace, of spans linking to it, and of their traces, from now on.</summary>
    public void Watch(string traceId) => _watched[traceId] = 0;

    public IReadOnlyList<ReceivedSpan> Spans => [.. _kept];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                if (context.Request.Url?.AbsolutePath == "/v1/traces") Receive(body.ToArray());
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf"; // an empty ExportTraceServiceResponse
            }
            catch (InvalidProtocolBufferException)
            {
                context.Response.StatusCode = 400;
            }
            context.Response.Close();
        }
    }

    private void Receive(byte[] request)
    {
        foreach (var span in OtlpTraces.Parse(request))
        {
            if (_watched.ContainsKey(span.TraceId) || _relatedTraces.ContainsKey(span.TraceId)) _kept.Enqueue(span);
            else if (span.LinkedTraceIds.Any(_watched.ContainsKey))
            {
                // A span that links to a watched trace (a batch consumer): keep it and its whole trace, including its
                // children that were exported before it.
                _relatedTraces[span.TraceId] = 0;
                _kept.Enqueue(span);
                foreach (var earlier in _recent.Where(s => s.TraceId == span.TraceId)) _kept.Enqueue(earlier);
            }
            else
            {
                _recent.Enqueue(span);
                while (_recent.Count > 20_000) _recent.TryDequeue(out _);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

/// <summary>The fields of OTLP's ExportTraceServiceRequest (opentelemetry/proto/trace/v1/trace.proto) a test needs,
/// read with protobuf's wire reader: resource_spans(1) → resource(1).attributes(1) and scope_spans(2) → scope(1).name(1),
/// spans(2) → trace_id(1), span_id(2), parent_span_id(4), name(5), links(13) → trace_id(1).</summary>
public static class OtlpTraces
{
    public static IEnumerable<ReceivedSpan> Parse(byte[] request)
    {
        var spans = new List<ReceivedSpan>();
        foreach (var resourceSpans in Fields(ByteString.CopyFrom(request), 1))
        {
            var service = Fields(resourceSpans, 1).SelectMany(resource => Fields(resource, 1))
                .Select(KeyValue).FirstOrDefault(kv => kv.Key == "service.name").Value ?? "";
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = Fields(scopeSpans, 1).Select(s => Fields(s, 1).FirstOrDefault()?.ToStringUtf8()).FirstOrDefault() ?? "";
                foreach (var span in Fields(scopeSpans, 2))
                    spans.Add(new ReceivedSpan(service, scope, Hex(span, 1), Hex(span, 2), Hex(span, 4),
                        Fields(span, 5).FirstOrDefault()?.ToStringUtf8() ?? "",
                        [.. Fields(span, 13).Select(link => Hex(link, 1))]));
            }
        }
        return spans;
    }

    private static string Hex(ByteString message, int field) => Convert.ToHexStringLower(Fields(message, field).FirstOrDefault()?.ToByteArray() ?? []);

    private static (string Key, string? Value) KeyValue(ByteString kv) =>
        (Fields(kv, 1).FirstOrDefault()?.ToStringUtf8() ?? "", Fields(kv, 2).Select(any => Fields(any, 1).FirstOrDefault()?.ToStringUtf8()).FirstOrDefault());

    /// <summary>Every length-delimited occurrence of <paramref name="field"/> in a message; other fields are skipped.</summary>
    private static List<ByteString> Fields(ByteString message, int field)
    {
        var found = new List<ByteString>();
        var input = message.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                found.Add(input.ReadBytes());
            else
                input.SkipLastField();
        }
        return found;
    }
}
