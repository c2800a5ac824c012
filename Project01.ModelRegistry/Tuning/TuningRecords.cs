namespace Project01.ModelRegistry.Tuning;

/// <summary>A hyper-parameter study to record: what was tuned, on which data, by which sampler and seed, with what
/// budget, and the loss its trials minimise over how many walk-forward folds.</summary>
public sealed record TuningStudyDraft(string Model, string Target, string Dataset, string Sampler, int Seed, int Trials, int Folds, string Loss);

/// <summary>A recorded study; <see cref="BestTrial"/> and <see cref="FinishedAt"/> are set when it ends.</summary>
public sealed record TuningStudy(long Id, string Model, string Target, string Dataset, string Sampler, int Seed, int Trials, int Folds, string Loss,
    DateTime CreatedAt, DateTime? FinishedAt, int? BestTrial);

/// <summary>One trial of a study: its setting, how it ended (complete or pruned), its score (mean fold loss; null when
/// undefined) and each fold's loss as far as it got.</summary>
public sealed record TuningTrial(int Number, string State, IReadOnlyDictionary<string, string> Parameters, double? Score, IReadOnlyList<double> FoldLosses,
    DateTime StartedAt, DateTime FinishedAt);
