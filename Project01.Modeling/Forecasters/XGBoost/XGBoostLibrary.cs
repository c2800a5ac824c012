using System.Reflection;
using System.Runtime.InteropServices;

namespace Project01.Modeling.Forecasters.XGBoost;

/// <summary>
/// Finds XGBoost's shared library. Debian's <c>libxgboost0</c> installs only the versioned <c>libxgboost.so.0</c> (no
/// unversioned link; that comes with the -dev package), which the runtime's default probing for "xgboost" misses, so
/// we look for it ourselves: <c>P01_XGBOOST_LIBRARY</c> when set (then nothing else), else the loader's search path,
/// then the usual library folders. When nothing loads, the error says which package to install.
/// </summary>
public static class XGBoostLibrary
{
    public const string DebianPackage = "libxgboost0";
    public const string PathVariable = "P01_XGBOOST_LIBRARY";

    private static readonly Lazy<(IntPtr Handle, string Note)> Loaded = new(Load);
    private static int _registered;

    /// <summary>Loads the library once (or throws <see cref="XGBoostUnavailableException"/>) and returns its version.</summary>
    public static Version EnsureLoaded()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            NativeLibrary.SetDllImportResolver(typeof(XGBoostLibrary).Assembly, Resolve);
        var (handle, note) = Loaded.Value;
        if (handle == IntPtr.Zero) throw new XGBoostUnavailableException(note);
        XGBoostNative.XGBoostVersion(out var major, out var minor, out var patch);
        return new Version(major, minor, patch);
    }

    /// <summary>Whether the library can be loaded here (for callers that offer XGBoost only where it exists).</summary>
    public static bool IsAvailable()
    {
        try { EnsureLoaded(); return true; }
        catch (XGBoostUnavailableException) { return false; }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == XGBoostNative.Library ? Loaded.Value.Handle : IntPtr.Zero;

    private static (IntPtr, string) Load()
    {
        var tried = new List<string>();
        foreach (var candidate in Candidates())
        {
            tried.Add(candidate);
            if (NativeLibrary.TryLoad(candidate, out var handle)) return (handle, candidate);
        }
        return (IntPtr.Zero,
            $"XGBoost's native library was not found (tried {string.Join(", ", tried)}). Install the Debian package {DebianPackage} " +
            $"(apt-get install {DebianPackage}; eng/bootstrap.sh does it), or set {PathVariable} to the path of libxgboost.so.");
    }

    private static IEnumerable<string> Candidates()
    {
        // A library named explicitly is the only one tried: a wrong path must fail, not quietly load another build.
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path) { yield return path; yield break; }
        if (OperatingSystem.IsWindows()) { yield return "xgboost.dll"; yield break; }
        if (OperatingSystem.IsMacOS()) { yield return "libxgboost.dylib"; yield break; }
        yield return "libxgboost.so.0";
        yield return "libxgboost.so";
        foreach (var dir in new[] { $"/usr/lib/{Triplet()}", "/usr/lib", "/usr/local/lib", "/usr/lib64" })
        {
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir, "libxgboost.so*").Order(StringComparer.Ordinal)) yield return file;
        }
    }

    private static string Triplet() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.Arm64 => "aarch64-linux-gnu",
        _ => "x86_64-linux-gnu",
    };
}

/// <summary>XGBoost is not installed on this machine; the message names the package.</summary>
public sealed class XGBoostUnavailableException(string message) : Exception(message);
