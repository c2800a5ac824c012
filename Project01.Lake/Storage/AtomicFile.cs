using System.Runtime.InteropServices;

namespace Project01.Lake.Storage;

/// <summary>
/// Puts a fully written file in place only if nothing is there yet, atomically. File.Move(…, overwrite: false) is not
/// enough on Unix: it checks for the target and then renames, so two writers can both "win" in between. link(2) fails
/// with EEXIST as one step; on Windows a move without replace is already atomic.
/// </summary>
internal static partial class AtomicFile
{
    private const int EEXIST = 17;

    /// <summary>True when <paramref name="target"/> now holds <paramref name="source"/>'s content; false when it already existed.</summary>
    public static bool LinkNew(string source, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(source, target, overwrite: false);
                File.Copy(target, source); // keep the caller's contract: the source is still there to delete
                return true;
            }
            catch (IOException) when (File.Exists(target))
            {
                return false;
            }
        }
        if (link(source, target) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno == EEXIST) return false;
        throw new IOException($"could not create {target} (link failed, errno {errno}); the lake needs a file system with hard links");
    }

    /// <summary>fsync(2) of a directory: makes the entries created in it (a linked commit, a new data file) durable.
    /// A file's own fsync does not cover its name. No-op on Windows, where NTFS journals directory changes.</summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        // O_RDONLY opens a directory on Linux and macOS alike (O_DIRECTORY's value differs by architecture).
        var fd = open(directory, ORdOnly);
        if (fd < 0) throw new IOException($"could not open {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (fsync(fd) != 0) throw new IOException($"could not sync {directory} (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            close(fd);
        }
    }

    private const int ORdOnly = 0;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string oldpath, string newpath);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
