using System.ComponentModel.DataAnnotations;

namespace Project01.Training.Extensions;

public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>Check every champion for drift whenever it or its features change.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 86_400)]
    public int IntervalSeconds { get; set; } = 10;
}
