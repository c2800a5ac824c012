using Project01.Tests;
using Project01.Tests.Onnx;

namespace Project01.Nlp.Tests.Sentiment;

/// <summary>The test vocabulary and tiny model variants on disk, written once per test class.</summary>
public sealed class TinyModelFiles
{
    public TinyModelFiles()
    {
        Directory = TestPaths.NewTempDirectory("onnx");
        Vocab = TestVocabulary.WriteTo(Directory);
        Default = Write("tiny-finbert.onnx", Model.ToOnnx());
        // Columns (neutral, positive, negative): old columns 2, 0, 1.
        Reordered = Write("tiny-reordered.onnx", Model.WithClassOrder(2, 0, 1).ToOnnx());
        TwoClasses = Write("tiny-two-classes.onnx", Model.WithClassOrder(0, 1).ToOnnx());
        WithoutTokenTypes = Write("tiny-no-token-types.onnx", Model.ToOnnx(withTokenTypeIds: false));
        OtherOutputName = Write("tiny-output-name.onnx", Model.ToOnnx(outputName: "scores"));
    }

    internal TinySentimentModel Model { get; } = TinySentimentModel.ForVocabulary(TestVocabulary.Tokens);

    public string Directory { get; }
    public string Vocab { get; }
    public string Default { get; }
    public string Reordered { get; }
    public string TwoClasses { get; }
    public string WithoutTokenTypes { get; }
    public string OtherOutputName { get; }

    private string Write(string name, byte[] model)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, model);
        return path;
    }
}
