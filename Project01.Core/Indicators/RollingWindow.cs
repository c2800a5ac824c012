namespace Project01.Core.Indicators;

/// <summary>
/// A fixed-size ring buffer: index 0 is the newest item. Adding to a full window evicts the oldest, which is returned
/// (and kept as <see cref="MostRecentlyRemoved"/>) so running aggregates update in O(1). Single writer, no locks.
/// </summary>
public sealed class RollingWindow<T>(int size)
{
    private readonly T[] _items = size > 0 ? new T[size] : throw new ArgumentOutOfRangeException(nameof(size), "window size must be positive");
    private int _head; // where the next item goes

    public int Size => _items.Length;
    public int Count { get; private set; }
    public bool IsFull => Count == _items.Length;
    public T MostRecentlyRemoved { get; private set; } = default!;

    /// <summary>Adds an item; returns true when an older item was evicted (then <paramref name="removed"/> holds it).</summary>
    public bool Add(T item, out T removed)
    {
        var evicted = IsFull;
        removed = evicted ? _items[_head] : default!;
        if (evicted) MostRecentlyRemoved = removed;
        _items[_head] = item;
        _head = _head + 1 == _items.Length ? 0 : _head + 1;
        if (!evicted) Count++;
        return evicted;
    }

    /// <summary>i = 0 is the newest, i = Count - 1 the oldest.</summary>
    public T this[int i]
    {
        get
        {
            if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(i));
            var index = _head - 1 - i;
            return _items[index < 0 ? index + _items.Length : index];
        }
    }

    public void Reset()
    {
        Array.Clear(_items);
        _head = 0;
        Count = 0;
        MostRecentlyRemoved = default!;
    }
}
