using BenchmarkDotNet.Running;

// Release build, BenchmarkDotNet's command line, e.g. one short in-process run of everything:
//   dotnet run -c Release --project benchmarks/Project01.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Project01.Benchmarks.Sentiment.SentimentBenchmarks).Assembly).Run(args);
