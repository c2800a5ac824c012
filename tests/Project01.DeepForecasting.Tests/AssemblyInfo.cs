// libtorch's seed and thread count are process-wide: tests that build networks after torch.manual_seed must not
// interleave, or one test's seed would seed another's weights.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
