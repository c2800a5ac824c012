using Project01.Serving.Forecasting;

namespace Project01.Serving.Tests;

public sealed class NextSessionTests
{
    [Theory]
    [InlineData("2024-03-04", "2024-03-05")] // Monday → Tuesday
    [InlineData("2024-03-07", "2024-03-08")] // Thursday → Friday
    [InlineData("2024-03-08", "2024-03-11")] // Friday → Monday
    [InlineData("2024-03-09", "2024-03-11")] // Saturday → Monday
    [InlineData("2024-03-10", "2024-03-11")] // Sunday → Monday
    public void TheNextSessionIsTheNextWeekday(string bar, string next)
    {
        var t = DateTime.SpecifyKind(DateTime.Parse(bar, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
        Assert.Equal(DateTime.SpecifyKind(DateTime.Parse(next, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
            ForecastEngine.NextSession(t));
    }

    [Fact]
    public void TheTimeOfDayAndKindAreKept()
    {
        var friday = new DateTime(2024, 3, 8, 21, 0, 0, DateTimeKind.Utc);
        var next = ForecastEngine.NextSession(friday);
        Assert.Equal(new DateTime(2024, 3, 11, 21, 0, 0, DateTimeKind.Utc), next);
        Assert.Equal(DateTimeKind.Utc, next.Kind);
    }
}
