// The fake server's faults and latency apply to every request it receives, so its tests take turns.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
