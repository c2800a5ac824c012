namespace Project01.Risk.Garch;

/// <summary>
/// GARCH(1,1) with a constant mean on daily log returns: r_t = μ + ε_t, ε_t = σ_t z_t,
/// σ²_t = ω + α ε²_{t−1} + β σ²_{t−1}. Stationary (α + β &lt; 1) by construction of the fit.
/// </summary>
public sealed record GarchParameters(double Mu, double Omega, double Alpha, double Beta)
{
    public double Persistence => Alpha + Beta;

    /// <summary>The long-run variance ω / (1 − α − β) the forecasts revert to.</summary>
    public double UnconditionalVariance => Omega / (1 - Persistence);

    /// <summary>σ²_{t+1} from today's shock and variance.</summary>
    public double NextVariance(double shock, double variance) => Omega + Alpha * shock * shock + Beta * variance;
}
