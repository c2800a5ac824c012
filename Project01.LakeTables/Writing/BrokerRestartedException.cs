namespace Project01.LakeTables.Writing;

/// <summary>The broker answered with another cluster id mid-run: its offsets started over, so must the writer.</summary>
public sealed class BrokerRestartedException(string before, string now)
    : Exception($"the Kafka cluster changed from '{before}' to '{now}' (a broker restart without its data): starting over under the new id")
{
    public string Before { get; } = before;
    public string Now { get; } = now;
}
