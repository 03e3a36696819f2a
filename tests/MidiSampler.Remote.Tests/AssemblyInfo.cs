// The end-to-end tests share one private jackd (JACK_DEFAULT_SERVER is process-wide): one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
