using System.Globalization;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using MidiSampler.Engine;
using MidiSampler.Model;

namespace MidiSampler.Bench;

/// <summary>
/// The cost of the per-channel level meters (<see cref="SamplerConfig.ChannelMeters"/>, on with <c>play --web/--osc</c>):
/// looped voices spread over the 16 MIDI channels, 128-frame blocks, effects on (the default) without sends, meters off
/// and on; 1 voice a channel is the worst case (the meter's scan and the channel buffer's extra pass per voice), 16 a
/// busy one. <c>-- meters SECONDS</c> renders the four in turns timed by thread CPU time and prints ns per voice-sample
/// and the on/off ratios; BenchmarkDotNet runs them with <c>--filter '*ChannelMeterBench*'</c>.
/// </summary>
[MemoryDiagnoser]
public class ChannelMeterBench
{
    private const int Frames = 128;
    private readonly float[] _output = new float[Frames * 2];
    private readonly float[] _peaks = new float[16];
    private readonly float[] _squares = new float[16];
    private Sampler _sampler = null!;
    private int _blocks;

    /// <summary>Whether the meters are on.</summary>
    [Params(false, true)]
    public bool Meters { get; set; }

    /// <summary>Voices on each of the 16 channels.</summary>
    [Params(1, 16)]
    public int VoicesPerChannel { get; set; } = 1;

    /// <summary>Builds the sampler and starts the voices. Control thread.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = new float[88_200];
        for (int i = 0; i < data.Length; i++)
            data[i] = (float)(0.3 * Math.Sin(2 * Math.PI * 220 * i / 44_100.0));
        var sample = Sample.FromInterleaved("tone", 44_100, 1, data);
        var region = new Region { Sample = sample, PitchKeyCenter = 57, LoopMode = LoopMode.LoopContinuous, LoopStart = 22_050, LoopEnd = data.Length - 1 };
        _sampler = new Sampler(new SamplerConfig { MaxPolyphony = 256, MaxBlockFrames = Frames, SampleRate = 48_000, ChannelMeters = Meters });
        _sampler.SetInstrument(0, new Instrument("tone", [region]));
        for (int c = 0; c < 16; c++)
        {
            for (int v = 0; v < VoicesPerChannel; v++)
                _sampler.NoteOn(c, 40 + v + c, 100);
        }

        for (int b = 0; b < 100; b++)
            Block();
        if (_sampler.GetStats().ActiveVoices != 16 * VoicesPerChannel)
            throw new InvalidOperationException($"{_sampler.GetStats().ActiveVoices} voices sound, not {16 * VoicesPerChannel}");
    }

    /// <summary>One 128-frame block; every 8th block also reads the meters, as the remote's 50 ms timer would.</summary>
    [Benchmark]
    public void Block()
    {
        _sampler.Process(_output, Frames);
        if ((++_blocks & 7) == 0)
            _sampler.TryReadChannelLevels(_peaks, _squares);
    }

    /// <summary>Renders the four cases in turns for <paramref name="seconds"/> and prints their cost and ratios.</summary>
    public static void Run(double seconds)
    {
        var cases = new List<ChannelMeterBench>();
        foreach (int voices in new[] { 1, 16 })
        {
            foreach (bool meters in new[] { false, true })
            {
                var bench = new ChannelMeterBench { Meters = meters, VoicesPerChannel = voices };
                bench.Setup();
                for (int i = 0; i < 2000; i++)
                    bench.Block();
                cases.Add(bench);
            }
        }

        var cpu = new double[cases.Count];
        var counts = new long[cases.Count];
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (int k = 0; k < cases.Count; k++)
            {
                double start = Program.ThreadCpuNanoseconds();
                var turn = Stopwatch.StartNew();
                while (turn.Elapsed.TotalSeconds < 0.25 / cases.Count)
                {
                    for (int i = 0; i < 20; i++)
                        cases[k].Block();
                    counts[k] += 20;
                }

                cpu[k] += Program.ThreadCpuNanoseconds() - start;
            }
        }

        for (int k = 0; k < cases.Count; k++)
        {
            var c = cases[k];
            double perBlock = cpu[k] / counts[k];
            double ns = perBlock / (16.0 * c.VoicesPerChannel * Frames);
            string ratio = c.Meters ? string.Create(CultureInfo.InvariantCulture, $", {perBlock / (cpu[k - 1] / counts[k - 1]):F3}x off") : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{16 * c.VoicesPerChannel,3} voices, meters {(c.Meters ? "on " : "off")}: {perBlock / 1000:F2} µs per block, {ns:F2} ns per voice-sample{ratio}"));
        }
    }
}
