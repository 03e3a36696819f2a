// One test at a time: the tests publish with NativeAOT (two publishes at once would build the engine into shared
// intermediate folders), and the JACK test wants the CPU for its dummy server.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
