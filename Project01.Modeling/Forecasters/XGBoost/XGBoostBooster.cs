using System.Globalization;
using System.Runtime.InteropServices;

namespace Project01.Modeling.Forecasters.XGBoost;

/// <summary>A trained XGBoost booster (native memory, freed on dispose or by the finalizer of its handle).</summary>
internal sealed class XGBoostBooster : IDisposable
{
    private readonly BoosterHandle _handle;

    private XGBoostBooster(BoosterHandle handle) => _handle = handle;

    /// <summary>Fits <paramref name="rounds"/> trees on row-major <paramref name="data"/> [rows × columns]; NaN means missing.</summary>
    public static XGBoostBooster Train(float[] data, int rows, int columns, float[] labels, IReadOnlyDictionary<string, string> parameters, int rounds)
    {
        XGBoostLibrary.EnsureLoaded();
        using var train = Matrix(data, rows, columns);
        XGBoostNative.Check(XGBoostNative.XGDMatrixSetFloatInfo(train, "label", labels, (ulong)labels.Length), "XGDMatrixSetFloatInfo(label)");
        XGBoostNative.Check(XGBoostNative.XGBoosterCreate([train.DangerousGetHandle()], 1, out var handle), "XGBoosterCreate");
        var booster = new XGBoostBooster(handle);
        try
        {
            foreach (var (name, value) in parameters)
                XGBoostNative.Check(XGBoostNative.XGBoosterSetParam(handle, name, value), $"XGBoosterSetParam({name}={value})");
            for (var i = 0; i < rounds; i++)
                XGBoostNative.Check(XGBoostNative.XGBoosterUpdateOneIter(handle, i, train), $"XGBoosterUpdateOneIter({i})");
            return booster;
        }
        catch
        {
            booster.Dispose();
            throw;
        }
    }

    public float[] Predict(float[] data, int rows, int columns)
    {
        using var matrix = Matrix(data, rows, columns);
        // XGBoost's result buffer lives in the booster until its next call: copy it out under the lock.
        lock (_handle)
        {
            XGBoostNative.Check(XGBoostNative.XGBoosterPredict(_handle, matrix, 0, 0, 0, out var length, out var result), "XGBoosterPredict");
            if ((int)length != rows) throw new XGBoostException($"XGBoosterPredict returned {length} values for {rows} rows");
            var output = new float[rows];
            Marshal.Copy(result, output, 0, rows);
            return output;
        }
    }

    /// <summary>XGBoost's own TreeSHAP (pred_contribs, option_mask 4): per row, one contribution per column and then the
    /// bias (base score + expected tree outputs), row-major [rows × (columns + 1)].</summary>
    public float[] Contributions(float[] data, int rows, int columns)
    {
        using var matrix = Matrix(data, rows, columns);
        lock (_handle)
        {
            XGBoostNative.Check(XGBoostNative.XGBoosterPredict(_handle, matrix, 4, 0, 0, out var length, out var result), "XGBoosterPredict(pred_contribs)");
            var expected = rows * (columns + 1);
            if ((int)length != expected) throw new XGBoostException($"pred_contribs returned {length} values for {rows} × {columns + 1}");
            var output = new float[expected];
            Marshal.Copy(result, output, 0, expected);
            return output;
        }
    }

    /// <summary>The whole model as XGBoost's JSON (trees, base score, parameters).</summary>
    public string SaveJson()
    {
        lock (_handle)
        {
            XGBoostNative.Check(XGBoostNative.XGBoosterSaveModelToBuffer(_handle, """{"format": "json"}""", out var length, out var buffer), "XGBoosterSaveModelToBuffer");
            var bytes = new byte[checked((int)length)];
            Marshal.Copy(buffer, bytes, 0, bytes.Length);
            return System.Text.Encoding.UTF8.GetString(bytes);
        }
    }

    public void Dispose() => _handle.Dispose();

    private static DMatrixHandle Matrix(float[] data, int rows, int columns)
    {
        if (data.Length != (long)rows * columns) throw new ArgumentException($"expected {rows} × {columns} values, got {data.Length}");
        XGBoostNative.Check(XGBoostNative.XGDMatrixCreateFromMat(data, (ulong)rows, (ulong)columns, float.NaN, out var matrix), "XGDMatrixCreateFromMat");
        return matrix;
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
