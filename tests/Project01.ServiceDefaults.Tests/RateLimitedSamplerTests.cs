using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace Project01.ServiceDefaults.Tests;

public sealed class RateLimitedSamplerTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void ABurstBeyondOneSecondsWorthIsDropped()
    {
        var sampler = new RateLimitedSampler(100, _clock);
        Assert.Equal(100, Sampled(sampler, 1_000));
    }

    [Fact]
    public void TheBucketRefillsAtTheRate()
    {
        var sampler = new RateLimitedSampler(100, _clock);
        Sampled(sampler, 100);
        Assert.Equal(0, Sampled(sampler, 1));

        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(25, Sampled(sampler, 1_000));

        _clock.Advance(TimeSpan.FromMinutes(10)); // an idle spell does not bank more than one second's worth
        Assert.Equal(100, Sampled(sampler, 1_000));
    }

    [Fact]
    public void UnderTheRateEveryTraceIsKept()
    {
        var sampler = new RateLimitedSampler(100, _clock);
        for (var second = 0; second < 5; second++)
        {
            Assert.Equal(50, Sampled(sampler, 50));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public void ZeroSamplesNothingAndANegativeRateIsRefused()
    {
        Assert.Equal(0, Sampled(new RateLimitedSampler(0, _clock), 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitedSampler(-1, _clock));
    }

    [Fact]
    public void ASampledCallersSpanIsKeptWhenTheBucketIsEmpty()
    {
        var sampler = new ParentBasedSampler(new RateLimitedSampler(1, _clock));
        Sampled(sampler, 1);
        var sampledParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var result = sampler.ShouldSample(new SamplingParameters(sampledParent, sampledParent.TraceId, "GET /v1/forecast", ActivityKind.Server));
        Assert.Equal(SamplingDecision.RecordAndSample, result.Decision);
        Assert.Equal(0, Sampled(sampler, 1)); // a new root still waits for the bucket
    }

    private static int Sampled(Sampler sampler, int traces)
    {
        var kept = 0;
        for (var i = 0; i < traces; i++)
        {
            var parameters = new SamplingParameters(default, ActivityTraceId.CreateRandom(), "GET /v1/forecast", ActivityKind.Server);
            if (sampler.ShouldSample(parameters).Decision == SamplingDecision.RecordAndSample) kept++;
        }
        return kept;
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
    }
}
