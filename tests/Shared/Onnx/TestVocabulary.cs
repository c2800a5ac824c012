namespace Project01.Tests.Onnx;

/// <summary>A BERT-style WordPiece vocabulary small enough to reason about: special tokens first (ids 0–4, unlike
/// bert-base's 0/100–103, so nothing depends on real BERT ids), whole words, then "##" continuations.</summary>
internal static class TestVocabulary
{
    public static string[] Tokens { get; } =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
        "the", "a", "company", "profit", "rose", "fell", "good", "bad", "strong", "weak", "loss", "gain", "oil", "price",
        "shares", "quarter", "sales", "results", "were", "was", "un", "play",
        "##aff", "##able", "##s", "##ed", "##ing",
        ",", ".", "!", "?", "-", "$",
    ];

    public static int Id(string token)
    {
        var id = Array.IndexOf(Tokens, token);
        return id >= 0 ? id : throw new ArgumentException($"'{token}' is not in the test vocabulary");
    }

    /// <summary>[CLS] pieces… [SEP] as ids, straight from the list: the expectation side of the tests.</summary>
    public static int[] Encode(params string[] pieces) => [Id("[CLS]"), .. pieces.Select(Id), Id("[SEP]")];

    public static string WriteTo(string directory)
    {
        var path = Path.Combine(directory, "vocab.txt");
        File.WriteAllLines(path, Tokens);
        return path;
    }
}
