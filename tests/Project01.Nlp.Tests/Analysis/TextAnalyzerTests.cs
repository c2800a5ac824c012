using Project01.Nlp.Analysis;
using Project01.Nlp.Entities;
using Project01.Nlp.Sentiment.Lexicon;
using Project01.Nlp.Topics;

namespace Project01.Nlp.Tests.Analysis;

public sealed class TextAnalyzerTests
{
    [Fact]
    public void SymbolsFromTheSourceAreMergedWithLinkedOnes()
    {
        var analyzer = new TextAnalyzer(new LexiconSentimentScorer(), new EntityLinker(), topics: null);

        var result = analyzer.Analyze(["Exxon raises its dividend", "Shares rallied"], [["aapl"], []]);

        Assert.Equal(["AAPL", "XOM"], result[0].Symbols);
        Assert.Empty(result[1].Symbols);
        Assert.All(result, r => Assert.Equal("lexicon:afinn-financialmarketnews", r.Sentiment.Scorer));
        Assert.Null(result[0].Topic);
    }

    [Fact]
    public void TopicsComeFromTheClassifierWhenThereIsOne()
    {
        var analyzer = new TextAnalyzer(new LexiconSentimentScorer(), new EntityLinker(), TopicClassifier.TrainReuters());

        var result = analyzer.Analyze(["OPEC agreed to cut crude oil output to lift prices per barrel", "The company agreed to acquire the rival in a cash merger for 40 dlrs a share"]);

        Assert.Equal(["crude", "acq"], result.Select(r => r.Topic!.Topic));
    }

    [Fact]
    public void MismatchedSymbolListsAreRefused()
    {
        var analyzer = new TextAnalyzer(new LexiconSentimentScorer(), new EntityLinker(), topics: null);
        Assert.Throws<ArgumentException>(() => analyzer.Analyze(["a", "b"], [["X"]]));
    }
}
