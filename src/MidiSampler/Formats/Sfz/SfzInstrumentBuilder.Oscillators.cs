using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// Oscillators (SFZ v2 "Wavetable Oscillator"): the periodic generators <c>*sine</c>, <c>*saw</c>, <c>*square</c>,
/// <c>*triangle</c> and a sample file played as one cycle with <c>oscillator=on</c>. Each becomes a region that loops a
/// band-limited single-cycle table, one table per third of an octave of the key's frequency
/// (<see cref="RegionVoiceOptions.KeySamples"/>), so the voice plays it as any looped sample (see
/// <see cref="SfzGenerators"/> for the tables and what follows sfizz).
/// </summary>
internal sealed partial class SfzInstrumentBuilder
{
    /// <summary>Longest file read as a wavetable: its spectrum costs frames × harmonics at load.</summary>
    internal const int MaxWavetableFrames = 1 << 17;

    // One bank per wavetable file (several regions often share a cycle).
    private readonly Dictionary<Sample, SfzGenerators.OscillatorBank> _fileBanks = new(ReferenceEqualityComparer.Instance);

    /// <summary>Maps oscillator, oscillator_phase and oscillator_multi; false when the name is not one of them.</summary>
    private bool ApplyOscillatorOpcode(SfzRegionDraft d, SfzOpcode op)
    {
        switch (op.Name)
        {
            case "oscillator":
                // sfizz reads on/off/auto and any boolean; auto (its default) makes generators oscillators and files
                // not (sfizz also detects wavetable files by their 'clm '/'srge' chunks; not done here).
                switch (op.Value.ToLowerInvariant())
                {
                    case "on" or "1" or "true": d.Oscillator = true; break;
                    case "off" or "0" or "false": d.Oscillator = false; break;
                    case "auto": d.Oscillator = null; break;
                    default: WarnValue(op, "is not on, off or auto"); break;
                }

                return true;
            case "oscillator_phase":
                double phase = Clamped(op, -1, 360, d.OscillatorPhase);
                // sfizz (Region.cpp): a negative phase is random per note; others wrap into one cycle.
                d.OscillatorPhase = phase < 0 ? -1 : phase - Math.Floor(phase);
                return true;
            case "oscillator_multi":
                // 1 and 2 play one oscillator (2 is the carrier/modulator pair of oscillator_mode 1 and 2); 3..9 unison.
                if (TryInt(op, 1, 9, out int multi))
                    d.OscillatorMulti = multi;
                return true;
            case "oscillator_detune":
                d.OscillatorDetuneCents = Clamped(op, -12_000, 12_000, d.OscillatorDetuneCents);
                return true;
            case "oscillator_mode":
                if (TryInt(op, 0, 2, out int mode) && mode > 0)
                    ReportOnce(op, $"oscillator_mode={mode} (ring or frequency modulation) is not implemented; the oscillator plays unmodulated");
                return true;
            default:
                return false;
        }
    }

    /// <summary>True when the region is played as an oscillator: a periodic generator, or a file with oscillator=on.</summary>
    private static bool IsOscillator(SfzRegionDraft draft, string samplePath) =>
        SfzGenerators.Periodic(samplePath) is not null || (draft.Oscillator == true && !samplePath.StartsWith('*'));

