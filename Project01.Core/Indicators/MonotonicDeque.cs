namespace Project01.Core.Indicators;

/// <summary>
/// The maximum (or minimum) of the last n inputs in amortised O(1): a deque of candidates whose values fall (rise)
/// from front to back. A new input drops from the back every candidate it dominates — an older value no larger than
/// a newer one can never again be the window's maximum — and the front leaves once it is n inputs old, so the front
/// is always the extreme. Each input is pushed and popped at most once: n updates cost O(n) in all. The deque is a
/// fixed ring of n slots (at most n candidates are ever in the window), so updates never allocate.
/// </summary>
internal sealed class MonotonicDeque
{
    private readonly double[] _values;
    private readonly long[] _stamps;
    private readonly bool _maximum;
    private int _front;
    private int _count;

    public MonotonicDeque(int period, bool maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _values = new double[period];
        _stamps = new long[period];
        _maximum = maximum;
    }

    public int Period => _values.Length;

    /// <summary>Adds the input numbered <paramref name="stamp"/> (consecutive from 1); returns the extreme of the last n.</summary>
    public double Push(long stamp, double value)
    {
        if (_count > 0 && _stamps[_front] <= stamp - Period)
        {
            _front = Next(_front);
            _count--;
        }
        // Ties go too: the newer equal value outlives the older one and reports the same extreme.
        while (_count > 0 && Dominated(_values[Slot(_count - 1)], value)) _count--;
        var back = Slot(_count++);
        _values[back] = value;
        _stamps[back] = stamp;
        return _values[_front];
    }

    public void Reset()
    {
        _front = 0;
        _count = 0;
    }

    private bool Dominated(double older, double newer) => _maximum ? older <= newer : older >= newer;

    private int Slot(int offset)
    {
        var slot = _front + offset;
        return slot >= _values.Length ? slot - _values.Length : slot;
    }

    private int Next(int slot) => slot + 1 == _values.Length ? 0 : slot + 1;
}
