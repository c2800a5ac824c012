namespace Project01.Core.Forecasting;

/// <summary>Feature values of one symbol at one event time, in the order of the view's feature names.</summary>
public readonly record struct FeatureObservation(string Symbol, DateTime EventTime, double[] Values);
