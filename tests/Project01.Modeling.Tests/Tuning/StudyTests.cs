using Project01.Modeling.Tuning;

namespace Project01.Modeling.Tests.Tuning;

public sealed class StudyTests
{
    private static readonly SearchSpace Space = new([new FloatParameter("x", -1, 1)]);

    [Fact]
    public void NoMoreTrialsRunAtOnceThanTheBoundAndTheBoundIsReached()
    {
        const int bound = 3;
        var (running, peak) = (0, 0);
        // Every trial waits at a barrier for `bound` trials: a study running fewer at once would time out here.
        using var barrier = new Barrier(bound);
        var finished = new List<int>();
        var result = new Study(Space, new RandomSampler(), null, new StudyOptions(12, Seed: 1, MaxParallel: bound)).Optimize(t =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            var met = barrier.SignalAndWait(TimeSpan.FromSeconds(20));
            Interlocked.Decrement(ref running);
            Assert.True(met, "fewer trials ran at once than the bound");
            return Math.Abs(t.Parameters.Float("x"));
        }, r => { lock (finished) finished.Add(r.Number); });

        Assert.Equal(bound, peak);
        Assert.Equal(Enumerable.Range(0, 12), result.Trials.Select(t => t.Number));
        Assert.Equal(Enumerable.Range(0, 12), finished.Order()); // every trial reported once as it finished
    }

    [Fact]
    public void TheDefaultBoundIsTheCoreCountAndNeverMoreThanTheTrials()
    {
        Assert.Equal(Math.Min(Environment.ProcessorCount, 50), new StudyOptions(50).Parallelism);
        Assert.Equal(2, new StudyOptions(2, MaxParallel: 16).Parallelism);
        Assert.Equal(1, new StudyOptions(5, MaxParallel: 0).Parallelism);
    }

    [Fact]
    public void AFailingObjectiveStopsTheStudyWithItsException()
    {
        // One worker, so which trials start is decided by the study and not by thread timing: with two, the other worker
        // could run every remaining trial before the failing one throws (it did, on an idle machine).
        var started = 0;
        var error = Assert.Throws<InvalidOperationException>(() => new Study(Space, new RandomSampler(), null, new StudyOptions(50, MaxParallel: 1)).Optimize(t =>
        {
            Interlocked.Increment(ref started);
            return t.Number == 3 ? throw new InvalidOperationException("fit failed") : 0.0;
        }));
        Assert.Equal("fit failed", error.Message);
        Assert.Equal(4, started); // trials 0–3: nothing after the failure
    }

    [Fact]
    public void StepsMustBeReportedInOrder()
    {
        var error = Assert.Throws<ArgumentException>(() => new Study(Space, new RandomSampler(), null, new StudyOptions(1)).Optimize(t =>
        {
            t.Report(1, 0.5);
            return 0.5;
        }));
        Assert.Contains("steps come in order from 0", error.Message);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
