namespace Project01.Core.Market;

/// <summary>How to read a vendor's bar file.</summary>
/// <param name="Zone">The zone of date-times written without one (exchange-local files); UTC by default.</param>
/// <param name="Adjusted">Use the adjusted close where the file has one, scaling open/high/low (and volume inversely).</param>
/// <param name="SymbolSuffix">An exchange suffix to drop from symbols (Stooq's <c>.US</c>).</param>
public sealed record MarketCsvOptions(TimeZoneInfo Zone, bool Adjusted = false, string? SymbolSuffix = null)
{
    public static MarketCsvOptions Default { get; } = new(TimeZoneInfo.Utc);
}
