using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Project01.Cli.Commands.Modeling;
using Project01.Cli.Console;
using Project01.Portfolios.Backtest;
using Project01.Portfolios.Ppo;
using Project01.Portfolios.Ppo.Comparison;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Portfolios;

/// <summary>
/// Walk-forward backtest of portfolio methods on a panel of daily closes (date,symbol,close): equal weight (bought and
/// held, and rebalanced), long-only mean-variance and minimum variance on Ledoit–Wolf covariance, risk parity, and a
/// PPO agent trained on the years before the test span. One JSON object on stdout.
/// </summary>
public sealed class PortfolioCommand : Command<PortfolioCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--input <CSV>")]
        [Description("daily closes of several symbols, long format date,symbol,close")]
        public string Input { get; init; } = "";

        [CommandOption("--test-start <DATE>")]
        [Description("first day of the out-of-sample span (yyyy-MM-dd); every decision uses only returns before the day it earns")]
        public string TestStart { get; init; } = "";

        [CommandOption("--method <METHOD>")]
        [Description("all, ew (equal weight rebalanced; ew-buy-hold always runs as the benchmark), mv, min-var, rp or ppo (default all)")]
        public string Method { get; init; } = "all";

        [CommandOption("--cost-bps <BPS>")]
        [Description("transaction cost in basis points of traded notional (default 10)")]
        public double CostBps { get; init; } = 10;

        [CommandOption("--rebalance <WHEN>")]
        [Description("monthly or daily (default monthly)")]
        public string Rebalance { get; init; } = "monthly";

        [CommandOption("--window <DAYS>")]
        [Description("trailing estimation window in trading days (default 252)")]
        public int Window { get; init; } = 252;

        [CommandOption("--risk-aversion <LAMBDA>")]
        [Description("mean-variance λ in μᵀw − (λ/2)wᵀΣw, annualised units (default 10)")]
        public double RiskAversion { get; init; } = 10;

        [CommandOption("--cap <WEIGHT>")]
        [Description("largest weight mean-variance may give one asset (default 0.2)")]
        public double Cap { get; init; } = 0.2;

        [CommandOption("--seed <N>")]
        [Description("PPO's random seed (default 1)")]
        public int Seed { get; init; } = 1;

        public override ValidationResult Validate()
        {
            if (string.IsNullOrEmpty(Input)) return ValidationResult.Error("--input is required");
            if (ParseDate(TestStart) is null) return ValidationResult.Error($"--test-start: '{TestStart}' is not a date (yyyy-MM-dd)");
            if (Method != PortfolioComparison.All && !PortfolioComparison.Methods.Contains(Method))
                return ValidationResult.Error($"--method is all or one of {string.Join(", ", PortfolioComparison.Methods)}, not '{Method}'");
            if (ParseRebalance(Rebalance) is null) return ValidationResult.Error($"--rebalance is monthly or daily, not '{Rebalance}'");
            if (!(CostBps >= 0)) return ValidationResult.Error("--cost-bps cannot be negative");
            if (Window < 20) return ValidationResult.Error("--window needs at least 20 days");
            if (!(RiskAversion > 0)) return ValidationResult.Error("--risk-aversion must be positive");
            return Cap is > 0 and <= 1 ? ValidationResult.Success() : ValidationResult.Error("--cap is a weight in (0, 1]");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Input))
        {
            Stderr.Error($"input file not found: {settings.Input}");
            return 2;
        }
        var (bars, _) = BarFile.Read(settings.Input);
        var panel = ReturnPanel.FromCloses(bars);
        if (settings.Cap * panel.Symbols.Count < 1) throw new ArgumentException($"--cap {settings.Cap} on {panel.Symbols.Count} assets cannot sum to one");
        var options = new PortfolioBacktestOptions(ParseDate(settings.TestStart)!.Value, settings.Window, settings.CostBps, ParseRebalance(settings.Rebalance)!.Value);
        Stderr.Info($"{panel.Symbols.Count} assets, {panel.Dates.Count} daily returns {panel.Dates[0]:yyyy-MM-dd}..{panel.Dates[^1]:yyyy-MM-dd}; test from {options.TestStart:yyyy-MM-dd}, {options.CostBps} bp costs, {settings.Rebalance} rebalancing");

        // The PPO agent's networks are small: on more threads libtorch's ops only wait on each other.
        TorchSharp.torch.set_num_threads(1);
        var comparison = new PortfolioComparisonSettings(settings.Method, settings.RiskAversion, settings.Cap, new PpoOptions { Seed = settings.Seed });
        var runs = PortfolioComparison.Run(panel, options, comparison, Stderr.Info, cancellationToken);
        using (var json = new Utf8JsonWriter(System.Console.OpenStandardOutput()))
            PortfolioJson.Write(json, Path.GetFileName(settings.Input), panel, options, runs);
        System.Console.Out.WriteLine();
        return 0;
    }

    private static DateTime? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            : null;

    private static Rebalance? ParseRebalance(string text) => text switch
    {
        "monthly" => Project01.Portfolios.Backtest.Rebalance.Monthly,
        "daily" => Project01.Portfolios.Backtest.Rebalance.Daily,
        _ => null,
    };
}
