using MidiSampler.Model;

namespace MidiSampler.Formats.Sf2;

/// <summary>
/// Loads SoundFont 2 banks (2.01 and 2.04, with 24-bit sm24 data): the raw structure (<see cref="Read(string)"/>), one
/// preset as an <see cref="Instrument"/> (<see cref="Load(string, int, int, SoundFontLoadOptions?)"/>) or every preset
/// (<see cref="LoadBank(string, SoundFontLoadOptions?)"/>). SF3 banks (Ogg Vorbis samples) are decoded through libsndfile
/// (package libsndfile1; a clear error names it when missing). Control or loader thread: allocates and does I/O. Bad input throws
/// <see cref="InstrumentLoadException"/> naming the file, the place ("chunk 'pgen', record 12") and the reason.
/// </summary>
/// <remarks>The mapping and what it cannot express yet are described on <c>SoundFontMapper</c>; the structural rules on <c>SoundFontParser</c>.</remarks>
public static class SoundFontLoader
{
    /// <summary>Reads a bank's structure (no sample data). Control or loader thread.</summary>
    public static SoundFontFile Read(string path)
    {
        using var stream = Open(path);
        return Parse(stream, path);
    }

    /// <summary>Reads a bank's structure from a seekable stream, from its current position; <paramref name="name"/> is used in messages.</summary>
    public static SoundFontFile Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        if (!stream.CanSeek || !stream.CanRead)
            throw new ArgumentException("the stream must be readable and seekable", nameof(stream));
        return Parse(stream, name);
    }

    /// <summary>Loads one preset, chosen by MIDI bank and program. Throws <see cref="InstrumentLoadException"/> when the bank has no such preset.</summary>
    public static Instrument Load(string path, int bank, int program, SoundFontLoadOptions? options = null)
    {
        using var stream = Open(path);
        var file = Parse(stream, path);
        var preset = file.Presets.FirstOrDefault(p => p.Bank == bank && p.Program == program)
            ?? throw new InstrumentLoadException(path, "chunk 'phdr'", $"no preset with bank {bank}, program {program} (the bank has {file.Presets.Count} presets)");
        return LoadPresets(stream, 0, file, [preset], options ?? new SoundFontLoadOptions(), path, streamable: true).Presets[0].Instrument;
    }

    /// <summary>Loads the preset with the lowest bank and program (what a single-instrument load of a .sf2 plays).</summary>
    public static Instrument Load(string path, SoundFontLoadOptions? options = null)
    {
        using var stream = Open(path);
        var file = Parse(stream, path);
        var first = file.Presets.OrderBy(p => p.Bank).ThenBy(p => p.Program).FirstOrDefault()
            ?? throw new InstrumentLoadException(path, "chunk 'phdr'", "the bank has no presets");
        return LoadPresets(stream, 0, file, [first], options ?? new SoundFontLoadOptions(), path, streamable: true).Presets[0].Instrument;
    }

    /// <summary>Loads one preset from a seekable stream (from its current position). <paramref name="name"/> is used in messages.</summary>
    public static Instrument Load(Stream stream, string name, int bank, int program, SoundFontLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long origin = stream.Position;
        var file = Read(stream, name);
        var preset = file.Presets.FirstOrDefault(p => p.Bank == bank && p.Program == program)
            ?? throw new InstrumentLoadException(name, "chunk 'phdr'", $"no preset with bank {bank}, program {program} (the bank has {file.Presets.Count} presets)");
        return LoadPresets(stream, origin, file, [preset], options ?? new SoundFontLoadOptions(), name).Presets[0].Instrument;
    }

    /// <summary>Loads every preset of a bank; presets share the samples they have in common.</summary>
    public static SoundFontBank LoadBank(string path, SoundFontLoadOptions? options = null)
    {
        using var stream = Open(path);
        var file = Parse(stream, path);
        return LoadPresets(stream, 0, file, file.Presets, options ?? new SoundFontLoadOptions(), path, streamable: true);
    }

    /// <summary>Loads every preset of a bank from a seekable stream (from its current position).</summary>
    public static SoundFontBank LoadBank(Stream stream, string name, SoundFontLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long origin = stream.Position;
        var file = Read(stream, name);
        return LoadPresets(stream, origin, file, file.Presets, options ?? new SoundFontLoadOptions(), name);
    }

    // streamable: the stream is the file 'name' from its first byte, so that its samples can be streamed.
    private static SoundFontBank LoadPresets(Stream stream, long origin, SoundFontFile file, IReadOnlyList<SoundFontPreset> presets, SoundFontLoadOptions options, string name,
        bool streamable = false)
    {
        var pending = new List<string>();
        var vorbis = file.HasCompressedSamples ? new SoundFontVorbisDecoder(stream, origin, file, w => pending.Add($"{name}: {w}")) : null;
        var mapper = new SoundFontMapper(file, options, vorbis);
        var ordered = presets.OrderBy(p => p.Bank).ThenBy(p => p.Program).ToList();
        Dictionary<int, Sample> samples;
        // The samples first, then the regions on them: building regions on a placeholder and copying each with its sample
        // held both sets at the load's peak (19 MB each for FluidR3_GM's 17,030 regions) and doubled the loader's garbage.
        var pcm = mapper.PlayedSamples(ordered).Where(i => !file.SampleHeaders[i].IsCompressed).ToList();
        // A streaming store may take the bank's samples (heads in RAM, the rest from the file); it gets the built presets back.
        var streamer = streamable && origin == 0 ? options.Samples : null;
        var loaded = new List<SoundFontBankPreset>(ordered.Count);
        try
        {
            try
            {
                var streamed = new Dictionary<int, Sample>();
                if (streamer is not null)
                {
                    string fullPath = Path.GetFullPath(name);
                    var ranges = pcm.Select(i => file.SampleHeaders[i]).Select(h => new PcmRange(fullPath, h.Name, (int)h.SampleRate, h.End - h.Start,
                        file.SampleDataOffset + (h.Start * 2L), file.Sample24Offset >= 0 ? file.Sample24Offset + h.Start : -1)).ToList();
                    foreach (var (position, sample) in streamer.StreamRanges(ranges))
                        streamed[pcm[position]] = sample;
                }

                samples = new SoundFontSampleReader(stream, origin, file).Load(pcm.Where(i => !streamed.ContainsKey(i)));
                foreach (var (index, sample) in streamed)
                    samples[index] = sample;
                foreach (var (index, sample) in vorbis?.Decoded ?? new Dictionary<int, Sample>())
                    samples[index] = sample;
            }
            catch (IOException e)
            {
                throw new InstrumentLoadException(name, "chunk 'smpl'", "cannot read the sample data: " + e.Message, e);
            }

            mapper.UseSamples(samples);
            var plans = new List<(SoundFontPreset Preset, List<(Region Region, int SampleIndex)> Regions)>(ordered.Count);
            foreach (var p in ordered)
                plans.Add((p, mapper.PlanPreset(p)));
            return Build(file, plans, loaded, mapper, pending, name);
        }
        finally
        {
            streamer?.Complete([.. loaded.Select(p => p.Instrument)]);
        }
    }

    private static SoundFontBank Build(SoundFontFile file, List<(SoundFontPreset Preset, List<(Region Region, int SampleIndex)> Regions)> plans,
        List<SoundFontBankPreset> loaded, SoundFontMapper mapper, List<string> pending, string name)
    {
        var warnings = file.Warnings.Concat(mapper.Warnings).Concat(pending).ToList();
        string fullPath = File.Exists(name) ? Path.GetFullPath(name) : name;
        foreach (var (preset, regions) in plans)
        {
            // CC91/CC93 reach the sends through the default modulators' amount 200 (20 %, SF2.04 8.4.8-9), or the bank's.
            var (reverb, chorus) = mapper.SendScales(preset);
            var instrument = new Instrument(preset.Name, regions.ConvertAll(r => r.Region), warnings, fullPath)
            {
                ChannelSendScale = reverb, ChannelChorusSendScale = chorus != reverb ? chorus : null, SoundFontVolumeCurves = true,
            };
            loaded.Add(new SoundFontBankPreset(preset.Bank, preset.Program, preset.Name, instrument));
        }

        string bankName = file.Info.Name.Length > 0 ? file.Info.Name : Path.GetFileNameWithoutExtension(name);
        return new SoundFontBank(bankName, fullPath, loaded, warnings);
    }

    private static SoundFontFile Parse(Stream stream, string name)
    {
        try
        {
            return new SoundFontParser(stream, name).Parse();
        }
        catch (IOException e)
        {
            throw new InstrumentLoadException(name, "", "cannot read the file: " + e.Message, e);
        }
    }

    private static FileStream Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            throw new InstrumentLoadException(path, "is a directory, not a SoundFont");
        if (File.Exists(path))
            RegularFile.Require(path, long.MaxValue, "a SoundFont"); // a FIFO would block the open, a device never end
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InstrumentLoadException(path, "", "no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InstrumentLoadException(path, "", "cannot open the file: " + e.Message, e);
        }
    }
}
