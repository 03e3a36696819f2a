using MidiSampler.Dsp;
using MidiSampler.Dsp.Effects;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;
using MidiSampler.Streaming;

namespace MidiSampler.Engine;

/// <summary>Warm-up: every render path an installed instrument can take is compiled before the audio thread needs it.</summary>
/// <remarks>
/// Design: a .NET host compiles a method the first time it runs (and a generic one for each combination of its
/// type arguments: interpolator, channel count, filter...). Done on the audio thread, that is a first note that
/// drops out: a SoundFont note measured 19–24 ms against 38–215 µs for the next ones. So the warm-up plays, on a
/// throw-away sampler of the same configuration, (1) a synthetic instrument through an effect rack and the
/// buses, and (2) each instrument about to be installed: notes over its regions (both velocity ends, two channels,
/// release triggers, the sustain pedal), every kind of controller a modulation route can read, through each
/// output path a host uses (interleaved, planar with events in the host's span, planar with buses). Whatever the
/// instrument uses (SF2 modulators, filters and their envelopes and LFOs, effects, crossfades) runs. Streamed
/// samples are played from short in-RAM copies (the store's stream slots belong to the live audio thread) and the
/// streaming path itself from a private store over a small temporary file. Control thread; it allocates.
/// </remarks>
public sealed unsafe partial class Sampler
{
    /// <summary>Notes the warm-up plays per instrument, spread over its regions.</summary>
    private const int WarmUpNotesPerInstrument = 24;

    // The kinds of instrument (WarmUpSignature) this sampler has warmed: a host installing while playing warms a kind
    // once (a warm-up allocates a sampler, and collections while playing hold the audio thread). Control threads.
    private readonly HashSet<string> _warmedKinds = new(StringComparer.Ordinal);

    /// <summary>
    /// Renders a few hundred blocks of a throw-away sampler with the same configuration, and plays every instrument
    /// installed now on it (see <see cref="WarmUp(IEnumerable{Instrument})"/>), so that the render path and the paths
    /// those instruments take are compiled before the audio thread first needs them. Call it after installing the
    /// instruments and before going live. Control thread.
    /// </summary>
    public void WarmUp() => WarmUp(Volatile.Read(ref _publishedTable).All().Select(p => p.Instrument.Compiled.Source).Distinct());

    /// <summary>
    /// Like <see cref="WarmUp()"/>, and plays each of <paramref name="instruments"/> on the throw-away sampler (notes
    /// over its regions, every controller, release triggers, streaming) so that the paths those instruments take
    /// (SF2 voices and modulators, filters, LFOs, effects, buses) are compiled too. Call it with the instruments
    /// about to be installed, before they go live. Control thread; takes some milliseconds per instrument.
    /// </summary>
    public void WarmUp(IEnumerable<Instrument?> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        using var warm = new Sampler(Config with { MaxPolyphony = Math.Min(Config.MaxPolyphony, 64) });
        var output = new WarmUpOutput(warm);
        WarmUpSynthetic(warm, output);
        bool streams = false;
        foreach (var instrument in instruments)
        {
            if (instrument is null || instrument.Regions.Count == 0)
                continue;
            lock (_warmedKinds)
                _warmedKinds.Add(WarmUpSignature(instrument));
            streams |= instrument.Regions.Any(r => r.Sample.IsStreamed);
            warm.SetInstrument(1, WithoutStreams(instrument));
            PlayThrough(warm, output, instrument.Regions);
            warm.SetInstrument(1, null);
            warm.CollectRetired();
        }

        if (streams)
            WarmUpStreaming(warm, output);
    }

    /// <summary>
    /// Warms <paramref name="instrument"/> (as <see cref="WarmUp(IEnumerable{Instrument})"/>) unless an instrument of the
    /// same kind (<see cref="WarmUpSignature"/>) was warmed on this sampler already: what a host calls before installing
    /// an instrument while playing. Control thread.
    /// </summary>
    public void WarmUpIfNew(Instrument? instrument)
    {
        if (instrument is null)
            return;
        bool fresh;
        lock (_warmedKinds)
            fresh = !_warmedKinds.Contains(WarmUpSignature(instrument));
        if (fresh)
            WarmUp([instrument]);
    }

