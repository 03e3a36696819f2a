using System.Diagnostics;
using System.Globalization;
using MidiSampler.Dsp;
using MidiSampler.Engine;
using MidiSampler.Formats.Sfz;
using MidiSampler.Model;

namespace MidiSampler.Fuzz;

/// <summary>
/// The random-play soak (issue 20): renders random MIDI through one sampler for a given time, as fast as it goes,
/// and checks what a musician relies on.
/// </summary>
/// <remarks>
/// Design: one thread plays both roles, as an offline host does: between blocks it is the control thread (it queues
/// events, swaps instruments) and inside <see cref="Sampler.Process(Span{float}, int)"/> it is the audio thread. Only
/// the Process calls are measured for allocation (<see cref="GC.GetAllocatedBytesForCurrentThread"/> around each), so
/// the swaps, which build instruments and allocate by design, do not count against the audio path. The run holds an
/// <see cref="ExactAllocationCount"/>: with background collection on, that per-thread counter jumps by up to 8 KB on a
/// thread that allocates nothing whenever a background collection suspends it (the "allocations" seed 20 found in the
/// test host, where other threads allocate). Random events every
/// block: notes on 16 channels (with a note-off owed for each), controllers (sustain, volume, pan, filter, sends, the
/// effect controllers of the SFZ racks), pitch bend, channel pressure, program changes, GM/GS/XG resets; a panic every
/// ~10 s; an instrument swap every ~3 s among instruments with effect racks, filters, loops and round robins.
/// Checks: every output sample healthy (<see cref="FiniteGuard"/>), no guard repair needed, no voice left once every
/// note is released and the pedals are up (no stuck note), none after a panic either, no allocation inside Process
/// after the first 30 s of audio (a warm-up, reported separately: a rare path's first run may allocate once),
/// and the managed heap and working set flat (reported every minute and at the end).
/// </remarks>
internal static class Soak
{
    private const int Rate = 48_000;
    private const int Block = 256;

    private const string EffectsSfz = """
        <global> ampeg_release=0.3 amp_veltrack=80
        <group> seq_length=2
        <region> sample=t.wav seq_position=1 loop_mode=loop_continuous fil_type=lpf_2p cutoff=1200 cutoff_oncc74=2400 resonance=9 effect1=60 effect2=40
        <region> sample=t.wav seq_position=2 loop_mode=loop_continuous fil_type=hpf_2p cutoff=300 resonance=3 effect1=30 effect3=50
        <effect> bus=fx1 type=delay delay_timel=0.12 delay_timer=0.18 delay_feedback=85 delay_feedback_oncc20=15 fx1tomain=60
        <effect> bus=fx2 type=fverb reverb_type=large_hall reverb_wet_oncc21=-40 fx2tomain=70
        <effect> bus=fx3 type=phaser phaser_depth=80 fx3tomain=50
        <effect> type=comp comp_threshold=-12 comp_ratio=4
        """;

    private const string PlainSfz = """
        <region> sample=t.wav loop_mode=one_shot lokey=0 hikey=63
        <region> sample=t.wav loop_mode=loop_sustain lokey=64 hikey=127 ampeg_attack=0.01 ampeg_release=1.5 pitch_oncc1=200 amplfo_freq=5 amplfo_depth=3
        """;

    /// <summary>Runs the soak for <paramref name="seconds"/> of wall time; prints figures; 0 when every check held.</summary>
    public static int Run(double seconds, int seed, TextWriter log)
    {
        using var exact = ExactAllocationCount.Begin();
        var instruments = BuildInstruments();
        using var sampler = new Sampler(new SamplerConfig { SampleRate = Rate, MaxBlockFrames = Block, MaxPolyphony = 128, OutputChannels = 2 });
        sampler.SetInstrument(0, instruments[0]);
        sampler.SetInstrument(1, instruments[1]);
        sampler.WarmUp();
        var random = new Random(seed);
        var buffer = new float[Block * 2];
        var held = new bool[16 * 128];
        var failures = new List<string>();
        // The first 30 s of audio are a warm-up: a rare path's first run (its JIT, a static table) may allocate once.
        const long warmUpBlocks = 30L * Rate / Block;
        long warmUpAllocated = 0;
        long audioAllocated = 0, allocatingBlocks = 0, firstAllocatingBlock = -1, blocks = 0, unhealthyBlocks = 0, panics = 0, swaps = 0, events = 0, stuckChecks = 0;
        int gen0Before = GC.CollectionCount(0), gen2Before = GC.CollectionCount(2);
        GC.Collect();
        long heapStart = GC.GetTotalMemory(forceFullCollection: true);
        long workingSetStart = Environment.WorkingSet, heapMax = heapStart, workingSetMax = workingSetStart;
        var clock = Stopwatch.StartNew();
        double nextReport = 60, nextPanic = 10, nextSwap = 3, nextStuckCheck = 30;

        void Render()
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            sampler.Process(buffer, Block);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated != 0 && blocks < warmUpBlocks)
            {
                warmUpAllocated += allocated;
            }
            else if (allocated != 0)
            {
                audioAllocated += allocated;
                allocatingBlocks++;
                if (firstAllocatingBlock < 0)
                    firstAllocatingBlock = blocks;
            }

