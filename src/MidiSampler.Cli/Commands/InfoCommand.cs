using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MidiSampler.Formats;
using MidiSampler.Formats.Sf2;
using MidiSampler.Model;

namespace MidiSampler.Cli.Commands;

/// <summary><c>midi-sampler info INSTRUMENT [--json]</c>: the regions of an instrument and their mapping.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("INSTRUMENT") { Description = "An .sfz file, a SoundFont (.sf2: every preset is listed) or a single .wav sample" };
        var json = new Option<bool>("--json") { Description = "Print JSON (SFZ opcode names per region; see the README)" };
        var rootNote = CommonOptions.RootNote();
        var command = new Command("info", "List the regions of an instrument with their key, velocity and sample mapping") { path, json, rootNote };
        var streaming = new StreamingCli();
        streaming.AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            string file = parse.GetValue(path)!;
            if (Path.GetExtension(file).ToLowerInvariant() is ".sf2" or ".sf3" && File.Exists(file))
                return DescribeBank(SoundFontLoader.LoadBank(file), parse.GetValue(json), output, parse.InvocationConfiguration.Error);
            using var store = new Streaming.SampleStore(streaming.Options(parse, offline: false));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var instrument = StreamingCli.Load(store, file, new InstrumentLoadOptions { RootKey = parse.GetValue(rootNote) });
            double loadSeconds = clock.Elapsed.TotalSeconds;
            if (parse.GetValue(json))
            {
                output.WriteLine(ToJson(instrument));
            }
            else
            {
                foreach (string w in instrument.Warnings)
                    parse.InvocationConfiguration.Error.WriteLine($"warning: {w}");
                WriteTable(output, instrument);
                output.WriteLine(StreamingCli.Describe(instrument, store.GetStats(), loadSeconds));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A SoundFont: every preset (bank, program, name) with its regions, as JSON or as tables.</summary>
    private static int DescribeBank(SoundFontBank bank, bool json, TextWriter output, TextWriter error)
    {
        if (!json)
        {
            foreach (string w in bank.Warnings)
                error.WriteLine($"warning: {w}");
            foreach (var preset in bank.Presets)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bank {preset.Bank}, program {preset.Program}:"));
                WriteTable(output, preset.Instrument);
            }

            return ExitCodes.Ok;
        }

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("name", bank.Name);
            w.WriteString("path", bank.SourcePath);
            w.WriteNumber("preset_count", bank.Presets.Count);
            w.WriteStartArray("presets");
            foreach (var preset in bank.Presets)
            {
                w.WriteStartObject();
                w.WriteNumber("bank", preset.Bank);
                w.WriteNumber("program", preset.Program);
                w.WriteString("name", preset.Name);
                w.WriteNumber("region_count", preset.Instrument.Regions.Count);
                w.WriteStartArray("regions");
                foreach (var r in preset.Instrument.Regions)
                    WriteRegion(w, r);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (string warning in bank.Warnings)
                w.WriteStringValue(warning);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
        return ExitCodes.Ok;
    }

    /// <summary>The JSON document described in the README ("midi-sampler info --json").</summary>
    internal static string ToJson(Instrument instrument)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("name", instrument.Name);
            if (instrument.SourcePath is not null)
                w.WriteString("path", instrument.SourcePath);
            w.WriteNumber("region_count", instrument.Regions.Count);
            w.WriteNumber("sample_bytes", instrument.SampleBytes);
            w.WriteStartArray("regions");
            foreach (var r in instrument.Regions)
                WriteRegion(w, r);
            w.WriteEndArray();
            WriteEffects(w, instrument.Effects);
            w.WriteStartArray("warnings");
            foreach (string warning in instrument.Warnings)
                w.WriteStringValue(warning);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The SFZ &lt;effect&gt; buses: null without any; else the bus levels and the effects in order.</summary>
    private static void WriteEffects(Utf8JsonWriter w, InstrumentEffects? effects)
    {
        if (effects is null)
        {
            w.WriteNull("effects");
            return;
        }

        w.WriteStartObject("effects");
        w.WriteNumber("directtomain", effects.DirectToMainPercent);
        for (int n = 0; n < 4; n++)
        {
            w.WriteNumber($"fx{n + 1}tomain", effects.FxToMainPercent[n]);
            w.WriteNumber($"fx{n + 1}tomix", effects.FxToMixPercent[n]);
        }

        w.WriteStartArray("chain");
        foreach (var e in effects.Effects)
        {
            w.WriteStartObject();
            w.WriteString("bus", e.Bus.ToString().ToLowerInvariant());
            w.WriteString("type", e.Type);
            w.WriteString("location", e.Location);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRegion(Utf8JsonWriter w, Region r)
    {
        w.WriteStartObject();
        w.WriteString("sample", r.SamplePath.Length > 0 ? r.SamplePath : r.Sample.Name);
        w.WriteNumber("lokey", r.LoKey);
        w.WriteNumber("hikey", r.HiKey);
        w.WriteNumber("lovel", r.LoVelocity);
        w.WriteNumber("hivel", r.HiVelocity);
        w.WriteNumber("lochan", r.LoChannel);
        w.WriteNumber("hichan", r.HiChannel);
        w.WriteNumber("pitch_keycenter", r.PitchKeyCenter);
        w.WriteNumber("pitch_keytrack", r.PitchKeytrackCents);
        w.WriteNumber("tune", r.TuneCents);
        w.WriteNumber("transpose", r.Transpose);
        w.WriteNumber("volume", r.VolumeDb);
        w.WriteNumber("pan", r.Pan);
        w.WriteNumber("effect1", r.Effect1Percent);
        w.WriteNumber("effect2", r.Effect2Percent);
        w.WriteNumber("effect3", r.Effect3Percent);
        w.WriteNumber("effect4", r.Effect4Percent);
        w.WriteNumber("output", r.Output);
        w.WriteNumber("amp_veltrack", r.AmpVeltrackPercent);
        w.WriteString("loop_mode", LoopModeName(r.LoopMode));
        w.WriteNumber("loop_start", r.LoopStart);
        w.WriteNumber("loop_end", r.LoopEnd);
        w.WriteNumber("offset", r.Offset);
        w.WriteNumber("end", r.EffectiveEnd);
        w.WriteString("trigger", r.Trigger.ToString().ToLowerInvariant());
        w.WriteNumber("group", r.Group);
        if (r.OffBy is long offBy)
            w.WriteNumber("off_by", offBy);
        else
            w.WriteNull("off_by");
        w.WriteNumber("seq_length", r.SeqLength);
        w.WriteNumber("seq_position", r.SeqPosition);
        var e = r.AmpEnvelope;
        w.WriteNumber("ampeg_delay", e.DelaySeconds);
        w.WriteNumber("ampeg_attack", e.AttackSeconds);
        w.WriteNumber("ampeg_hold", e.HoldSeconds);
        w.WriteNumber("ampeg_decay", e.DecaySeconds);
        w.WriteNumber("ampeg_sustain", e.SustainLevel * 100);
        w.WriteNumber("ampeg_release", e.ReleaseSeconds);
        w.WriteStartObject("sample_info");
        w.WriteNumber("sample_rate", r.Sample.SampleRate);
        w.WriteNumber("channels", r.Sample.Channels);
        w.WriteNumber("frames", r.Sample.FrameCount);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>SFZ's name for a loop mode.</summary>
    internal static string LoopModeName(LoopMode mode) => mode switch
    {
        LoopMode.OneShot => "one_shot",
        LoopMode.LoopContinuous => "loop_continuous",
        LoopMode.LoopSustain => "loop_sustain",
        _ => "no_loop",
    };

    private static void WriteTable(TextWriter output, Instrument instrument)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{instrument.Name}: {instrument.Regions.Count} regions, {instrument.SampleBytes / 1048576.0:F1} MiB of samples"));
        output.WriteLine("  #  keys      center  vel      trigger  seq  group/off_by  loop              sample");
        for (int i = 0; i < instrument.Regions.Count; i++)
        {
            var r = instrument.Regions[i];
            string keys = string.Create(c, $"{r.LoKey}-{r.HiKey}");
            string vel = string.Create(c, $"{r.LoVelocity}-{r.HiVelocity}");
            string seq = r.SeqLength > 1 ? string.Create(c, $"{r.SeqPosition}/{r.SeqLength}") : "-";
            string group = r.Group != 0 || r.OffBy is not null ? string.Create(c, $"{r.Group}/{(r.OffBy is long o ? o.ToString(c) : "-")}") : "-";
            string loop = r.LoopMode is LoopMode.LoopContinuous or LoopMode.LoopSustain
                ? string.Create(c, $"{LoopModeName(r.LoopMode)} {r.LoopStart}-{r.LoopEnd}")
                : LoopModeName(r.LoopMode);
            string sample = r.SamplePath.Length > 0 ? r.SamplePath : r.Sample.Name;
            output.WriteLine(string.Create(c, $"{i,3}  {keys,-8}  {r.PitchKeyCenter,6}  {vel,-7}  {r.Trigger.ToString().ToLowerInvariant(),-7}  {seq,-3}  {group,-12}  {loop,-16}  {sample}"));
        }
    }
}
