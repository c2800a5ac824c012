using Project01.Core.Market;

namespace Project01.Monitoring.Drift;

/// <summary>
/// Two samples compared column by column (<see cref="ColumnDrift"/>) over the numeric columns both have, with the
/// data-set verdict of <see cref="DatasetDrift"/>. <see cref="Notes"/> says what was left out and why.
/// </summary>
public sealed record DatasetComparison(DriftSample Reference, DriftSample Current, IReadOnlyList<ColumnDrift> Columns,
    double DriftedShare, bool Drifted, IReadOnlyList<string> Notes)
{
    public static DatasetComparison Compare(DriftSample reference, DriftSample current)
    {
        if (reference.IsPriceSeries != current.IsPriceSeries)
        {
            var (price, other) = reference.IsPriceSeries ? (reference, current) : (current, reference);
            throw new CsvDataException(other.Source, 1, "header",
                $"{price.Source} is a price series (date and close columns) and this file is not: their columns do not compare");
        }
        var notes = new List<string>([.. reference.Notes, .. current.Notes]);
        var columns = new List<ColumnDrift>();
        foreach (var r in reference.Columns)
        {
            var c = current.Columns.FirstOrDefault(x => x.Name.Equals(r.Name, StringComparison.OrdinalIgnoreCase));
            if (c is null)
            {
                // Numeric in one file and not in the other is a data error, reported where the other file stops being numeric.
                if (current.NonNumeric.TryGetValue(r.Name, out var error)) throw error.ToException();
                notes.Add($"{r.Name}: only in {reference.Source}");
            }
            else if (!r.Values.Any(double.IsFinite) || !c.Values.Any(double.IsFinite))
                notes.Add($"{r.Name}: no values in {(r.Values.Any(double.IsFinite) ? current.Source : reference.Source)}");
            else columns.Add(ColumnDrift.Compare(r.Name, r.Values, c.Values));
        }
        foreach (var c in current.Columns.Where(c => !reference.Columns.Any(r => r.Name.Equals(c.Name, StringComparison.OrdinalIgnoreCase))))
        {
            if (reference.NonNumeric.TryGetValue(c.Name, out var error)) throw error.ToException();
            notes.Add($"{c.Name}: only in {current.Source}");
        }
        if (columns.Count == 0)
            throw new CsvDataException(current.Source, 1, "header", $"no numeric column with values in common with {reference.Source}");
        var (drifted, share) = DatasetDrift.Of(columns.Select(c => c.Drifted));
        return new DatasetComparison(reference, current, columns, share, drifted, notes);
    }
}
