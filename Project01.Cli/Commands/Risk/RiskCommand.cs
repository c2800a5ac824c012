using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Project01.Cli.Commands.Modeling;
using Project01.Cli.Console;
using Project01.Risk;
using Project01.Risk.Backtests;
using Project01.Risk.Garch;
using Project01.Risk.Returns;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Risk;

/// <summary>
/// GARCH(1,1) + filtered historical simulation on one series' daily log returns: the latest 1- and 10-day VaR and ES,
/// and an out-of-sample backtest of the test span (Kupiec, Christoffersen, ES ratio). One JSON object on stdout.
/// </summary>
public sealed class RiskCommand : Command<RiskCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--input <CSV>")]
        [Description("date,close (plus open,high,low,volume when present) for one series; returns are close to close")]
        public string Input { get; init; } = "";

        [CommandOption("--test-start <DATE>")]
        [Description("first day forecast out of sample (yyyy-MM-dd); every forecast uses only returns before its day")]
        public string TestStart { get; init; } = "";

        [CommandOption("--test-end <DATE>")]
        [Description("last day of the test span (yyyy-MM-dd); later rows are ignored, the latest estimate included (default: the file's end)")]
        public string? TestEnd { get; init; }

        [CommandOption("--paths <N>")]
        [Description("simulated paths per forecast (default 10000)")]
        public int Paths { get; init; } = 10_000;

        [CommandOption("--seed <N>")]
        [Description("random seed: the same seed gives the same figures (default 1)")]
        public int Seed { get; init; } = 1;

        [CommandOption("--refit-every <BARS>")]
        [Description("refit the GARCH parameters every this many test days; volatility updates daily (default 20)")]
        public int RefitEvery { get; init; } = 20;

        [CommandOption("--levels <LEVELS>")]
        [Description("VaR confidence levels, comma-separated (default 0.95,0.99)")]
        public string Levels { get; init; } = "0.95,0.99";

        [CommandOption("--model <MODEL>")]
        [Description("variance model: gjr (GJR-GARCH(1,1), falls raise volatility more than rises; default) or garch (GARCH(1,1))")]
        public string Model { get; init; } = "gjr";

        public override ValidationResult Validate()
        {
            if (ParseModel(Model) is null) return ValidationResult.Error($"--model: '{Model}' is not a model; use gjr or garch");
            if (string.IsNullOrEmpty(Input)) return ValidationResult.Error("--input is required");
            if (string.IsNullOrEmpty(TestStart)) return ValidationResult.Error("--test-start is required");
            if (ParseDate(TestStart) is null) return ValidationResult.Error($"--test-start: '{TestStart}' is not a date (yyyy-MM-dd)");
            if (TestEnd is not null && ParseDate(TestEnd) is null) return ValidationResult.Error($"--test-end: '{TestEnd}' is not a date (yyyy-MM-dd)");
            if (TestEnd is not null && ParseDate(TestEnd) < ParseDate(TestStart)) return ValidationResult.Error("--test-end comes before --test-start");
            if (RefitEvery < 1) return ValidationResult.Error($"--refit-every is a number of days, at least 1, not {RefitEvery}");
            if (ParseLevels(Levels) is not { } levels) return ValidationResult.Error($"--levels: '{Levels}' is not a list of numbers such as 0.95,0.99");
            return Options(levels).Validate() is { } problem ? ValidationResult.Error(problem) : ValidationResult.Success();
        }

        public VarBacktestOptions Options(IReadOnlyList<double> levels) => new()
        {
            Risk = new RiskOptions { Levels = levels, Paths = Paths, Seed = Seed, Model = ParseModel(Model)!.Value },
            RefitEvery = RefitEvery,
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Input))
        {
            Stderr.Error($"input file not found: {settings.Input}");
            return 2;
        }
        var levels = ParseLevels(settings.Levels)!;
        var testStart = ParseDate(settings.TestStart)!.Value;
        var (bars, _) = BarFile.Read(settings.Input);
        var returns = DatedReturns.FromCloses(bars);
        if (ParseDate(settings.TestEnd) is { } testEnd) returns = returns.Through(testEnd);
        var first = returns.IndexOnOrAfter(testStart);
        if (first >= returns.Count) throw new ArgumentException($"no return on or after --test-start {settings.TestStart}");

        var options = settings.Options(levels);
        Stderr.Info($"backtest: {returns.Count - first} days from {returns.Dates[first]:yyyy-MM-dd}, first fit on the {first} returns before it, refits every {settings.RefitEvery} days, {settings.Paths} paths");
        var backtest = VarBacktest.Run(returns.Values, first, options, new SyncProgress(Stderr.Info));
        var latest = RiskModel.Estimate(returns.Values, options.Risk);

        using (var json = new Utf8JsonWriter(System.Console.OpenStandardOutput()))
            RiskJson.Write(json, Path.GetFileName(settings.Input), returns, latest, backtest, options);
        System.Console.Out.WriteLine();
        foreach (var level in backtest.Levels)
            Stderr.Info($"{level.Level:P0}: {level.Daily.Exceedances} exceedances in {level.Daily.Observations} days (expected {level.Daily.ExpectedExceedances:F1}), "
                + $"Kupiec p {level.Daily.Kupiec.PValue:F3}, Christoffersen p {level.Daily.Independence.PValue:F3}");
        return 0;
    }

    private static DateTime? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            : null;

    private static VolatilityModel? ParseModel(string text) => text.ToLowerInvariant() switch
    {
        "gjr" => VolatilityModel.GjrGarch,
        "garch" => VolatilityModel.Garch,
        _ => null,
    };

    private static double[]? ParseLevels(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var levels = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out levels[i])) return null;
        return levels.Length == 0 ? null : [.. levels.Distinct().Order()];
    }
}
