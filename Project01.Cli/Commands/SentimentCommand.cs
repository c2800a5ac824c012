using System.Buffers;
using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Project01.Cli.Console;
using Project01.Nlp.Sentiment;
using Project01.Nlp.Sentiment.Onnx;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands;

/// <summary>Sentiment of texts given as arguments or as JSON lines: one JSON object per text on stdout, with the scorer
/// that produced it (the bundled lexicon unless an ONNX model such as FinBERT is given).</summary>
public sealed class SentimentCommand : Command<SentimentCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[TEXT]")]
        [Description("texts to score (or --input)")]
        public string[] Texts { get; init; } = [];

        [CommandOption("--input <JSONL>")]
        [Description("one JSON object per line with a text field (and optionally id); output keeps line and id")]
        public string? Input { get; init; }

        [CommandOption("--field <NAME>")]
        [Description("the text field of --input lines (default text)")]
        public string Field { get; init; } = "text";

        [CommandOption("--model <ONNX>")]
        [Description("a BERT sequence classifier in ONNX, e.g. FinBERT (input_ids, attention_mask, token_type_ids → logits); default: the bundled finance lexicon")]
        public string? Model { get; init; }

        [CommandOption("--vocab <VOCAB_TXT>")]
        [Description("the model's WordPiece vocab.txt (required with --model)")]
        public string? Vocab { get; init; }

        [CommandOption("--labels <ORDER>")]
        [Description("the model's logits columns, comma separated (default ProsusAI/finbert's: positive,negative,neutral)")]
        public string Labels { get; init; } = OnnxSentimentOptions.FinBertLabelOrder;

        [CommandOption("--max-length <TOKENS>")]
        [Description("tokens per text incl. [CLS]/[SEP]; longer texts are truncated (default 512)")]
        public int MaxLength { get; init; } = 512;

        [CommandOption("--batch-size <N>")]
        [Description("texts per model call (default 16)")]
        public int BatchSize { get; init; } = 16;

        [CommandOption("--cuda")]
        [Description("try the CUDA execution provider first; falls back to CPU and says so")]
        public bool Cuda { get; init; }

        public override ValidationResult Validate() =>
            (Texts.Length > 0) == (Input is not null) ? ValidationResult.Error("give texts as arguments or --input <JSONL>, not both")
            : (Model is null) != (Vocab is null) ? ValidationResult.Error("--model and --vocab go together")
            : Cuda && Model is null ? ValidationResult.Error("--cuda needs --model (the lexicon runs on the CPU)")
            : ValidationResult.Success();
    }

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Input is not null && !File.Exists(settings.Input))
        {
            Stderr.Error($"input file not found: {settings.Input}");
            return 2;
        }
        // Read everything first: a bad line must stop the run before any output is written.
        var items = settings.Input is null
            ? [.. settings.Texts.Select(t => new Item(t, null, null))]
            : ReadJsonLines(settings.Input, settings.Field);

        using var loggers = LoggerFactory.Create(b => b
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace) // logs never mix with the JSON on stdout
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter(level => level >= LogLevel.Warning));
        ISentimentScorer scorer;
        try
        {
            scorer = SentimentScorers.Create(settings.Model is null ? null : new OnnxSentimentOptions
            {
                ModelPath = settings.Model,
                VocabPath = settings.Vocab!,
                LabelOrder = settings.Labels,
                MaxLength = settings.MaxLength,
                BatchSize = settings.BatchSize,
                PreferCuda = settings.Cuda,
            }, loggers);
        }
        catch (InvalidDataException e)
        {
            // A model that is not a sentiment classifier of the expected shape: the user's to fix, one line.
            Stderr.Error(e.Message);
            return 1;
        }
        try
        {
            if (scorer is OnnxSentimentScorer onnx) Stderr.Info($"{onnx.Name} on {onnx.ExecutionProvider}: {onnx.ExecutionProviderNote}");
            var scores = scorer.Score([.. items.Select(i => i.Text)]);
            var buffer = new ArrayBufferWriter<byte>();
            for (var i = 0; i < items.Count; i++)
            {
                buffer.ResetWrittenCount();
                using (var json = new Utf8JsonWriter(buffer, Compact)) Write(json, items[i], scores[i]);
                System.Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
            }
            System.Console.Out.Flush();
            Stderr.Info($"{items.Count} text(s) scored by {scorer.Name}");
        }
        finally
        {
            (scorer as IDisposable)?.Dispose();
        }
        return 0;
    }

    private static void Write(Utf8JsonWriter json, Item item, SentimentScore score)
    {
        json.WriteStartObject();
        if (item.Line is { } line)
        {
            json.WriteNumber("line", line);
            if (item.Id is { } id)
            {
                json.WritePropertyName("id");
                id.WriteTo(json);
            }
        }
        else
        {
            json.WriteString("text", item.Text);
        }
        json.WriteString("label", score.Label);
        json.WriteNumber("score", score.Score);
        json.WriteString("scorer", score.Scorer);
        json.WriteEndObject();
    }

    private static List<Item> ReadJsonLines(string path, string field)
    {
        var source = Path.GetFileName(path);
        var items = new List<Item>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(line);
                root = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new FormatException($"{source}:{lineNumber}: not valid JSON ({e.Message.Split(" LineNumber:")[0].Trim()})");
            }
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{source}:{lineNumber}: expected a JSON object, got {root.ValueKind.ToString().ToLowerInvariant()}");
            if (!root.TryGetProperty(field, out var text) || text.ValueKind != JsonValueKind.String)
                throw new FormatException($"{source}:{lineNumber}: no string field '{field}'");
            items.Add(new Item(text.GetString()!, lineNumber, root.TryGetProperty("id", out var id) ? id : null));
        }
        return items;
    }

    private sealed record Item(string Text, int? Line, JsonElement? Id);
}
