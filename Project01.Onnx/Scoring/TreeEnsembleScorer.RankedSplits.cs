using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Project01.Onnx.Scoring;

/// <summary>
/// The AVX-512 path for ensembles of trees at most six deep whose features have at most 255 distinct thresholds each
/// (a histogram learner's cut points: XGBoost and LightGBM keep at most 256 bins). Walking a tree level by level costs
/// a dependent load per level, and a gather is slow on x86, so a row is first turned into bytes, its rank among each
/// feature's thresholds ("x &lt; threshold" is then "rank &lt; the threshold's rank + 1"), and a tree's 63 splits are
/// decided at once: one byte permute lines up the rank each split reads, one compare gives a 64-bit mask of every
/// split's direction, and two table lookups read the path from it, one for the top three levels and one for the three
/// below (each three-level subtree's seven splits sit in adjacent bits). Each row still sums its trees in tree order,
/// so the floats are the other paths' to the last bit.
/// </summary>
public sealed partial class TreeEnsembleScorer
{
    private const int RankedDepth = 6;
    private const int RankedSplitLanes = 64;
    private const int RankedFeatures = 64;
    private const int MaxRanks = 255;

    /// <summary>For a three-level subtree's seven splits (breadth-first bits), the leaf its path reaches (0–7).</summary>
    private static readonly byte[] SubtreeLeaf = Enumerable.Range(0, 128).Select(bits =>
    {
        var node = 0;
        for (var level = 0; level < 3; level++) node = 2 * node + 1 + ((bits >> node) & 1);
        return (byte)(node - 7);
    }).ToArray();

    /// <summary>For the top subtree's seven splits: the bit offset of the subtree under the leaf its path reaches
    /// (7 + 7p, in the low six bits, all a 64-bit shift reads) and that subtree's first leaf (8p) above them.</summary>
    private static readonly ushort[] TopSubtree = SubtreeLeaf.Select(p => (ushort)(8 * p << 6 | (7 + 7 * p))).ToArray();

    private static bool RankedSupported => Avx512Vbmi.IsSupported && Avx512BW.IsSupported && Popcnt.X64.IsSupported;

    /// <summary>Per feature, 16 blocks' last thresholds (+∞ past the feature's blocks).</summary>
    private float[]? _blockLast;
    /// <summary>Per feature, its thresholds ascending in blocks of 16, padded with +∞; <see cref="_blockStart"/> says where.</summary>
    private float[]? _rankThresholds;
    private int[]? _blockStart;
    /// <summary>Per tree, 64 lanes: the feature each split reads and its threshold's rank + 1, lane = <see cref="MaskBit"/>.</summary>
    private byte[]? _splitFeatureByte;
    private byte[]? _splitRank;
    private float[]? _rankedLeaf;

    /// <summary>Ranks the thresholds and lays each tree out for the ranked-splits path, or leaves the fields null when a tree
    /// is deeper, the rows wider, or a feature has more thresholds than a byte ranks.</summary>
    private void BuildRankedSplits()
    {
        if (FeatureCount > RankedFeatures || _depths.Any(d => d > RankedDepth)) return;
        var trees = _roots.Length;
        var splitsOf = new List<(float Threshold, int Feature)>[trees];
        var leavesOf = new List<float>[trees];
        var thresholds = Enumerable.Range(0, FeatureCount).Select(_ => new SortedSet<float>()).ToArray();
        for (var t = 0; t < trees; t++)
        {
            (splitsOf[t], leavesOf[t]) = ([.. new (float, int)[RankedSplitLanes - 1]], [.. new float[RankedSplitLanes]]);
            Pad(_roots[t], 0, 0, RankedDepth, splitsOf[t], leavesOf[t], 0, 0);
            foreach (var (threshold, feature) in splitsOf[t])
                if (float.IsFinite(threshold)) thresholds[feature].Add(threshold);
        }
        if (thresholds.Any(s => s.Count > MaxRanks)) return;

        // Blocks of 16 with at least one +∞ after the last threshold, so a finite x's block always exists.
        var blocks = thresholds.Select(s => s.Count / 16 + 1).ToArray();
        (_blockLast, _blockStart, _rankThresholds) = (new float[16 * FeatureCount], new int[FeatureCount], new float[16 * blocks.Sum()]);
        Array.Fill(_blockLast, float.PositiveInfinity);
        Array.Fill(_rankThresholds, float.PositiveInfinity);
        var rank = new Dictionary<(int, float), int>();
        for (int f = 0, start = 0; f < FeatureCount; start += 16 * blocks[f++])
        {
            _blockStart[f] = start;
            var i = 0;
            foreach (var threshold in thresholds[f])
            {
                rank[(f, threshold)] = i;
                _rankThresholds[start + i++] = threshold;
            }
            for (var b = 0; b < blocks[f]; b++) _blockLast[16 * f + b] = _rankThresholds[start + 16 * b + 15];
        }

        (_splitFeatureByte, _splitRank, _rankedLeaf) = (new byte[trees * RankedSplitLanes], new byte[trees * RankedSplitLanes], new float[trees * RankedSplitLanes]);
        for (var t = 0; t < trees; t++)
        {
            for (var node = 0; node < RankedSplitLanes - 1; node++)
            {
                var (threshold, feature) = splitsOf[t][node];
                var lane = t * RankedSplitLanes + MaskBit(node);
                _splitFeatureByte[lane] = (byte)feature;
                // x < threshold ⇔ rank(x) ≤ rank(threshold), rank(x) counting the thresholds ≤ x. A padded split
                // (+∞) keeps rank 0: its two sides hold copies of one leaf, so either way is right.
                _splitRank[lane] = float.IsFinite(threshold) ? (byte)(rank[(feature, threshold)] + 1) : (byte)0;
            }
            leavesOf[t].CopyTo(_rankedLeaf, t * RankedSplitLanes);
        }
    }

