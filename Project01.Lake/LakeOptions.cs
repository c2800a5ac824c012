using System.ComponentModel.DataAnnotations;

namespace Project01.Lake;

public sealed class LakeOptions
{
    public const string Section = "Lake";

    /// <summary>Root directory of the lake on local disk.</summary>
    [Required]
    public string Root { get; set; } = "lake";
}
