namespace Project01.AppHost.Infrastructure;

public enum InfraMode
{
    Auto,
    Containers,
    Executables,
}

/// <summary>The <c>Infra</c> configuration section (appsettings.json, command line <c>--Infra:Mode=executables</c>, env <c>Infra__Mode</c>).</summary>
public sealed class InfraOptions
{
    public InfraMode Mode { get; set; } = InfraMode.Auto;

    /// <summary>Where Postgres data, the lake and logs live; empty = &lt;repo&gt;/.data. Survives restarts.</summary>
    public string DataDir { get; set; } = "";

    public InfraPorts Ports { get; set; } = new();
}

/// <summary>Host ports of the infrastructure; 0 picks a free one at start (tests do this).</summary>
public sealed class InfraPorts
{
    public int Postgres { get; set; } = 55432;
    public int Redis { get; set; } = 56379;
    public int Kafka { get; set; } = 59092;
}
