using System.ComponentModel.DataAnnotations;

namespace Project01.Lake;

public sealed class LakeOptions
{
    public const string Section = "Lake";

    /// <summary><c>local</c> (default) or <c>s3</c>.</summary>
    [RegularExpression("^(local|s3)$", ErrorMessage = "Lake:Storage must be 'local' or 's3'")]
    public string Storage { get; set; } = "local";

    /// <summary>Root directory of the lake on local disk (local storage; also the root of model artifacts).</summary>
    [Required]
    public string Root { get; set; } = "lake";

    /// <summary>Bucket, prefix and endpoint when <see cref="Storage"/> is <c>s3</c>.</summary>
    public Storage.S3LakeOptions S3 { get; set; } = new();
}
