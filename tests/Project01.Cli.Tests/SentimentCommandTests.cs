using Project01.Tests;
using System.Text.Json;

using Project01.Tests.Onnx;

namespace Project01.Cli.Tests;

public sealed class SentimentCommandTests
{
    private static JsonElement[] JsonLines(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    [Fact]
    public async Task ScoresArgumentsWithTheBundledLexiconOneJsonObjectPerText()
    {
        var run = await P01.RunAsync("sentiment", "Profits rose and growth was excellent.", "The results were not good.", "The board meets on Tuesday.");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = JsonLines(run.Stdout);
        Assert.Equal(3, lines.Length);
        Assert.Equal(["positive", "negative", "neutral"], lines.Select(l => l.GetProperty("label").GetString()));
        Assert.Equal("The results were not good.", lines[1].GetProperty("text").GetString());
        Assert.All(lines, l =>
        {
            Assert.InRange(l.GetProperty("score").GetDouble(), -1, 1);
            Assert.Equal("lexicon:afinn-financialmarketnews", l.GetProperty("scorer").GetString());
        });
        Assert.Equal(0, lines[2].GetProperty("score").GetDouble());
        Assert.Contains("3 text(s) scored by lexicon", run.Stderr);
    }

    [Fact]
    public async Task ScoresJsonLinesKeepingLineNumbersAndIds()
    {
        var input = Path.Combine(TestPaths.NewTempDirectory("sent"), "news.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id":"r-1","text":"Shares plunged after the bankruptcy filing."}""",
            "",
            """{"id":42,"text":"Strong gains lifted profits."}""",
            """{"headline":"ignored","text":"Oil output was unchanged."}""",
        ], TestContext.Current.CancellationToken);

        var run = await P01.RunAsync("sentiment", "--input", input);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = JsonLines(run.Stdout);
        Assert.Equal([1, 3, 4], lines.Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal("r-1", lines[0].GetProperty("id").GetString());
        Assert.Equal(42, lines[1].GetProperty("id").GetInt32());
        Assert.False(lines[2].TryGetProperty("id", out _));
        Assert.Equal(["negative", "positive", "neutral"], lines.Select(l => l.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task ScoresTheBundledReutersFileByItsTextField()
    {
        var run = await P01.RunAsync("sentiment", "--input", TestPaths.BundledData("reuters-1987-news.jsonl"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = JsonLines(run.Stdout);
        Assert.Equal(70, lines.Length);
        Assert.Equal("127", lines[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task ABadJsonLineStopsTheRunNamingFileAndLineBeforeAnyOutput()
    {
        var dir = TestPaths.NewTempDirectory("sent");
        var broken = Path.Combine(dir, "broken.jsonl");
        await File.WriteAllTextAsync(broken, "{\"text\":\"good\"}\n{\"text\": good}\n", TestContext.Current.CancellationToken);
        var run = await P01.RunAsync("sentiment", "--input", broken);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("error: broken.jsonl:2: not valid JSON", run.Stderr.Trim());
        Assert.Single(run.Stderr.Trim().Split('\n'));

        var missing = Path.Combine(dir, "missing-field.jsonl");
        await File.WriteAllTextAsync(missing, "{\"text\":\"good\"}\n{\"body\":\"good\"}\n", TestContext.Current.CancellationToken);
        run = await P01.RunAsync("sentiment", "--input", missing);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("missing-field.jsonl:2: no string field 'text'", run.Stderr);

        run = await P01.RunAsync("sentiment", "--input", missing, "--field", "body");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("missing-field.jsonl:1: no string field 'body'", run.Stderr);
    }

    [Fact]
    public async Task UsesAnOnnxModelWhenGivenOneAndReportsIt()
    {
        var dir = TestPaths.NewTempDirectory("sent");
        var vocab = TestVocabulary.WriteTo(dir);
        var model = Path.Combine(dir, "tiny-finbert.onnx");
        await File.WriteAllBytesAsync(model, TinySentimentModel.ForVocabulary(TestVocabulary.Tokens).ToOnnx(), TestContext.Current.CancellationToken);

        var run = await P01.RunAsync("sentiment", "--model", model, "--vocab", vocab, "--batch-size", "1", "Profit rose, a strong quarter.", "Weak sales and a loss.");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = JsonLines(run.Stdout);
        Assert.Equal(["positive", "negative"], lines.Select(l => l.GetProperty("label").GetString()));
        Assert.All(lines, l => Assert.Equal("onnx:tiny-finbert", l.GetProperty("scorer").GetString()));
        Assert.Contains("onnx:tiny-finbert on CPU", run.Stderr);
    }

    [Fact]
    public async Task RejectsBadModelsAndArgumentsWithOneClearLine()
    {
        var dir = TestPaths.NewTempDirectory("sent");
        var vocab = TestVocabulary.WriteTo(dir);
        var garbage = Path.Combine(dir, "garbage.onnx");
        await File.WriteAllTextAsync(garbage, "not a model", TestContext.Current.CancellationToken);

        var run = await P01.RunAsync("sentiment", "--model", garbage, "--vocab", vocab, "text");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {garbage}: not a loadable ONNX model", run.Stderr.Trim());

        run = await P01.RunAsync("sentiment", "--model", garbage, "text");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--model and --vocab go together", run.Stderr);

        run = await P01.RunAsync("sentiment", "--cuda", "text");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--cuda needs --model", run.Stderr);

        run = await P01.RunAsync("sentiment");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("give texts as arguments or --input", run.Stderr);

        run = await P01.RunAsync("sentiment", "--input", Path.Combine(dir, "absent.jsonl"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("input file not found", run.Stderr);
    }
}
