using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;

namespace Project01.Dashboard.Components.Charts;

/// <summary>What every chart shares: transparent backgrounds that follow the MudBlazor theme, a horizontal legend,
/// and a config without the Plotly logo (the library is served locally: no CDN).</summary>
public static class ChartTheme
{
    /// <summary>Values for a trace: a missing or non-finite value is a gap (JSON null), as Plotly expects — JSON has no NaN.</summary>
    public static IList<object> Values(IEnumerable<double?> values) => values.Select(v => v is { } x && double.IsFinite(x) ? (object)x : null!).ToList();

    public static Config Config() => new() { Responsive = true, DisplayLogo = false };

    public static string Text(bool dark) => dark ? "#e0e0e0" : "#212121";

    public static string Grid(bool dark) => dark ? "rgba(255,255,255,0.08)" : "rgba(0,0,0,0.08)";

    public static Plotly.Blazor.Layout Base(bool dark, int height, bool legend = true) => new()
    {
        Height = height,
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        Font = new Font { Color = Text(dark) },
        Margin = new Margin { L = 60, R = 20, T = 30, B = 40 },
        ShowLegend = legend,
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.08m }],
    };

    public static XAxis DateAxis(bool dark) => new()
    {
        Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, GridColor = Grid(dark),
        RangeSlider = new Plotly.Blazor.LayoutLib.XAxisLib.RangeSlider { Visible = false },
    };

    public static YAxis Axis(bool dark, string title, decimal from, decimal to, string? format = null) => new()
    {
        Domain = [from, to], Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = title }, GridColor = Grid(dark), TickFormat = format,
    };
}
