namespace Project01.Lake.Delta;

/// <summary>Part of a batch is already in the table (another writer committed some of its transactions): committing
/// it would double those rows, skipping it would lose the rest. The caller starts over from its source.</summary>
public sealed class TransactionOverlapException(string table, IReadOnlyList<string> overlapping)
    : Exception($"table '{table}' already holds part of this batch ({string.Join(", ", overlapping)}); start over from the source's committed position")
{
    public IReadOnlyList<string> Overlapping { get; } = overlapping;
}
