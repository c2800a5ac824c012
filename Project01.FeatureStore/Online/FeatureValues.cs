using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Project01.FeatureStore.Online;

/// <summary>A packed row's values by name, over its schema's shared index: a value that is not finite is absent, as the
/// readable hash fields leave it out.</summary>
internal sealed class FeatureValues : IReadOnlyDictionary<string, double>
{
    private readonly PackedSchema _schema;
    private readonly double[] _values;

    public FeatureValues(PackedSchema schema, double[] values)
    {
        (_schema, _values) = (schema, values);
        foreach (var v in values) if (double.IsFinite(v)) Count++;
    }

    public int Count { get; }

    public double this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no value for '{key}'");

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        if (_schema.Index.TryGetValue(key, out var i) && double.IsFinite(_values[i]))
        {
            value = _values[i];
            return true;
        }
        value = default;
        return false;
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    public IEnumerable<double> Values => this.Select(pair => pair.Value);

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++)
            if (double.IsFinite(_values[i])) yield return new(_schema.Names[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