            blocks++;
            if (!FiniteGuard.IsHealthy(buffer))
                unhealthyBlocks++;
        }

        while (clock.Elapsed.TotalSeconds < seconds)
        {
            events += RandomEvents(sampler, random, held);
            Render();
            double audioSeconds = (double)blocks * Block / Rate;
            if (audioSeconds >= nextPanic)
            {
                nextPanic += 8 + (random.NextDouble() * 4);
                sampler.Panic();
                Array.Clear(held);
                panics++;
            }

            if (audioSeconds >= nextSwap)
            {
                nextSwap += 2 + (random.NextDouble() * 2);
                int program = random.Next(2);
                sampler.SetInstrument(program, instruments[random.Next(instruments.Length)]);
                swaps++;
            }

            if (audioSeconds >= nextStuckCheck)
            {
                // Every 30 s of audio: release everything the soak holds, pedals up, and the voices must all end.
                nextStuckCheck += 30;
                stuckChecks++;
                if (ReleaseAndWait(sampler, held, Render) is { } stuck)
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{stuck} voices still sounding 10 s after every note-off at {audioSeconds:F0} s of audio"));
            }

            if (clock.Elapsed.TotalSeconds >= nextReport)
            {
                nextReport += 60;
                long heap = GC.GetTotalMemory(forceFullCollection: false);
                heapMax = Math.Max(heapMax, heap);
                workingSetMax = Math.Max(workingSetMax, Environment.WorkingSet);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"soak: {clock.Elapsed.TotalSeconds:F0} s wall, {audioSeconds:F0} s audio, {events} events, {panics} panics, {swaps} swaps, heap {heap / 1024} KiB, working set {Environment.WorkingSet / (1024 * 1024)} MiB"));
            }
        }

        // The end: every note-off and pedal up, then a panic: nothing may sound on.
        int? left = ReleaseAndWait(sampler, held, Render);
        if (left is { } n)
            failures.Add($"{n} voices still sounding 10 s after the final note-offs");
        sampler.Panic();
        for (int b = 0; b < Rate / Block; b++)
            Render();
        var stats = sampler.GetStats();
        if (stats.ActiveVoices != 0)
            failures.Add($"{stats.ActiveVoices} voices after the final panic");
        if (buffer.Any(v => v != 0))
            failures.Add("the output is not silent one second after the final panic");
        if (unhealthyBlocks > 0)
            failures.Add($"{unhealthyBlocks} blocks held a non-finite or absurd sample");
        if (stats.NonFiniteSamples > 0 || stats.EffectResets > 0 || stats.FilterResets > 0)
            failures.Add($"the guards repaired {stats.NonFiniteSamples} output values, reset {stats.EffectResets} effects and {stats.FilterResets} voice filters");
        if (audioAllocated != 0)
            failures.Add($"the audio path allocated {audioAllocated} bytes after the warm-up");

        GC.Collect();
        long heapEnd = GC.GetTotalMemory(forceFullCollection: true);
        workingSetMax = Math.Max(workingSetMax, Environment.WorkingSet);
        double audio = (double)blocks * Block / Rate;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            soak: seed {seed}: {clock.Elapsed.TotalSeconds:F0} s wall, {audio:F0} s of audio ({audio / clock.Elapsed.TotalSeconds:F1}x real time), {blocks} blocks of {Block} frames
            soak: {events} events, {panics} panics, {swaps} instrument swaps, {stuckChecks} stuck-note checks, peak {stats.PeakVoices} voices, {stats.StolenVoices} stolen, peak level {20 * Math.Log10(Math.Max(stats.PeakLevel, 1e-10)):F1} dBFS
            soak: audio path allocated {audioAllocated} bytes in {allocatingBlocks} blocks after the 30 s warm-up ({warmUpAllocated} bytes during it){(firstAllocatingBlock >= 0 ? $" (first at {firstAllocatingBlock * (double)Block / Rate:F2} s of audio)" : "")}; {GC.CollectionCount(0) - gen0Before} gen0 collections in the whole run (instrument swaps allocate on the control side)
            soak: managed heap {heapStart / 1024} KiB at start, {heapEnd / 1024} KiB at end (max seen {heapMax / 1024} KiB); working set {workingSetStart / (1024 * 1024)} MiB at start, max {workingSetMax / (1024 * 1024)} MiB
            soak: allocation counted with background GC {(ExactAllocationCount.IsExact ? "off (exact)" : "ON (inexact: up to 8 KB per background collection)")}; {GC.CollectionCount(2) - gen2Before} gen2 collections
            soak: unhealthy blocks {unhealthyBlocks}, guard repairs {stats.NonFiniteSamples} values / {stats.EffectResets} effect resets / {stats.FilterResets} voice filter resets, dropped events {stats.DroppedEvents}
            """));
        foreach (string failure in failures)
            log.WriteLine("soak: FAIL: " + failure);
        log.WriteLine(failures.Count == 0 ? "soak: PASS" : "soak: FAILED");
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>A few random events for the next block, with offsets inside it; returns how many.</summary>
    private static int RandomEvents(Sampler sampler, Random random, bool[] held)
    {
        int count = random.Next(4);
        for (int i = 0; i < count; i++)
        {
            int channel = random.Next(16), offset = random.Next(Block), roll = random.Next(100);
            if (roll < 40)
            {
                int key = 24 + random.Next(84);
                if (held[(channel * 128) + key])
                {
                    sampler.NoteOff(channel, key, offset);
                    held[(channel * 128) + key] = false;
                }
                else
                {
                    sampler.NoteOn(channel, key, 1 + random.Next(127), offset);
                    held[(channel * 128) + key] = true;
                }
            }
            else if (roll < 70)
            {
                int[] controllers = [1, 7, 10, 11, 64, 66, 67, 71, 74, 91, 93, 20, 21, 0, 32, 120, 121, 123];
                sampler.ControlChange(channel, controllers[random.Next(controllers.Length)], random.Next(128), offset);
            }
            else if (roll < 85)
            {
                sampler.PitchBend(channel, random.Next(16384), offset);
            }
            else if (roll < 92)
            {
                sampler.Send(new MidiEvent(offset, MidiEventType.ChannelPressure, (byte)channel, (byte)random.Next(128), 0, 0, 0));
            }
            else if (roll < 98)
            {
                sampler.ProgramChange(channel, random.Next(3), offset);
            }
            else
            {
                var kind = (SysExKind)(1 + random.Next(4));
                sampler.Send(MidiEvent.SysEx(offset, kind));
            }
        }

        return count;
    }

    /// <summary>Note-off for every held note and all pedals up; renders up to 10 s; null when every voice ended, else how many remain.</summary>
    private static int? ReleaseAndWait(Sampler sampler, bool[] held, Action render)
    {
        for (int slot = 0; slot < held.Length; slot++)
        {
            if (held[slot])
                sampler.NoteOff(slot / 128, slot % 128);
        }

        Array.Clear(held);
        for (int c = 0; c < 16; c++)
        {
            sampler.ControlChange(c, 64, 0);
            sampler.ControlChange(c, 66, 0);
            sampler.ControlChange(c, 67, 0);
        }

        for (int b = 0; b < 10 * Rate / Block; b++)
        {
            render();
            if (b > 2 && sampler.GetStats().ActiveVoices == 0)
                return null;
        }

        return sampler.GetStats().ActiveVoices;
    }

    private static Instrument[] BuildInstruments()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"midi-sampler-soak-{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "fx.sfz"), EffectsSfz);
            File.WriteAllText(Path.Combine(directory, "plain.sfz"), PlainSfz);
            var effects = SfzLoader.Load(Path.Combine(directory, "fx.sfz"), _ => EnginePlay.Tone);
            var plain = SfzLoader.Load(Path.Combine(directory, "plain.sfz"), _ => EnginePlay.Tone);
            return [effects, plain, EnginePlay.ToneInstrument];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
