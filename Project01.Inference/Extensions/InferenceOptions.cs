using System.ComponentModel.DataAnnotations;

namespace Project01.Inference.Extensions;

public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>Try ONNX Runtime's CUDA execution provider first (needs the GPU package and CUDA); CPU otherwise.</summary>
    public bool PreferCuda { get; set; }

    /// <summary>Which alias to serve.</summary>
    [Required]
    public string Alias { get; set; } = "champion";

    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 2;
}
