namespace Project01.ArchitectureTests;

/// <summary>The boundaries DEVELOPERS.md and the design card set, on what the build produced.</summary>
public sealed class BoundaryTests
{
    private static readonly string[] Services = ["Project01.Ingest", "Project01.Features", "Project01.Training", "Project01.Inference", "Project01.Dashboard", "Project01.Broker"];

    private const string TrainingStack = "the serving side never loads the training stack";
    private const string TrainingSide = "only the Training service and p01 reference the training side";

    /// <summary>The training side: the platform's training libraries and the model libraries they bind (LightGBM through
    /// ML.NET, XGBoost, TorchSharp).</summary>
    private static readonly DependencyRule[] TrainingLibraries =
    [
        new("Project01.Modeling", TrainingSide),
        new("Project01.ModelTraining", TrainingSide),
        new("Project01.Backtesting", TrainingSide),
        new("Project01.Monitoring", TrainingSide),
        new("Project01.Portfolios.Ppo", TrainingSide),
        new("Project01.DeepForecasting", TrainingSide),
        new("Microsoft.ML.LightGbm", TrainingSide),
        new("LightGBM", TrainingSide),
        new("XGBoost", TrainingSide),
        new("TorchSharp", TrainingSide),
        new("libtorch-cpu-linux-x64", TrainingSide),
        new("libtorch-cuda-12.8-linux-x64", TrainingSide),
    ];

    /// <summary>For the serving side also ML.NET as a whole; ONNX Runtime is the serving runtime and stays allowed.</summary>
    private static readonly DependencyRule[] TrainingStackRules = [.. TrainingLibraries, new("Microsoft.ML", TrainingStack, "Microsoft.ML.OnnxRuntime")];

    /// <summary>The serving hosts, and the libraries written for them to call (Risk: VaR/ES for the API and the dashboard).</summary>
    public static TheoryData<string> ServingSide => new("Project01.Inference", "Project01.Serving", "Project01.Dashboard", "Project01.Risk");

    [Theory]
    [MemberData(nameof(ServingSide))]
    public void ServingSideLoadsNoTrainingStack(string project) =>
        Assert.Empty(DependencyClosure.Of(project).Violations(TrainingStackRules));

    public static TheoryData<string> HostsOtherThanTraining => new(Services.Where(s => s != "Project01.Training"));

    [Theory]
    [MemberData(nameof(HostsOtherThanTraining))]
    public void OnlyTheTrainingServiceAndTheCliReferenceTheTrainingSide(string project) =>
        Assert.Empty(DependencyClosure.Of(project).Violations(TrainingLibraries));

    public static TheoryData<string> AllServices => new(Services);

    [Theory]
    [MemberData(nameof(AllServices))]
    public void ServicesNeverReferenceOneAnother(string project) =>
        Assert.Empty(DependencyClosure.Of(project).Violations(
            Services.Where(s => s != project).Select(s => new DependencyRule(s, "services meet through Kafka, the lake, Postgres/Redis and HTTP"))));

    [Fact]
    public void FeaturesDoesNotReferenceIngestsLibrary() =>
        Assert.Empty(DependencyClosure.Of("Project01.Features").Violations(
            [new DependencyRule("Project01.Ingestion", "the lake's tables live in Project01.LakeTables, below both stages")]));

    [Fact]
    public void CoreReferencesNoPackageOrProject()
    {
        // The domain (bars, indicators, feature definitions, targets) stands alone: no infrastructure, no other project.
        var core = DependencyClosure.Of("Project01.Core");
        Assert.Empty(core.Packages);
        Assert.Empty(core.Projects);
    }

    [Fact]
    public void TheRulesBiteWhereTheStackIsExpected()
    {
        // The training service and the CLI do load the training stack: the same check finds it there, so an empty
        // result above means the stack is absent, not that the check is blind.
        var training = DependencyClosure.Of("Project01.Training").Violations(TrainingStackRules);
        Assert.Contains(training, v => v.StartsWith("Project01.Training depends on Microsoft.ML.LightGbm:", StringComparison.Ordinal));
        Assert.Contains(training, v => v.StartsWith("Project01.Training depends on Microsoft.ML:", StringComparison.Ordinal));
        Assert.Contains(training, v => v.StartsWith("Project01.Training depends on Project01.Modeling:", StringComparison.Ordinal));
        Assert.Contains(DependencyClosure.Of("Project01.Cli").Violations(TrainingLibraries), v => v.Contains("depends on Project01.ModelTraining:", StringComparison.Ordinal));
        Assert.DoesNotContain(training, v => v.Contains("OnnxRuntime", StringComparison.Ordinal));
    }
}
