using Project01.Cli.Commands.Pipelines;
using Project01.Cli.Commands.Keys;
using Project01.Cli.Commands;
using Project01.Cli.Commands.Features;
using Project01.Cli.Commands.Import;
using Project01.Cli.Commands.Lake;
using Project01.Cli.Commands.Modeling;
using Project01.Cli.Commands.Monitoring;
using Project01.Cli.Commands.Registry;
using Project01.Cli.Commands.Portfolios;
using Project01.Cli.Commands.Risk;
using Project01.Cli.Console;
using Project01.Core.Market;
using Project01.Lake.Delta;
using Project01.Lake.Import;
using Project01.Modeling.Forecasters.XGBoost;
using Project01.Modeling.Training;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("p01");
    config.Settings.Console = Stderr.Console;
    config.AddCommand<IndicatorsCommand>("indicators").WithDescription("Compute TTR-compatible indicators for a bar CSV");
    config.AddCommand<ImportCommand>("import").WithDescription("Import a folder of vendor bar files (Yahoo, Stooq, Polygon, generic) as a universe into Kafka or the lake; JSON");
    config.AddCommand<ReplayCommand>("replay").WithDescription("Replay a bundled dataset or a bar file into Kafka's ticks topic");
    config.AddCommand<SqlCommand>("sql").WithDescription("Run SQL over the lake's tables; prints CSV");
    config.AddCommand<SentimentCommand>("sentiment").WithDescription("Score texts or JSON lines for sentiment (finance lexicon, or an ONNX model such as FinBERT); prints JSON lines");
    config.AddCommand<DriftCommand>("drift").WithDescription("Drift (PSI, KS, Wasserstein, JS) of a registered model's inputs by quarter, with data-quality issues (CSV or JSON); or of two CSV files (--reference, --current; JSON)");
    config.AddCommand<EvaluateCommand>("evaluate").WithDescription("Train a forecaster on a bar file and compare it with the naive baseline on the test span; prints JSON");
    config.AddCommand<TuneCommand>("tune").WithDescription("Hyper-parameter search (TPE or random, median pruning) over purged walk-forward folds; prints the best trial as JSON, records trials with --db");
    config.AddCommand<RiskCommand>("risk").WithDescription("GARCH(1,1) + filtered historical simulation on a bar file: latest 1- and 10-day VaR/ES and their out-of-sample backtest (Kupiec, Christoffersen); prints JSON");
    config.AddCommand<PortfolioCommand>("portfolio").WithDescription("Walk-forward backtest of equal weight, mean-variance and risk parity (Ledoit–Wolf) and a PPO agent on a panel of daily closes, with costs; prints JSON");
    config.AddBranch("bench", bench =>
    {
        bench.SetDescription("Measured throughput on this machine");
        bench.AddCommand<BenchPanelCommand>("panel").WithDescription("Write the synthetic timing panel (seeded random walks, not prices) both Project01 and its Python peer time");
        bench.AddCommand<BenchIndicatorsCommand>("indicators").WithDescription("Time the indicators over a panel file: read, compute (engine only), write; JSON");
        bench.AddCommand<BenchIngestCommand>("ingest").WithDescription("Replay → Kafka → lake records/s and peak memory (embedded broker)");
        bench.AddCommand<BenchHttpCommand>("http").WithDescription("Closed-loop HTTP load on one URL: p50/p99 latency and requests/s per concurrency level");
        bench.AddCommand<BenchOnlineCommand>("online").WithDescription("Online feature fetch latency (p50/p99) of one entity on loopback Redis");
        bench.AddCommand<BenchGbmCommand>("gbm").WithDescription("XGBoost and LightGBM fit seconds, test RMSE and batch rows/s on a panel's price features (vol5), JSON");
        bench.AddCommand<BenchDeepCommand>("deep").WithDescription("TFT and DeepAR training samples/s and per-series inference latency (TorchSharp and ONNX Runtime), JSON");
    });
    config.AddBranch("features", features =>
    {
        features.SetDescription("The feature store");
        features.AddCommand<FeaturesApplyCommand>("apply").WithDescription("Apply the code's feature views to the registry, showing the changes");
        features.AddCommand<FeaturesMaterializeCommand>("materialize").WithDescription("Load the online store with the latest offline values in a window");
    });
    config.AddBranch("keys", keys =>
    {
        keys.SetDescription("API keys of the inference API (Postgres: --db or ConnectionStrings__p01db)");
        keys.AddCommand<KeysCreateCommand>("create").WithDescription("Issue a key for a client (printed once); JSON");
        keys.AddCommand<KeysListCommand>("list").WithDescription("List keys without their secrets; JSON lines");
        keys.AddCommand<KeysRevokeCommand>("revoke").WithDescription("Revoke a client's key");
    });
    config.AddBranch("registry", registry =>
    {
        registry.SetDescription("Model versions, aliases and backtests in the registry (Postgres: --db or ConnectionStrings__p01db)");
        registry.AddCommand<RegistryListCommand>("list").WithDescription("List model versions with their aliases; JSON lines");
        registry.AddCommand<RegistryShowCommand>("show").WithDescription("One version in full, with alias history and backtests; JSON");
        registry.AddCommand<RegistryPromoteCommand>("promote").WithDescription("Point an alias (champion) at a version; needs --reason");
        registry.AddCommand<RegistryRollbackCommand>("rollback").WithDescription("Move an alias back to its previous version; needs --reason");
        registry.AddCommand<RegistryBacktestCommand>("backtest").WithDescription("Backtest a version's test predictions and store the result by run id");
    });
    config.AddBranch("pipeline", pipeline =>
    {
        pipeline.SetDescription("Scheduled pipelines (retrain: ingest → features → drift → retrain → evaluate → promote)");
        pipeline.AddCommand<PipelineRunCommand>("run").WithDescription("Start a run now (the Training service executes it); JSON, --wait for the outcome");
        pipeline.AddCommand<PipelineListCommand>("list").WithDescription("Runs, newest first; CSV");
        pipeline.AddCommand<PipelineShowCommand>("show").WithDescription("One run with its steps and alerts; JSON");
    });
    config.AddBranch("lake", lake =>
    {
        lake.SetDescription("Delta tables in the lake");
        lake.AddCommand<LakeImportCommand>("import").WithDescription("Append a CSV to a table (types inferred)");
        lake.AddCommand<LakeHistoryCommand>("history").WithDescription("List a table's versions");
        lake.AddCommand<LakeCompactCommand>("compact").WithDescription("Merge each partition's small files (row counts unchanged)");
        lake.AddCommand<LakeVacuumCommand>("vacuum").WithDescription("Delete data files no version within the retention needs");
        lake.AddCommand<LakeWriteCommand>("write").WithDescription("Consume the ticks topic into the lake exactly once (the ingest service's writer)");
    });
    config.SetExceptionHandler((exception, _) =>
    {
        // Data problems are the user's to fix: one clear line. Anything else is ours: the whole story.
        switch (exception)
        {
            case CsvDataException or CsvImportException or SchemaMismatchException or FileNotFoundException or FormatException
                or InsufficientDataException or XGBoostUnavailableException or XGBoostException
                or CommandParseException or CommandRuntimeException or System.Data.Common.DbException or TimeoutException or ArgumentException:
                Stderr.Error(exception.Message);
                return 1;
            default:
                Stderr.Error(exception.ToString());
                return 3;
        }
    });
});
return await app.RunAsync(args);