    /// <summary>Plain looped regions on two outputs, an effect rack (fx1 through a flat band), channel sends.</summary>
    private void WarmUpSynthetic(Sampler warm, WarmUpOutput output)
    {
        Span<float> tone = stackalloc float[256];
        for (int i = 0; i < tone.Length; i++)
            tone[i] = MathF.Sin(i * 0.2f) * 0.1f;
        var sample = Sample.FromInterleaved("*warm-up", Config.SampleRate, 1, tone);
        var flatBand = new EffectDefinition(EffectBus.Fx1, "eq", "warm-up",
            new EqSettings(FilterType.Peaking, ControlledParameter.Constant(1000), ControlledParameter.Constant(1), ControlledParameter.Constant(0)));
        // Two regions on outputs 0 and 1, so that with output buses both the rack's path and the dry one are compiled.
        var region = new Region { Sample = sample, LoopMode = LoopMode.LoopContinuous, LoopEnd = 255, Effect1Percent = 50, LoKey = 60 };
        warm.SetInstrument(0, new Instrument("warm-up", [region, region with { LoKey = 0, HiKey = 59, Output = 1 }])
        {
            Effects = new InstrumentEffects([flatBand], 100, [50, 0, 0, 0], [0, 0, 0, 0]),
        });
        for (int b = 0; b < 300; b++)
        {
            if (b % 10 == 0)
                warm.NoteOn(b % 16, 40 + (b % 40), 100, b % output.Frames);
            if (b % 10 == 5)
                warm.NoteOff((b - 5) % 16, 40 + ((b - 5) % 40));
            if (b % 25 == 0)
                warm.ControlChange(0, 7, b % 128);
            if (b == 100)
                warm.ControlChange(1, 91, 40); // a channel send: the per-channel and per-voice send paths
            output.Render(b, []);
        }

        warm.Panic();
        for (int b = 0; b < 10; b++)
            output.Render(b, []);
    }

    /// <summary>Notes over the regions of the instrument at program 1, with every controller moving, then released.</summary>
    private static void PlayThrough(Sampler warm, WarmUpOutput output, IReadOnlyList<Region> regions)
    {
        // Channels 1 and 10 (index 9: a drum channel in GM mode), both on program 1.
        byte[] channels = [0, 9];
        var events = new List<MidiEvent>();
        foreach (byte channel in channels)
        {
            Add(events, 0xC0 | channel, 1);
            // Every controller kind a route or an SF2 modulator reads: wheel, volume, pan, expression, brightness,
            // resonance, sends, a generic CC, pitch bend, channel and polyphonic pressure.
            foreach (var (controller, value) in new[] { (1, 90), (7, 110), (10, 30), (11, 100), (74, 90), (71, 70), (91, 40), (93, 40), (20, 64) })
                Add(events, 0xB0 | channel, controller, value);
            Add(events, 0xE0 | channel, 0x10, 0x50);
            Add(events, 0xD0 | channel, 70);
        }

        output.Render(0, events);
        int step = Math.Max(1, regions.Count / WarmUpNotesPerInstrument);
        var sounding = new List<(byte Channel, byte Key)>();
        int block = 1;
        for (int i = 0; i < regions.Count; i += step)
        {
            var r = regions[i];
            byte channel = channels[(i / step) % 2];
            byte key = (byte)Math.Clamp((r.LoKey + r.HiKey) / 2, 0, 127);
            // Both ends of the velocity range (velocity tracking, crossfades, velocity-switched layers).
            byte velocity = (byte)Math.Clamp((i / step) % 2 == 0 ? r.HiVelocity : Math.Max(r.LoVelocity, 1), 1, 127);
            events.Clear();
            Add(events, 0x90 | channel, key, velocity);
            Add(events, 0xA0 | channel, key, 50);
            output.Render(block++, events);
            sounding.Add((channel, key));
        }

        // Held with nothing moving (controllers back to their defaults: a mod wheel or pressure above 0 drives an SF2
        // vibrato), so that the voices go idle between control ticks (the steady path), then woken by a controller
        // (the catch-up path).
        events.Clear();
        foreach (byte channel in channels)
            Add(events, 0xB0 | channel, 121, 0);
        for (int b = 0; b < 80; b++, events.Clear())
            output.Render(block++, events);
        Add(events, 0xB0, 1, 20);
        output.Render(block++, events);

        // The sustain pedal holds half of them through their note-off, then everything is released (release triggers).
        events.Clear();
        Add(events, 0xB0, 64, 127);
        for (int i = 0; i < sounding.Count; i += 2)
            Add(events, 0x80 | sounding[i].Channel, sounding[i].Key, 64);
        for (int b = 0; b < 8; b++, events.Clear())
            output.Render(block++, events);
        Add(events, 0xB0, 64, 0);
        foreach (var (channel, key) in sounding)
            Add(events, 0x80 | channel, key, 64);
        for (int b = 0; b < 60; b++, events.Clear())
            output.Render(block++, events);

        warm.Panic();
        for (int b = 0; b < 10; b++)
            output.Render(block++, []);
    }

