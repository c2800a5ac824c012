using Project01.Core.Market;

namespace Project01.Core.Indicators;

/// <summary>A streaming indicator over bars (high/low/close/volume).</summary>
public abstract class BarIndicator(string name, int warmUpPeriod) : IndicatorBase<Bar>(name, warmUpPeriod);
