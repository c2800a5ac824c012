using System.Runtime.ExceptionServices;

namespace Project01.Modeling.Tuning;

/// <summary>How many trials, from which seed, how many at once (default: one per core).</summary>
public sealed record StudyOptions(int Trials, int Seed = 1, int? MaxParallel = null)
{
    public int Parallelism => Math.Clamp(MaxParallel ?? Environment.ProcessorCount, 1, Math.Max(1, Trials));
}

/// <summary>Every trial of a study in number order, and the best completed one.</summary>
public sealed record StudyResult(string Sampler, IReadOnlyList<TrialRecord> Trials)
{
    public TrialRecord? Best => Trials.Where(t => t.State == TrialState.Complete && !double.IsNaN(t.Value)).MinBy(t => t.Value);
    public int Completed => Trials.Count(t => t.State == TrialState.Complete);
    public int Pruned => Trials.Count(t => t.State == TrialState.Pruned);
}

/// <summary>
/// Minimises an objective over a search space (Optuna's <c>study.optimize</c> with <c>n_jobs</c>): up to
/// <see cref="StudyOptions.Parallelism"/> trials run at once on their own threads, each taking the next trial number
/// and sampling its setting from the trials finished at that moment (running ones are not seen, as in Optuna). Trial
/// n draws from a generator seeded by (seed, n), so one trial at a time reproduces a study exactly; with more, which
/// trials have finished when another samples depends on timing. An objective that throws anything but
/// <see cref="TrialPrunedException"/> stops the study and the exception is rethrown.
/// </summary>
public sealed class Study(SearchSpace space, ISampler sampler, IPruner? pruner, StudyOptions options)
{
    public StudyResult Optimize(Func<Trial, double> objective, Action<TrialRecord>? finished = null, CancellationToken ct = default)
    {
        if (options.Trials < 1) throw new ArgumentException($"a study needs at least one trial, got {options.Trials}");
        var records = new List<TrialRecord>();
        var next = -1;
        ExceptionDispatchInfo? failure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        IReadOnlyList<TrialRecord> Snapshot(bool completedOnly)
        {
            lock (records) return completedOnly ? [.. records.Where(r => r.State == TrialState.Complete)] : [.. records];
        }

        void Fail(Exception e)
        {
            Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            stop.Cancel();
        }

        void Work()
        {
            while (!stop.IsCancellationRequested)
            {
                var number = Interlocked.Increment(ref next);
                if (number >= options.Trials) return;
                var started = DateTime.UtcNow;
                TrialRecord record;
                Trial? trial = null;
                try
                {
                    var parameters = sampler.Sample(space, Snapshot(completedOnly: false), new Random(TrialSeed(options.Seed, number)));
                    trial = new Trial(number, parameters, pruner, () => Snapshot(completedOnly: true));
                    var value = objective(trial);
                    record = new TrialRecord(number, parameters, TrialState.Complete, value, [.. trial.StepLosses], started, DateTime.UtcNow);
                }
                catch (TrialPrunedException) when (trial is not null)
                {
                    record = new TrialRecord(number, trial.Parameters, TrialState.Pruned, trial.StepLosses.Average(), [.. trial.StepLosses], started, DateTime.UtcNow);
                }
                catch (Exception e)
                {
                    Fail(e);
                    return;
                }
                lock (records) records.Add(record);
                try
                {
                    finished?.Invoke(record);
                }
                catch (Exception e)
                {
                    Fail(e);
                    return;
                }
            }
        }

        var workers = Enumerable.Range(0, options.Parallelism)
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        Task.WaitAll(workers, CancellationToken.None);
        failure?.Throw();
        ct.ThrowIfCancellationRequested();
        return new StudyResult(sampler.Name, [.. records.OrderBy(r => r.Number)]);
    }

    /// <summary>Trial n's own seed: a SplitMix64 step of (seed, n), so neighbouring trials get unrelated streams.</summary>
    internal static int TrialSeed(int seed, int number)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32 | (uint)number) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
        }
    }
}
