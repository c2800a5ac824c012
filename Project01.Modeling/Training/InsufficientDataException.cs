namespace Project01.Modeling.Training;

/// <summary>The data (or the chosen split dates) leave too few examples to train and evaluate honestly.</summary>
public sealed class InsufficientDataException(string message) : InvalidOperationException(message);
