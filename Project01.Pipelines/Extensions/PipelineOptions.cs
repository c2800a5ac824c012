using System.ComponentModel.DataAnnotations;

namespace Project01.Pipelines.Extensions;

public sealed class PipelineOptions
{
    public const string Section = "Pipelines";

    /// <summary>Run the scheduler in this process (a replica may leave it off and only serve the API).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A running step whose node sent no heartbeat for this long is taken over (its node died or stopped).</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often SLAs and stalled steps are checked (once across the cluster).</summary>
    [Range(1, 3600)]
    public int WatchSeconds { get; set; } = 15;

    /// <summary>How long an idle scheduler waits before looking for triggers other nodes stored (the CLI's, say).</summary>
    [Range(1, 60)]
    public int IdleWaitSeconds { get; set; } = 2;

    /// <summary>Cron schedules per pipeline, overriding the definition's (Quartz syntax; empty = on demand only).</summary>
    public Dictionary<string, string> Schedules { get; set; } = [];
}
