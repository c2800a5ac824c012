using System.ComponentModel.DataAnnotations;

namespace Project01.Ingestion.Sources.Polygon;

/// <summary>Polygon.io: REST aggregates and news, and the stocks WebSocket. Bound from <c>Sources:Polygon</c>.</summary>
public sealed class PolygonOptions : SourceOptions
{
    public const string Section = "Sources:Polygon";

    public PolygonOptions()
    {
        // The free (Basic) plan allows 5 REST calls a minute; paid plans are unlimited (set PermitLimit to 0).
        RateLimit = new SourceRateLimitOptions { PermitLimit = 5, Window = TimeSpan.FromMinutes(1) };
    }

    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.polygon.io/");

    /// <summary>The stocks cluster (real time); <c>wss://delayed.polygon.io/stocks</c> for 15-minute delayed plans.</summary>
    [Required]
    public Uri StreamUrl { get; set; } = new("wss://socket.polygon.io/stocks");

    /// <summary>Tickers whose aggregates and news are fetched and, unless <see cref="StreamSubscriptions"/> is set, streamed.</summary>
    public List<string> Tickers { get; set; } = [];

    [Required]
    public PolygonAggregateOptions Aggregates { get; set; } = new();

    /// <summary>Days of news fetched on the first run (later runs resume from the cursor).</summary>
    [Range(1, 3650)]
    public int NewsHistoryDays { get; set; } = 7;

    [Range(1, 1000)]
    public int NewsPageLimit { get; set; } = 1000;

    /// <summary>Channels such as <c>T.AAPL</c>, <c>Q.*</c>; empty = <c>T.&lt;ticker&gt;</c> and <c>Q.&lt;ticker&gt;</c> for each of <see cref="Tickers"/>.</summary>
    public List<string> StreamSubscriptions { get; set; } = [];

    /// <summary>First wait before reconnecting the stream; it doubles up to <see cref="StreamMaxReconnectDelay"/>.</summary>
    public TimeSpan StreamReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan StreamMaxReconnectDelay { get; set; } = TimeSpan.FromMinutes(1);

    protected override IEnumerable<(string Name, object Value)> NestedOptions() => [(nameof(Aggregates), Aggregates)];

    public IReadOnlyList<string> EffectiveSubscriptions =>
        StreamSubscriptions.Count > 0 ? StreamSubscriptions : [.. Tickers.SelectMany(t => new[] { $"T.{t}", $"Q.{t}" })];
}

public sealed class PolygonAggregateOptions
{
    [Range(1, 10_000)]
    public int Multiplier { get; set; } = 1;

    /// <summary><c>minute</c>, <c>hour</c> or <c>day</c>.</summary>
    [Required, RegularExpression("^(minute|hour|day)$", ErrorMessage = "Timespan must be minute, hour or day")]
    public string Timespan { get; set; } = "minute";

    /// <summary>Split- and dividend-adjusted prices (Polygon's default).</summary>
    public bool Adjusted { get; set; } = true;

    /// <summary>Days of history fetched on the first run (later runs resume from the cursor).</summary>
    [Range(1, 36_500)]
    public int HistoryDays { get; set; } = 30;

    /// <summary>Base aggregates per page (Polygon's maximum is 50,000).</summary>
    [Range(1, 50_000)]
    public int PageLimit { get; set; } = 50_000;

    public TimeSpan Span => Timespan switch
    {
        "minute" => TimeSpan.FromMinutes(Multiplier),
        "hour" => TimeSpan.FromHours(Multiplier),
        _ => TimeSpan.FromDays(Multiplier),
    };
}
