using MathNet.Numerics.Distributions;
using Project01.DeepForecasting.Networks.DeepAr;
using static TorchSharp.torch;

namespace Project01.DeepForecasting.Tests.DeepAr;

public sealed class LikelihoodTests
{
    [Theory]
    [InlineData(0.3, 0.1, 0.5)]
    [InlineData(-1.2, 0.4, 0.05)]
    [InlineData(2.0, -1.0, 2.0)]
    public void GaussianNegativeLogLikelihoodMatchesTheDensity(double y, double mu, double sigma)
    {
        var expected = -Normal.PDFLn(mu, sigma, y);
        using var nll = Likelihoods.GaussianNll(tensor(new[] { (float)y }), tensor(new[] { (float)mu }), tensor(new[] { (float)sigma }));
        Assert.Equal(expected, nll.item<float>(), 4);
    }

    [Theory]
    [InlineData(0.3, 0.1, 0.5, 3.0)]
    [InlineData(-1.2, 0.4, 0.05, 2.5)]
    [InlineData(2.0, -1.0, 2.0, 30.0)]
    public void StudentTNegativeLogLikelihoodMatchesTheDensity(double y, double mu, double sigma, double nu)
    {
        var expected = -StudentT.PDFLn(mu, sigma, nu, y);
        using var nll = Likelihoods.StudentTNll(tensor(new[] { (float)y }), tensor(new[] { (float)mu }), tensor(new[] { (float)sigma }), tensor(new[] { (float)nu }));
        Assert.Equal(expected, nll.item<float>(), 3);
    }

    [Fact]
    public void HandComputedGaussianValue()
    {
        // y = 1, μ = 0, σ = 2: ½ ln 2π + ln 2 + 1/8.
        using var nll = Likelihoods.GaussianNll(tensor(new[] { 1f }), tensor(new[] { 0f }), tensor(new[] { 2f }));
        Assert.Equal(0.5 * Math.Log(2 * Math.PI) + Math.Log(2) + 0.125, nll.item<float>(), 5);
    }

    [Fact]
    public void QuantilesAreTheDistributionsOwn()
    {
        Assert.Equal(1.2815515655446004, Likelihoods.StandardQuantile(Likelihoods.Gaussian, 0.9, double.NaN), 12);
        // t with 4 degrees of freedom: 90 % quantile 1.5332 (statistical tables).
        Assert.Equal(1.5332, Likelihoods.StandardQuantile(Likelihoods.StudentT, 0.9, 4), 4);
        Assert.Throws<ArgumentException>(() => Likelihoods.StandardQuantile("poisson", 0.9, 1));
    }
}
