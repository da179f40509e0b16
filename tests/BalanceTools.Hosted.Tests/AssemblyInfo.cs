// Runspaces are independent, so test classes run in parallel; tests that change the process environment opt out
// through the "Process environment" collection.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, MaxParallelThreads = 4)]
