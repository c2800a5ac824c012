using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Project01.Modeling.Forecasters.XGBoost;

/// <summary>
/// The slice of XGBoost's C API (include/xgboost/c_api.h, 1.7) that training, prediction and export need. The library
/// name is resolved by <see cref="XGBoostLibrary"/>; every call returns 0 or -1 with the reason in XGBGetLastError.
/// </summary>
internal static partial class XGBoostNative
{
    public const string Library = "xgboost";

    [LibraryImport(Library)]
    public static partial IntPtr XGBGetLastError();

    [LibraryImport(Library)]
    public static partial void XGBoostVersion(out int major, out int minor, out int patch);

    [LibraryImport(Library)]
    public static partial int XGDMatrixCreateFromMat(ReadOnlySpan<float> data, ulong rows, ulong columns, float missing, out DMatrixHandle handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int XGDMatrixSetFloatInfo(DMatrixHandle handle, string field, ReadOnlySpan<float> values, ulong length);

    [LibraryImport(Library)]
    public static partial int XGDMatrixFree(IntPtr handle);

    [LibraryImport(Library)]
    public static partial int XGBoosterCreate(ReadOnlySpan<IntPtr> matrices, ulong length, out BoosterHandle handle);

    [LibraryImport(Library)]
    public static partial int XGBoosterFree(IntPtr handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int XGBoosterSetParam(BoosterHandle handle, string name, string value);

    [LibraryImport(Library)]
    public static partial int XGBoosterUpdateOneIter(BoosterHandle handle, int iteration, DMatrixHandle train);

    /// <summary>Prediction over all trees, not training (option_mask 0: values, 4: SHAP contributions); the result buffer belongs to the booster.</summary>
    [LibraryImport(Library)]
    public static partial int XGBoosterPredict(BoosterHandle handle, DMatrixHandle matrix, int optionMask, uint treeLimit, int training,
        out ulong length, out IntPtr result);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int XGBoosterSaveModelToBuffer(BoosterHandle handle, string config, out ulong length, out IntPtr buffer);

    public static void Check(int status, string call)
    {
        if (status != 0) throw new XGBoostException($"{call} failed: {Marshal.PtrToStringUTF8(XGBGetLastError()) ?? "no reason given"}");
    }
}

internal sealed class DMatrixHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle() => XGBoostNative.XGDMatrixFree(handle) == 0;
}

internal sealed class BoosterHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle() => XGBoostNative.XGBoosterFree(handle) == 0;
}

/// <summary>XGBoost refused a call; the message is XGBoost's own.</summary>
public sealed class XGBoostException(string message) : Exception(message);
