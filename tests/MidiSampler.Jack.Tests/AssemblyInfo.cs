// Every test here talks to a private jackd chosen through the process-wide JACK_DEFAULT_SERVER
// variable, and measures timing: they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
