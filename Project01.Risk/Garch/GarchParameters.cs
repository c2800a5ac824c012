namespace Project01.Risk.Garch;

/// <summary>
/// GARCH(1,1) with a constant mean on daily log returns: r_t = μ + ε_t, ε_t = σ_t z_t,
/// σ²_t = ω + (α + γ·1[ε_{t−1} &lt; 0]) ε²_{t−1} + β σ²_{t−1}. With γ = 0 it is Bollerslev's GARCH(1,1); with γ &gt; 0 it
/// is GJR-GARCH (Glosten, Jagannathan and Runkle 1993): a fall raises tomorrow's variance more than a rise of the same
/// size, the leverage effect of equity indices. Stationary (persistence &lt; 1) by construction of the fit.
/// </summary>
public sealed record GarchParameters(double Mu, double Omega, double Alpha, double Beta, double Gamma = 0)
{
    /// <summary>α + β + γ/2: how much of today's variance carries to tomorrow on average (a shock is negative half the
    /// time under a symmetric distribution).</summary>
    public double Persistence => Alpha + Beta + Gamma / 2;

    /// <summary>The long-run variance ω / (1 − persistence) the forecasts revert to.</summary>
    public double UnconditionalVariance => Omega / (1 - Persistence);

    /// <summary>σ²_{t+1} from today's shock and variance.</summary>
    public double NextVariance(double shock, double variance) =>
        Omega + (shock < 0 ? Alpha + Gamma : Alpha) * shock * shock + Beta * variance;
}
