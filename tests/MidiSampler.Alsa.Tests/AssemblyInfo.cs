// The tests share one ALSA configuration, jackd names and a 2-core machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