    /// <summary>Bit of breadth-first node <paramref name="node"/> in a tree's mask: the top subtree (levels 0–2) in bits
    /// 0–6, then the subtree under level-3 node p in bits 7 + 7p to 13 + 7p, each breadth-first.</summary>
    private static int MaskBit(int node)
    {
        var level = 31 - int.LeadingZeroCount(node + 1);
        var position = node + 1 - (1 << level);
        if (level < 3) return node;
        var (sub, below) = (position >> (level - 3), level - 3);
        return 7 + 7 * sub + (1 << below) - 1 + (position & ((1 << below) - 1));
    }

    /// <summary>Scores finite rows (<paramref name="rows"/> index the block) into <paramref name="sums"/>.</summary>
    /// <remarks>The rank rows are not zeroed: lanes past the features are never read (a split reads a feature below
    /// <see cref="FeatureCount"/>).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private void ScoreRanked(ReadOnlySpan<float> block, ReadOnlySpan<int> rows, Span<float> sums)
    {
        var k = FeatureCount;
        Span<byte> ranks = stackalloc byte[rows.Length * RankedFeatures];
        Span<float> acc = stackalloc float[rows.Length];
        acc.Clear();
        for (var i = 0; i < rows.Length; i++) Rank(block.Slice(rows[i] * k, k), ranks.Slice(i * RankedFeatures, k));
        ScoreRanks(ranks, acc);
        for (var i = 0; i < rows.Length; i++) sums[rows[i]] = acc[i];
    }

    /// <summary>Each feature's rank: how many of its thresholds are ≤ x, found in two compares of 16: which block,
    /// then where in it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Rank(ReadOnlySpan<float> row, Span<byte> ranks)
    {
        ref var last = ref MemoryMarshal.GetArrayDataReference(_blockLast!);
        ref var thresholds = ref MemoryMarshal.GetArrayDataReference(_rankThresholds!);
        ref var start = ref MemoryMarshal.GetArrayDataReference(_blockStart!);
        for (var f = 0; f < row.Length; f++)
        {
            var x = Vector512.Create(row[f]);
            var block = BitOperations.PopCount(Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref last, (nuint)(16 * f)), x).ExtractMostSignificantBits());
            var at = (nuint)(Unsafe.Add(ref start, f) + 16 * block);
            var within = BitOperations.PopCount(Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref thresholds, at), x).ExtractMostSignificantBits());
            ranks[f] = (byte)(16 * block + within);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScoreRanks(ReadOnlySpan<byte> ranks, Span<float> acc)
    {
        ref var feature = ref MemoryMarshal.GetArrayDataReference(_splitFeatureByte!);
        ref var splitRank = ref MemoryMarshal.GetArrayDataReference(_splitRank!);
        ref var leaf = ref MemoryMarshal.GetArrayDataReference(_rankedLeaf!);
        ref var top = ref MemoryMarshal.GetArrayDataReference(TopSubtree);
        ref var bottom = ref MemoryMarshal.GetArrayDataReference(SubtreeLeaf);
        ref var row = ref MemoryMarshal.GetReference(ranks);
        ref var sum = ref MemoryMarshal.GetReference(acc);
        for (var t = 0; t < _roots.Length; t++)
        {
            var at = (nuint)(t * RankedSplitLanes);
            var features = Vector512.LoadUnsafe(ref feature, at);
            var thresholds = Vector512.LoadUnsafe(ref splitRank, at);
            ref var leaves = ref Unsafe.Add(ref leaf, at);
            for (var r = 0; r < acc.Length; r++)
            {
                // Bit i set when the row goes right at the split in lane i: rank(x) ≥ the split's rank + 1.
                var mask = Avx512BW.CompareGreaterThanOrEqual(
                    Avx512Vbmi.PermuteVar64x8(Vector512.LoadUnsafe(ref row, (nuint)(r * RankedFeatures)), features), thresholds)
                    .ExtractMostSignificantBits();
                uint path = Unsafe.Add(ref top, (nuint)(mask & 127));
                nuint reached = (path >> 6) + Unsafe.Add(ref bottom, (nuint)((mask >> (int)path) & 127));
                Unsafe.Add(ref sum, r) += Unsafe.Add(ref leaves, reached);
            }
        }
    }
}
