namespace Project01.ModelTraining.Research;

/// <summary>A research request that cannot run: <see cref="Field"/> names the offending field of the request body.</summary>
public sealed class InvalidResearchRequestException(string field, string message) : ArgumentException(message)
{
    public string Field { get; } = field;
}
