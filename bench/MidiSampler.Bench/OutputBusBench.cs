using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using MidiSampler.Engine;
using MidiSampler.Model;

namespace MidiSampler.Bench;

/// <summary>
/// The cost of the bus modes of docs/jack.md: 256 looped voices, 16 on each MIDI channel and 16 on each SFZ output, in
/// 128-frame blocks written as a multi-output host does (main pair plus 16 stereo bus planes), with no buses, per-channel
/// buses (<c>--multi-out</c>) or per-output buses (<c>--outputs 16</c>), and with or without a CC91 send on every channel.
/// <c>-- buses SECONDS</c> prints all six as ns per voice-sample (a quick figure); BenchmarkDotNet runs them with
/// <c>--filter '*OutputBusBench*'</c>.
/// </summary>
[MemoryDiagnoser]
public unsafe class OutputBusBench
{
    private const int Frames = 128;
    private const int Voices = 256;
    private readonly float[] _left = GC.AllocateArray<float>(Frames, pinned: true);
    private readonly float[] _right = GC.AllocateArray<float>(Frames, pinned: true);
    private readonly float[][] _planes = new float[32][];
    private Sampler _sampler = null!;

    /// <summary>none, multi-out or outputs.</summary>
    [Params("none", "multi-out", "outputs")]
    public string Mode { get; set; } = "none";

    /// <summary>Whether every channel sends to the reverb (CC91 = 64).</summary>
    [Params(false, true)]
    public bool Sends { get; set; }

    /// <summary>Builds the sampler and starts the voices. Control thread.</summary>
    [GlobalSetup]
    public void Setup()
    {
        for (int p = 0; p < _planes.Length; p++)
            _planes[p] = GC.AllocateArray<float>(Frames, pinned: true);
        var data = new float[88_200];
        for (int i = 0; i < data.Length; i++)
            data[i] = (float)(0.3 * Math.Sin(2 * Math.PI * 220 * i / 44_100.0));
        var sample = Sample.FromInterleaved("tone", 44_100, 1, data);
        var regions = new Region[16];
        for (int o = 0; o < 16; o++)
        {
            regions[o] = new Region
            {
                Sample = sample, PitchKeyCenter = 57, LoKey = 24 + (o * 6), HiKey = 29 + (o * 6), Output = o,
                LoopMode = LoopMode.LoopContinuous, LoopStart = 22_050, LoopEnd = data.Length - 1,
            };
        }

        _sampler = new Sampler(new SamplerConfig
        {
            MaxPolyphony = Voices, MaxBlockFrames = Frames, SampleRate = 48_000,
            ChannelBuses = Mode == "multi-out", OutputBuses = Mode == "outputs" ? 16 : 0,
        });
        _sampler.SetInstrument(0, new Instrument("kit", regions));
        for (int c = 0; c < 16; c++)
            _sampler.ControlChange(c, 91, Sends ? 64 : 0);
        for (int v = 0; v < Voices; v++)
            _sampler.NoteOn(v % 16, 24 + (v / 16 * 6) + (v % 6), 100); // channel v % 16, output v / 16: every (channel, key) once
        for (int b = 0; b < 100; b++)
            Block();
        if (_sampler.GetStats().ActiveVoices != Voices)
            throw new InvalidOperationException($"{_sampler.GetStats().ActiveVoices} voices sound, not {Voices}");
    }

    /// <summary>One 128-frame block into the main pair and the 16 bus planes.</summary>
    [Benchmark]
    public void Block()
    {
        var buses = default(ChannelBusOutputs);
        for (int b = 0; b < 16; b++)
        {
            buses.SetBus(b, (float*)Marshal.UnsafeAddrOfPinnedArrayElement(_planes[b * 2], 0),
                (float*)Marshal.UnsafeAddrOfPinnedArrayElement(_planes[(b * 2) + 1], 0), Frames);
        }

        _sampler.ProcessPlanar(_left, _right, Frames, default, buses);
    }

    /// <summary>Prints ns per voice-sample for all six cases, each rendered for <paramref name="seconds"/>.</summary>
    public static void Run(double seconds)
    {
        foreach (bool sends in new[] { false, true })
        {
            foreach (string mode in new[] { "none", "multi-out", "outputs" })
            {
                var bench = new OutputBusBench { Mode = mode, Sends = sends };
                bench.Setup();
                for (int i = 0; i < 2000; i++)
                    bench.Block();
                long blocks = 0;
                var watch = Stopwatch.StartNew();
                while (watch.Elapsed.TotalSeconds < seconds)
                {
                    for (int i = 0; i < 100; i++)
                        bench.Block();
                    blocks += 100;
                }

                double ns = watch.Elapsed.TotalNanoseconds / (blocks * (double)Voices * Frames);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode,-10} sends {(sends ? "on " : "off")}: {ns:F2} ns per voice-sample"));
            }
        }
    }
}
