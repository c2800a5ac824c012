using Project01.FeaturePipelines;
using Project01.FeatureStore.Registry;

namespace Project01.FeaturePipelines.Tests;

public sealed class MacroFeaturePipelineTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void EachPublicationDateCarriesTheLatestPublishedValueOfEverySeries()
    {
        var rows = MacroFeaturePipeline.Build(
        [
            new("US.TBILRATE", D(2000, 3, 31), D(2000, 6, 29), 5.0),
            new("US.REALGDP", D(2000, 3, 31), D(2000, 6, 29), 100),
            new("US.REALGDP", D(2000, 6, 30), D(2000, 9, 28), 101),
            new("US.UNEMP", D(2000, 6, 30), D(2000, 9, 28), 4.0),
        ], DateTime.UtcNow);

        Assert.Equal([new DateTime(2000, 6, 29, 0, 0, 0, DateTimeKind.Utc), new DateTime(2000, 9, 28, 0, 0, 0, DateTimeKind.Utc)], rows.Select(r => r.EventTime));
        int Col(string name) => Array.IndexOf(MacroFeatures.Names, name);
        Assert.Equal(5.0, rows[0].Values[Col("tbilrate")]);
        Assert.True(double.IsNaN(rows[0].Values[Col("unemp")])); // not published yet
        Assert.True(double.IsNaN(rows[0].Values[Col("realgdp_growth")])); // growth needs two quarters
        Assert.Equal(5.0, rows[1].Values[Col("tbilrate")]); // carried forward
        Assert.Equal(4.0, rows[1].Values[Col("unemp")]);
        Assert.Equal(400 * Math.Log(101.0 / 100), rows[1].Values[Col("realgdp_growth")], 12);
    }
}
