using MidiSampler.Engine;

namespace MidiSampler.Cli.Benchmarking;

/// <summary>The figures of a <see cref="ThroughputBench"/> run.</summary>
internal sealed record ThroughputResult(
    int Voices,
    int BlockFrames,
    int SampleRate,
    InterpolationMode Interpolation,
    bool StereoSamples,
    double NanosecondsPerVoiceSample,
    double EmptyBlockNanoseconds,
    double MeanBlockNanoseconds,
    double P99BlockNanoseconds,
    double PeriodNanoseconds,
    int VoicesPerCore,
    int BlocksMeasured);
