using Project01.Core.Market.CorporateActions;

namespace Project01.Ingestion.Import;

/// <param name="TimeZone">Zone of local date-times (IANA id); null: the format's default (UTC for generic and Yahoo files).</param>
/// <param name="Adjusted">Use adjusted prices where a file has an adjusted close (features and labels want them).</param>
/// <param name="Stamp">Override the format's convention for where a bar is stamped; null: the format's default.</param>
/// <param name="Splits">Known splits: bars before each are back-adjusted.</param>
/// <param name="AcceptJumps">Import series with split-like jumps anyway (a real 50 % crash, say); otherwise they are held back.</param>
public sealed record ImportOptions(
    VendorFormat Format = VendorFormat.Auto,
    string? TimeZone = null,
    bool Adjusted = true,
    BarStamp? Stamp = null,
    IReadOnlyList<StockSplit>? Splits = null,
    bool AcceptJumps = false,
    double SplitTolerance = SplitDetector.DefaultTolerance);
