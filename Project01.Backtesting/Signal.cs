namespace Project01.Backtesting;

/// <summary>
/// A forecast known at the close of <see cref="Date"/> and what holding the symbol until the next period's close then
/// returned (a simple return, e.g. exp(ret1) − 1). A strategy sees only <see cref="Score"/>; the backtester applies
/// <see cref="Return"/> afterwards.
/// </summary>
public readonly record struct Signal(DateTime Date, string Symbol, double Score, double Return)
{
    /// <summary>From a ret1 forecast and its realised log return.</summary>
    public static Signal FromLogReturn(DateTime date, string symbol, double score, double logReturn) => new(date, symbol, score, Math.Exp(logReturn) - 1);
}