    /// <summary>
    /// The region of an oscillator: its sample is the table for the keycenter's band, its <see cref="KeySample"/>s the
    /// tables of its keys, looped whole; offset, end and loop opcodes do not apply (as in sfizz, which plays oscillators
    /// without them), <c>oscillator_phase</c> sets where the cycle starts. Null when a wavetable file is unusable (reported).
    /// </summary>
    private Region? OscillatorRegion(SfzRegionDraft draft, string samplePath, Sample sample, SfzLocation at)
    {
        var bank = SfzGenerators.Periodic(samplePath);
        if (bank is null)
        {
            if (sample.FrameCount < 2 || sample.FrameCount > MaxWavetableFrames)
            {
                Warn(draft.SampleLocation ?? at, $"oscillator=on: '{SfzParser.Excerpt(samplePath)}' has {sample.FrameCount} frames; a wavetable has 2..{MaxWavetableFrames}; played as a sample");
                return null;
            }

            if (!_fileBanks.TryGetValue(sample, out bank))
                _fileBanks[sample] = bank = SfzGenerators.FromCycle(sample);
        }

        // A table sounds at 261.63 Hz at the keycenter (its metadata tune, which ToRegion adds to the region's); sfizz
        // plays the keycenter at that key's own frequency, so the difference joins the region's tune.
        var first = bank.Table(0);
        var region = draft.ToRegion(first, SfzPathResolver.Normalise(samplePath));
        int center = region.PitchKeyCenter;
        double userCents = region.TuneCents - first.Metadata.TuneCents + (region.Transpose * 100);
        double Hz(int key) => SfzGenerators.NoteHz(center) * Math.Pow(2, (userCents + ((key - center) * region.PitchKeytrackCents)) / 1200);
        var own = bank.Table(SfzGenerators.OscillatorBank.BandOf(Hz(Math.Clamp(center, 0, 127))));
        region = region with { TuneCents = region.TuneCents - first.Metadata.TuneCents + own.Metadata.TuneCents + ((center - 60) * 100) };

        var bands = new List<KeySample>();
        int lo = Math.Clamp(region.LoKey, 0, 127), hi = Math.Clamp(region.HiKey, 0, 127);
        if (!draft.NoKey)
        {
            for (int key = lo; key <= hi;)
            {
                int band = SfzGenerators.OscillatorBank.BandOf(Hz(key)), last = key;
                while (last < hi && SfzGenerators.OscillatorBank.BandOf(Hz(last + 1)) == band)
                    last++;
                bands.Add(new KeySample(key, last, bank.Table(band)));
                key = last + 1;
            }
        }

        int frames = own.FrameCount;
        return region with
        {
            Sample = own,
            LoopMode = LoopMode.LoopContinuous,
            LoopStart = 0,
            LoopEnd = frames - 1,
            End = -1,
            Offset = draft.OscillatorPhase < 0 ? 0 : (long)Math.Round(draft.OscillatorPhase * frames) % frames,
            OffsetRandomFrames = draft.OscillatorPhase < 0 ? frames - 1 : 0,
            VoiceOptions = region.VoiceOptions with { KeySamples = bands },
        };
    }

    /// <summary>
    /// Noise (<c>*noise</c>, <c>*gnoise</c>): sfizz's noise ignores the key, so the long noise table plays at its own
    /// rate on every key (tune, transpose and bends still move it), from a random place per note.
    /// </summary>
    private static Region NoiseRegion(Region region) =>
        region with
        {
            PitchKeytrackCents = 0,
            PitchKeyCenter = 60,
            LoopMode = LoopMode.LoopContinuous,
            LoopStart = 0,
            LoopEnd = region.Sample.FrameCount - 1,
            End = -1,
            Offset = 0,
            OffsetRandomFrames = region.Sample.FrameCount - 1,
        };

    /// <summary>
    /// <c>oscillator_multi</c> 3..9 (sfizz's unison, Voice.cpp setupOscillatorUnison): the oscillator is played that many
    /// times, one region each, detuned by 0, −d, +d, then ∓d/4, ±d/4, ∓d/2... (d = <c>oscillator_detune</c>), the first
    /// hard right, the last hard left and the others between (gains 1 − i/(m−1) on each side), summed at full level as
    /// sfizz sums them. Each member's side gains become a pan and a volume under the engine's constant-power pan law.
    /// </summary>
    private static IEnumerable<Region> Unison(Region region, int members, double detuneCents)
    {
        if (members < 3)
        {
            yield return region;
            yield break;
        }

        var left = new double[members];
        var right = new double[members];
        for (int i = 0; i < members - 1; i++)
        {
            double g = 1 - ((double)i / (members - 1));
            left[members - 1 - i] = g;
            right[i] = g;
        }

        for (int i = 0; i < members; i++)
        {
            double detune = i switch
            {
                0 => 0,
                1 => -detuneCents,
                2 => detuneCents,
                _ => detuneCents * ((i & 1) == 1 ? -0.25 : 0.25) * ((i - 1) / 2),
            };
            // Mono pan law: L = √2·cos θ, R = √2·sin θ with θ = (pan + 1)·π/4 (CompiledRegion.PanLaw).
            double theta = Math.Atan2(right[i], left[i]);
            double amplitude = Math.Sqrt(((left[i] * left[i]) + (right[i] * right[i])) / 2);
            yield return region with
            {
                TuneCents = region.TuneCents + detune,
                Pan = Math.Clamp(region.Pan + ((theta * 4 / Math.PI) - 1) * 100, -100, 100),
                VolumeDb = region.VolumeDb + (20 * Math.Log10(amplitude)),
            };
        }
    }
}
