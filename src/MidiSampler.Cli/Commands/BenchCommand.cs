using System.CommandLine;
using System.Globalization;
using MidiSampler.Cli.Benchmarking;
using MidiSampler.Engine;

namespace MidiSampler.Cli.Commands;

/// <summary><c>midi-sampler bench</c>: the engine's cost per voice-sample and the voices one core sustains.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var voices = new Option<int>("--voices") { Description = "Sustained looped voices to measure with", DefaultValueFactory = _ => 256 };
        var block = new Option<int>("--block-size") { Description = "Frames per block", DefaultValueFactory = _ => 128 };
        var rate = new Option<int>("--sample-rate") { Description = "Output rate in Hz", DefaultValueFactory = _ => 48_000 };
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds per configuration", DefaultValueFactory = _ => 2 };
        var interpolation = CommonOptions.Interpolation();
        var command = new Command("bench", "Measure the cost per voice per output sample and how many voices one core sustains in real time")
        {
            voices, block, rate, seconds, interpolation,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            int v = parse.GetValue(voices), b = parse.GetValue(block), r = parse.GetValue(rate);
            double s = parse.GetValue(seconds);
            if (v is < 1 or > 2048 || b is < 16 or > 8192 || r is < 8000 or > 384_000 || !(s > 0 && s <= 600))
            {
                parse.InvocationConfiguration.Error.WriteLine("midi-sampler: bench: --voices 1..2048, --block-size 16..8192, --sample-rate 8000..384000, --seconds up to 600");
                return ExitCodes.BadInput;
            }

            var mode = CommonOptions.InterpolationMode(parse.GetValue(interpolation));
            output.WriteLine(FormattableString.Invariant($"Rendering {v} sustained looped voices, {b}-frame blocks at {r} Hz, {mode} interpolation, one core..."));
            foreach (bool stereo in new[] { false, true })
            {
                var result = new ThroughputBench { Voices = v, BlockFrames = b, SampleRate = r, Interpolation = mode, StereoSamples = stereo, Seconds = s }.Run();
                Print(output, result);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(TextWriter output, ThroughputResult r)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"  {(r.StereoSamples ? "stereo" : "mono")} samples: {r.NanosecondsPerVoiceSample:F2} ns per voice-sample; block {r.MeanBlockNanoseconds / 1000:F1} µs mean, {r.P99BlockNanoseconds / 1000:F1} µs p99 of a {r.PeriodNanoseconds / 1000:F0} µs period ({r.MeanBlockNanoseconds / r.PeriodNanoseconds * 100:F1} % DSP load); empty block {r.EmptyBlockNanoseconds / 1000:F2} µs"));
        output.WriteLine(string.Create(c, $"  voices one core sustains in real time at {r.SampleRate} Hz, {r.BlockFrames}-frame blocks: {r.VoicesPerCore} (100 % load), {(int)(r.VoicesPerCore * 0.7)} with 30 % headroom"));
    }
}
