using System.ComponentModel.DataAnnotations;

namespace Project01.Broker;

public sealed class BrokerOptions
{
    public const string Section = "Broker";

    /// <summary>Fixed loopback port clients connect to.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 59092;
}
