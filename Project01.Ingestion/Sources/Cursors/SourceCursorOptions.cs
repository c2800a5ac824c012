using System.ComponentModel.DataAnnotations;

namespace Project01.Ingestion.Sources.Cursors;

public sealed class SourceCursorOptions
{
    public const string Section = "Sources:Cursors";

    /// <summary>Folder of cursor files (one small file per key); relative paths are resolved from the working directory.</summary>
    [Required]
    public string Directory { get; set; } = ".data/cursors";
}
