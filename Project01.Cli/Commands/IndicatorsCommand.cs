using System.ComponentModel;
using Project01.Cli.Console;
using Project01.Core.Features;
using Project01.Core.Market;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands;

public sealed class IndicatorsCommand : Command<IndicatorsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--input <CSV>")]
        [Description("bars: date,open,high,low,close,volume (or date,close: then only close-based indicators)")]
        public string Input { get; init; } = "";

        [CommandOption("--output <CSV>")]
        [Description("where to write date,sma20,ema20,rsi14,atr14,tr,macd,macd_signal,bb_dn,bb_mavg,bb_up,bb_pctb,sd20 (omit for stdout)")]
        public string? Output { get; init; }

        [CommandOption("--tz <ZONE>")]
        [Description("time zone of date-times written without one, e.g. America/New_York (default UTC); output is always UTC")]
        public string? TimeZone { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            string.IsNullOrEmpty(Input) ? Spectre.Console.ValidationResult.Error("--input is required") : Spectre.Console.ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Input))
        {
            Stderr.Error($"input file not found: {settings.Input}");
            return 2;
        }
        // Read everything first: a bad row must stop the run before any output is written.
        var source = Path.GetFileName(settings.Input);
        var csv = new MarketCsvReader(source, "SERIES", new MarketCsvOptions(TimeZones.Find(settings.TimeZone)));
        var bars = new List<Bar>();
        using (var reader = new StreamReader(settings.Input))
            foreach (var row in csv.ReadAll(reader))
            {
                if (row.Error is { } error) throw error.ToException();
                if (bars.Count > 0 && row.Bar.Time <= bars[^1].Time)
                    throw new CsvDataException(source, row.Line, "date", $"{MarketTimestamp.Format(row.Bar.Time, daily: false)} does not come after the previous row's {MarketTimestamp.Format(bars[^1].Time, daily: false)}");
                bars.Add(row.Bar);
            }
        if (csv.Layout!.HasSymbol) throw new CsvDataException(source, 1, "symbol", "p01 indicators takes one series; split a panel by symbol first");
        var hasHighLow = csv.Layout.HasOhlc;
        using var output = Stderr.OpenOutput(settings.Output);
        var rows = IndicatorReport.Write(bars, hasHighLow, output);
        output.Flush();
        Stderr.Info($"{rows} rows{(hasHighLow ? "" : " (close only: tr and atr14 left empty)")}");
        return 0;
    }
}