    /// <summary>
    /// What decides the render paths an instrument's voices take, as a string (sample channels, streaming, loop and
    /// trigger modes, filter type, LFOs, envelopes, flex envelopes and LFOs, controller modulation and modulator
    /// routes, EQ, sends, outputs, effects). Two instruments with the same signature take the same paths, so a sampler
    /// that warmed one need not warm the other (a warm-up allocates a sampler: while playing, it costs collections).
    /// Any thread.
    /// </summary>
    private static string WarmUpSignature(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in instrument.Regions)
        {
            kinds.Add(FormattableString.Invariant(
                $"{r.Sample.Channels}{(r.Sample.IsStreamed ? "s" : "")}/{r.LoopMode}/{r.Trigger}/{r.FilterType}/{Flag(r.AmpLfo.Depth != 0)}{Flag(r.PitchLfo.Depth != 0)}{Flag(r.FilterLfo.Depth != 0)}{Flag(r.PitchEnvelopeDepthCents != 0)}{Flag(r.FilterEnvelopeDepthCents != 0)}/{r.FlexEnvelopes.Count > 0}{r.FlexLfos.Count > 0}{r.CcModulations.Count > 0}{r.CcCrossfades.Count > 0}{r.ModulatorRoutes.Count > 0}{r.EqBands.Count > 0}/{Flag(r.Effect1Percent != 0)}{r.Output != 0}"));
        }

        return (instrument.Effects is null ? "" : "fx;") + string.Join(';', kinds);

        static char Flag(bool on) => on ? '1' : '0';
    }

    /// <summary>The streaming path (heads, then chunks from the streamer) from a private store over a small temporary file.</summary>
    private void WarmUpStreaming(Sampler warm, WarmUpOutput output)
    {
        string path = Path.Combine(Path.GetTempPath(), $"midi-sampler-warm-up-{Environment.ProcessId}-{Guid.NewGuid():N}.wav");
        try
        {
            int frames = Config.SampleRate; // one second, streamed after a short head
            var tone = new float[frames * 2];
            for (int i = 0; i < tone.Length; i++)
                tone[i] = MathF.Sin(i * 0.01f) * 0.1f;
            WavWriter.WriteFile(path, Config.SampleRate, 2, WavSampleFormat.Float32, tone);
            using var store = new SampleStore(new StreamingOptions { Mode = StreamMode.Stream, PreloadFrames = 512, ChunkFrames = 1024, MaxStreams = 8, LoadThreads = 1, LockHeads = false, Offline = true });
            var streamed = store.LoadSample(path);
            PlayThrough(warm, output, [new Region { Sample = streamed, LoKey = 60, HiKey = 60 }]);
            warm.SetInstrument(1, null);
            output.Render(0, []);
            warm.CollectRetired();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No temporary folder to write to: the streaming path will compile on its first use instead.
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The instrument with each streamed sample replaced by a short in-RAM copy of its head, so that the throw-away
    /// sampler never takes a stream slot of the live one's store (those belong to the live audio thread).
    /// </summary>
    private static Instrument WithoutStreams(Instrument instrument)
    {
        if (!instrument.Regions.Any(r => r.Sample.IsStreamed))
            return instrument;
        var copies = new Dictionary<Sample, Sample>(ReferenceEqualityComparer.Instance);
        var regions = instrument.Regions.Select(r =>
        {
            if (!r.Sample.IsStreamed)
                return r;
            if (!copies.TryGetValue(r.Sample, out var copy))
            {
                int frames = (int)Math.Min(r.Sample.FrameCount, 4096);
                copy = Sample.FromInterleaved(r.Sample.Name, r.Sample.SampleRate, r.Sample.Channels, new float[frames * r.Sample.Channels], r.Sample.Metadata);
                copies[r.Sample] = copy;
            }

            long last = copy.FrameCount - 1;
            return r with
            {
                Sample = copy,
                Offset = Math.Min(r.Offset, last),
                End = r.End < 0 ? -1 : Math.Min(r.End, last),
                LoopStart = Math.Min(r.LoopStart, Math.Max(0, last - 1)),
                LoopEnd = Math.Min(r.LoopEnd, last),
            };
        }).ToList();
        return new Instrument(instrument.Name, regions, instrument.Warnings, instrument.SourcePath)
        {
            InitialControllers = instrument.InitialControllers,
            Effects = instrument.Effects,
        };
    }

    private static void Add(List<MidiEvent> events, int status, int data1, int data2 = 0)
    {
        // The hosts' decoder (one per call: no running status between these messages), at spread frames.
        int length = (status & 0xF0) is 0xC0 or 0xD0 ? 2 : 3;
        ReadOnlySpan<byte> message = [(byte)status, (byte)data1, (byte)data2];
        Span<MidiEvent> decoded = stackalloc MidiEvent[MidiDecoder.MaxEventsPerMessage];
        int count = new MidiDecoder().Decode(message[..length], events.Count % 7, decoded);
        for (int i = 0; i < count; i++)
            events.Add(decoded[i]);
    }
}
