using Microsoft.AspNetCore.Components;
using Plotly.Blazor;

namespace Project01.Dashboard.Components.Charts;

/// <summary>
/// What every chart component has: the theme it draws in (cascaded from the layout), the Plotly element, its
/// traces and layout (built in <c>OnParametersSet</c>), and a re-draw after each later render so new data shows.
/// </summary>
public abstract class ChartBase : ComponentBase
{
    [CascadingParameter(Name = "DarkMode")] public bool Dark { get; set; } = true;

    protected PlotlyChart? _chart;
    protected readonly Config _config = ChartTheme.Config();
    protected Plotly.Blazor.Layout _layout = new();
    protected IList<ITrace> _data = new List<ITrace>();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender && _chart is not null) await _chart.React();
    }
}
