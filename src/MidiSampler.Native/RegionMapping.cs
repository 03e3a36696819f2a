using MidiSampler.Model;

namespace MidiSampler.Native;

/// <summary>Turns an ms_sample_metadata_t into a region of a loaded sample, defaults filled in and every field checked.</summary>
internal static class RegionMapping
{
    /// <summary>The region of <paramref name="sample"/> as <paramref name="mapping"/> places it; throws <see cref="ArgumentException"/> naming a bad field.</summary>
    public static Region Build(Sample sample, string path, in SampleMapping mapping)
    {
        int root = mapping.RootNote == -1 ? sample.Metadata.RootKey ?? 60 : mapping.RootNote;
        int highNote = mapping.HighNote == 0 ? 127 : mapping.HighNote;
        int highVelocity = mapping.HighVelocity == 0 ? 127 : mapping.HighVelocity;
        Check(root, 0, 127, "root_note (or -1)");
        Check(mapping.LowNote, 0, 127, "low_note");
        Check(highNote, mapping.LowNote, 127, "high_note (at least low_note)");
        Check(mapping.LowVelocity, 0, 127, "low_velocity");
        Check(highVelocity, mapping.LowVelocity, 127, "high_velocity (at least low_velocity)");
        Check(mapping.TuneCents, -9600, 9600, "tune_cents");
        Check(mapping.GainDb, -144, 48, "gain_db");
        Check(mapping.Pan, -100, 100, "pan");
        Check(mapping.AttackSeconds, 0, 100, "attack_seconds");
        Check(mapping.ReleaseSeconds, 0, 100, "release_seconds");
        long lastFrame = sample.FrameCount - 1;
        var (loopMode, loopStart, loopEnd) = Loop(sample, mapping, lastFrame);
        return new Region
        {
            Sample = sample,
            SamplePath = Path.GetFileName(path),
            PitchKeyCenter = root,
            LoKey = mapping.LowNote,
            HiKey = highNote,
            LoVelocity = mapping.LowVelocity,
            HiVelocity = highVelocity,
            TuneCents = sample.Metadata.TuneCents + mapping.TuneCents,
            VolumeDb = mapping.GainDb,
            Pan = mapping.Pan,
            LoopMode = loopMode,
            LoopStart = loopStart,
            LoopEnd = loopEnd,
            AmpEnvelope = Envelope.Default with
            {
                AttackSeconds = mapping.AttackSeconds,
                // A zero release would end the note with a step: 1 ms is the engine's own default and inaudible as a fade.
                ReleaseSeconds = mapping.ReleaseSeconds == 0 ? Envelope.Default.ReleaseSeconds : mapping.ReleaseSeconds,
            },
        };
    }

    private static (LoopMode Mode, long Start, long End) Loop(Sample sample, in SampleMapping mapping, long lastFrame)
    {
        var meta = sample.Metadata;
        switch (mapping.LoopMode)
        {
            case 0: // MS_LOOP_FROM_FILE
                return meta.HasLoop ? (LoopMode.LoopContinuous, meta.LoopStart ?? 0, meta.LoopEnd ?? 0) : (LoopMode.NoLoop, 0, 0);
            case 1:
                return (LoopMode.NoLoop, 0, 0);
            case 2:
                return (LoopMode.OneShot, 0, 0);
            case 3 or 4:
                long end = mapping.LoopEnd == 0 ? lastFrame : mapping.LoopEnd;
                Check(mapping.LoopStart, 0, lastFrame, "loop_start");
                Check(end, mapping.LoopStart + 1, lastFrame, "loop_end (after loop_start, within the sample)");
                return (mapping.LoopMode == 3 ? LoopMode.LoopContinuous : LoopMode.LoopSustain, mapping.LoopStart, end);
            default:
                throw new ArgumentException($"loop_mode {mapping.LoopMode} is not an ms_loop_mode_t (0..4)");
        }
    }

    private static void Check(double value, double min, double max, string field)
    {
        if (!(value >= min && value <= max))
            throw new ArgumentException($"{field} is {value}, outside {min}..{max}");
    }
}
