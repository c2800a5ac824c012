using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Records at most <c>perSecond</c> new traces a second (a token bucket holding one second's worth), the rest are not
/// sampled. Under light traffic every request is traced; under a load test the telemetry stays a trickle instead of
/// the exporter and the dashboard taking a core from the requests they describe. Wrapped in <see cref="ParentBasedSampler"/>, so a span
/// whose caller was sampled is always recorded and a trace is kept or dropped whole across services.
/// </summary>
public sealed class RateLimitedSampler : Sampler
{
    private readonly double _perSecond;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _last;

    public RateLimitedSampler(double perSecond, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perSecond);
        _perSecond = perSecond;
        _time = time ?? TimeProvider.System;
        _last = _time.GetTimestamp();
        _tokens = perSecond;
        Description = $"RateLimitedSampler{{{perSecond}/s}}";
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(TryTake() ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);

    private bool TryTake()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_perSecond, _tokens + _time.GetElapsedTime(_last, now).TotalSeconds * _perSecond);
            _last = now;
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }
}
