using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on the GLIBCXX_3.4.32 entry of an ELF64 file's .gnu.version_r, so the loader accepts an older
/// libstdc++. Refuses when a symbol other than _ZSt21ios_base_library_initv is bound to that version. Idempotent.
/// </summary>
public sealed class WeakenGlibcxxNeed : Task
{
    private const string Version = "GLIBCXX_3.4.32";
    private const string OnlySymbol = "_ZSt21ios_base_library_initv";

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            var elf = File.ReadAllBytes(path);
            var problem = Patch(elf, out var changed);
            if (problem != null) { Log.LogError("{0}: {1}", path, problem); return false; }
            if (!changed) continue;
            // A new file, not a rewrite in place: the output may be a hard link into the NuGet cache.
            File.Delete(path);
            File.WriteAllBytes(path, elf);
            Log.LogMessage(MessageImportance.Normal, "{0}: {1} need marked weak", path, Version);
        }
        return true;
    }

    private static string Patch(byte[] b, out bool changed)
    {
        changed = false;
        if (b.Length < 64 || b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F' || b[4] != 2 || b[5] != 1) return "not a little-endian ELF64 file";
        long shoff = (long)BitConverter.ToUInt64(b, 0x28);
        int shentsize = BitConverter.ToUInt16(b, 0x3A), shnum = BitConverter.ToUInt16(b, 0x3C);
        long Offset(int s) => (long)BitConverter.ToUInt64(b, (int)(shoff + s * shentsize + 0x18));
        long Size(int s) => (long)BitConverter.ToUInt64(b, (int)(shoff + s * shentsize + 0x20));
        uint Type(int s) => BitConverter.ToUInt32(b, (int)(shoff + s * shentsize + 4));
        int Link(int s) => (int)BitConverter.ToUInt32(b, (int)(shoff + s * shentsize + 0x28));
        string Str(long table, long at) { var e = (int)(table + at); var end = Array.IndexOf(b, (byte)0, e); return Encoding.ASCII.GetString(b, e, end - e); }

        int verneed = -1, versym = -1, dynsym = -1;
        for (var s = 0; s < shnum; s++)
        {
            if (Type(s) == 0x6ffffffe) verneed = s;
            if (Type(s) == 0x6fffffff) versym = s;
            if (Type(s) == 11) dynsym = s;
        }
        if (verneed < 0 || versym < 0 || dynsym < 0) return "no version sections";
        var strings = Offset(Link(verneed));
        int flagsAt = -1, index = -1;
        for (long need = Offset(verneed); ; )
        {
            int count = BitConverter.ToUInt16(b, (int)need + 2);
            long aux = need + BitConverter.ToUInt32(b, (int)need + 8);
            for (var k = 0; k < count; k++)
            {
                if (Str(strings, BitConverter.ToUInt32(b, (int)aux + 8)) == Version)
                    (flagsAt, index) = ((int)aux + 4, BitConverter.ToUInt16(b, (int)aux + 6));
                aux += BitConverter.ToUInt32(b, (int)aux + 12);
            }
            var next = BitConverter.ToUInt32(b, (int)need + 12);
            if (next == 0) break;
            need += next;
        }
        if (flagsAt < 0) return null; // nothing asks for the version: nothing to do

        var symStrings = Offset(Link(dynsym));
        var symbols = Size(dynsym) / 24;
        for (var i = 0; i < symbols; i++)
        {
            var version = BitConverter.ToUInt16(b, (int)(Offset(versym) + 2 * i)) & 0x7fff;
            if (version != index) continue;
            var name = Str(symStrings, BitConverter.ToUInt32(b, (int)(Offset(dynsym) + 24 * i)));
            if (name != OnlySymbol) return $"{name} also needs {Version}: weakening the need would leave it unresolved";
        }
        var flags = BitConverter.ToUInt16(b, flagsAt);
        if ((flags & 0x2) != 0) return null;
        BitConverter.GetBytes((ushort)(flags | 0x2)).CopyTo(b, flagsAt);
        changed = true;
        return null;
    }
}
