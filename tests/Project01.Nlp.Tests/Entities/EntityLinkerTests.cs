using Project01.Nlp.Corpora;
using Project01.Nlp.Entities;
using Project01.Tests;

namespace Project01.Nlp.Tests.Entities;

public sealed class EntityLinkerTests
{
    private static readonly EntityLinker Linker = new();

    private static (string Symbol, string Text, EntityLinkMethod Method)[] Links(string text) =>
        [.. Linker.Link(text).Select(m => (m.Symbol, m.Text, m.Method))];

    [Fact]
    public void TheDirectoryCoversExactlyTheBundledDowUniverseAndSpx()
    {
        var dow = File.ReadLines(TestPaths.BundledData("dowjones30-daily-close-1991-2000.csv")).Skip(1)
            .Select(l => l.Split(',')[1]).ToHashSet();
        Assert.Equal(30, dow.Count);
        Assert.Equal([.. dow.Append("SPX").Order()], Linker.Directory.Symbols.Order());
        Assert.All(Linker.Directory.Symbols, s => Assert.Contains(s, Linker.Directory.Names.Values));
    }

    [Fact]
    public void LinksCashtagsInAnyCaseWithTheirOffsets()
    {
        const string text = "Bought more $MSFT and $intc today; $XYZ is not ours and $5 is a price.";
        var matches = Linker.Link(text);
        Assert.Equal(
            [new EntityMatch("MSFT", "$MSFT", 12, EntityLinkMethod.Cashtag), new EntityMatch("INTC", "$intc", 22, EntityLinkMethod.Cashtag)],
            matches);
        Assert.All(matches, m => Assert.Equal(m.Text, text.Substring(m.Offset, m.Length)));
    }

    [Fact]
    public void LinksCompanyNamesAndAliasesOfTheEra()
    {
        Assert.Equal(
            [("MO", "Philip Morris", EntityLinkMethod.CompanyName), ("T", "AT&T", EntityLinkMethod.CompanyName),
             ("HWP", "Hewlett-Packard", EntityLinkMethod.CompanyName), ("AA", "Alcoa", EntityLinkMethod.CompanyName)],
            Links("Philip Morris and AT&T gained while Hewlett-Packard and Alcoa slipped."));
        Assert.Equal([("XOM", "Exxon Mobil", EntityLinkMethod.CompanyName)], Links("Exxon Mobil rose 2 pct.")); // longest alias wins
        Assert.Equal([("MCD", "McDonald's", EntityLinkMethod.CompanyName), ("SPX", "S&P 500", EntityLinkMethod.CompanyName)],
            Links("McDonald's lagged the S&P 500."));
        Assert.Equal([("DD", "du Pont", EntityLinkMethod.CompanyName)], Links("E.I. du Pont de Nemours"[5..]));
    }

    [Fact]
    public void NamesMatchWholeWordsOnlyAndAsWrittenOrInCapitals()
    {
        Assert.Empty(Linker.Link("Intelligence reports on the merck of disney"));
        Assert.Empty(Linker.Link("Intelsat and Boeingesque designs"));
        Assert.Equal([("BA", "BOEING", EntityLinkMethod.CompanyName)], Links("BOEING WINS ORDER"));
        Assert.Equal([("AXP", "American\n    Express", EntityLinkMethod.CompanyName)], Links("shares of American\n    Express rose"));
    }

    [Fact]
    public void LinksBareTickersButNotStopListedWordsOrSingleLetters()
    {
        Assert.Equal([("GE", "GE", EntityLinkMethod.Ticker), ("IBM", "IBM", EntityLinkMethod.Ticker)],
            Links("GE rose while IBM fell, A analyst said IT spending ON hold hit T and C."));
        // AA is a credit rating and MO a state here, not Alcoa or Philip Morris.
        Assert.Empty(Linker.Link("The bonds are rated AA by S&P; the plant is in St. Louis, MO."));
        Assert.Empty(Linker.Link("ge and ibm in lower case are not tickers"));
    }

    [Fact]
    public void BracketedTickersAlwaysLinkAndHistoricalTickersResolve()
    {
        Assert.Equal([("T", "T", EntityLinkMethod.Ticker), ("C", "C", EntityLinkMethod.Ticker), ("MO", "MO", EntityLinkMethod.Ticker)],
            Links("shares of <T>, (C) and <MO> rose"));
        Assert.Equal([("XOM", "XON", EntityLinkMethod.Ticker)], Links("a stake in <XON>"));
        Assert.Equal([("XOM", "$XON", EntityLinkMethod.Cashtag)], Links("$XON"));
    }

    [Fact]
    public void InAllCapitalsHeadingsShortTickersNeedBrackets()
    {
        // In a heading every word is upper case: "GE" there could be anything, "<GE>" cannot.
        Assert.Empty(Linker.Link("HOME PRICES GE UP AT RECORD PACE IN JANUARY"));
        Assert.Equal([("GE", "GE", EntityLinkMethod.Ticker)], Links("PROFIT AT CONGLOMERATE <GE> UP IN JANUARY"));
        Assert.Equal([("IBM", "IBM", EntityLinkMethod.Ticker)], Links("IBM CUTS PRICES OF PERSONAL COMPUTERS"));
    }

    [Fact]
    public void LinksTheReutersArticlesThatMentionUniverseCompanies()
    {
        var articles = ReutersCorpus.Load().ToDictionary(a => a.Id);

        // 273: "The four -- Exxon Corp <XON>, Mobil Corp <MOB>, Texaco Inc <TX> and Chevron Corp <CHV> -- ..."
        var exxon = Linker.Link(articles["273"].FullText);
        Assert.Equal([("XOM", "Exxon", EntityLinkMethod.CompanyName), ("XOM", "XON", EntityLinkMethod.Ticker)],
            exxon.Select(m => (m.Symbol, m.Text, m.Method)));
        Assert.Equal('<', articles["273"].FullText[exxon[1].Offset - 1]);

        // 110: heading "AMERICAN EXPRESS <AXP> SEEN IN POSSIBLE SPINNOFF", then the name throughout the body.
        var amex = Linker.Link(articles["110"].FullText);
        Assert.Equal(("AXP", "AMERICAN EXPRESS", EntityLinkMethod.CompanyName, 0), (amex[0].Symbol, amex[0].Text, amex[0].Method, amex[0].Offset));
        Assert.Equal(("AXP", "AXP", EntityLinkMethod.Ticker), (amex[1].Symbol, amex[1].Text, amex[1].Method));
        Assert.True(amex.Count > 10);
        Assert.All(amex, m => Assert.Equal("AXP", m.Symbol));

        // Every other article is about companies outside the universe (Texaco, Unocal, Viacom...): no false links.
        var linked = articles.Values.Where(a => Linker.Link(a.FullText).Count > 0).Select(a => a.Id).Order();
        Assert.Equal(["110", "273", "362"], linked);
        Assert.Equal(["AXP"], Linker.Symbols(articles["362"].FullText));
    }

    [Fact]
    public void ABadDirectoryLineNamesTheSourceAndLine()
    {
        var e = Assert.Throws<FormatException>(() => CompanyDirectory.Load(new StringReader("symbol,alias,kind\nGE,General Electric,name\nGM,General Motors,nickname\n"), "names.csv"));
        Assert.StartsWith("names.csv:3:", e.Message);
        var clash = Assert.Throws<FormatException>(() => CompanyDirectory.Load(new StringReader("symbol,alias,kind\nGE,General,name\nGM,General,name\n"), "names.csv"));
        Assert.Contains("already refers to GE", clash.Message);
    }
}
