using MathNet.Numerics.LinearAlgebra;

namespace Project01.Portfolios.Ppo;

/// <summary>
/// The agent's view of the market at a close: per asset the 5-, 21- and 63-day compounded returns and the 21-day
/// volatility (scaled to order one), then the weights held (assets and cash). Uses only returns up to that close.
/// </summary>
public static class PanelFeatures
{
    public const int Lookback = 63;

    public static int Size(int assets) => 4 * assets + assets + 1;

    /// <param name="returns">Rows of daily returns; the features read the <see cref="Lookback"/> rows ending at <paramref name="last"/>.</param>
    public static float[] At(Matrix<double> returns, int last, IReadOnlyList<double> held)
    {
        var n = returns.ColumnCount;
        var f = new float[Size(n)];
        for (var i = 0; i < n; i++)
        {
            f[4 * i] = (float)(10 * Compounded(returns, last, 5, i));
            f[4 * i + 1] = (float)(5 * Compounded(returns, last, 21, i));
            f[4 * i + 2] = (float)(2 * Compounded(returns, last, Lookback, i));
            double sum = 0, sum2 = 0;
            for (var t = last - 20; t <= last; t++) { sum += returns[t, i]; sum2 += returns[t, i] * returns[t, i]; }
            f[4 * i + 3] = (float)(50 * Math.Sqrt(Math.Max(sum2 / 21 - sum * sum / (21.0 * 21), 0)));
        }
        for (var i = 0; i <= n; i++) f[4 * n + i] = (float)(i < n ? held[i] : 1 - held.Sum());
        return f;
    }

    private static double Compounded(Matrix<double> returns, int last, int days, int asset)
    {
        var growth = 1.0;
        for (var t = last - days + 1; t <= last; t++) growth *= 1 + returns[t, asset];
        return growth - 1;
    }
}
