using static TorchSharp.torch;

namespace Project01.DeepForecasting.Networks.DeepAr;

/// <summary>
/// DeepAR's output distributions (Salinas et al. 2020) as negative log-likelihoods per observation, and their
/// quantiles. Student-t has heavier tails than the Gaussian: daily returns and log volatilities both have them.
/// </summary>
public static class Likelihoods
{
    public const string Gaussian = "gaussian";
    public const string StudentT = "student-t";

    /// <summary>−log N(y; μ, σ²) = ½ log 2π + log σ + (y − μ)² / 2σ².</summary>
    public static Tensor GaussianNll(Tensor y, Tensor mu, Tensor sigma) =>
        0.5 * Math.Log(2 * Math.PI) + sigma.log() + (y - mu).pow(2) / (2 * sigma.pow(2));

    /// <summary>−log t_ν(y; μ, σ) = −lnΓ((ν+1)/2) + lnΓ(ν/2) + ½ ln(νπ) + ln σ + (ν+1)/2 · ln(1 + ((y − μ)/σ)² / ν).</summary>
    public static Tensor StudentTNll(Tensor y, Tensor mu, Tensor sigma, Tensor nu)
    {
        var z = (y - mu) / sigma;
        return -lgamma((nu + 1) / 2) + lgamma(nu / 2) + 0.5 * (nu * Math.PI).log() + sigma.log() + (nu + 1) / 2 * (1 + z.pow(2) / nu).log();
    }

    /// <summary>The standardised distribution's quantile at <paramref name="p"/> (Gaussian: Φ⁻¹; Student-t with ν degrees of freedom).</summary>
    public static double StandardQuantile(string likelihood, double p, double nu) => likelihood switch
    {
        Gaussian => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p),
        StudentT => MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, nu, p),
        _ => throw new ArgumentException($"unknown likelihood '{likelihood}' (known: {Gaussian}, {StudentT})"),
    };

    public static void Validate(string likelihood)
    {
        if (likelihood is not (Gaussian or StudentT)) throw new ArgumentException($"unknown likelihood '{likelihood}' (known: {Gaussian}, {StudentT})");
    }
}
