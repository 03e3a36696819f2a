using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// Decides which of a trigger's candidate regions sound: the SFZ conditions (key, velocity and channel ranges, round
/// robin, trigger mode, rt_dead, tempo, program, bend, pressures, random, controller ranges, keyswitches, group timers).
/// </summary>
/// <remarks>
/// Design: the candidates come from the compiled instrument's per-key lists (note-on, release, controller triggers), so
/// the selector only tests what those lists cannot: the conditions are checked in order of cost, and the round-robin
/// counters advance exactly as sfizz advances them, which is why <see cref="Selects"/> has side effects on the
/// instrument's sequence counters. Audio thread only.
/// </remarks>
internal sealed class RegionSelector
{
    private readonly VoiceManager _voices;
    private readonly int _sampleRate;

    /// <summary>Creates the selector. Control thread.</summary>
    public RegionSelector(VoiceManager voices, int sampleRate)
    {
        _voices = voices;
        _sampleRate = sampleRate;
    }

    /// <summary>
    /// True when <paramref name="region"/> sounds for this trigger. <paramref name="random"/> is the event's one draw
    /// (lorand/hirand ranges partition it); <paramref name="eventFrame"/> the trigger's output frame (group timers).
    /// </summary>
    public bool Selects(CompiledInstrument instrument, InstrumentPlayState state, CompiledRegion region, MidiChannelState channel, int key, int velocity,
        bool first, ReleasePhase phase, float random, long eventFrame, double tempoBpm)
    {
        // Round robin at a note-on counts every note in the region's key range, before velocity, keyswitch and the
        // other conditions, as sfizz does (Layer::registerNoteOn): the per-region counters of one sequence then stay
        // in step even when its positions split velocities differently (sfz.org, seq_position).
        bool inSequence = region.SeqLength <= 1 || phase != ReleasePhase.None
            || state.SequenceCounters[region.Index]++ % region.SeqLength == region.SeqPosition - 1;
        if (phase != ReleasePhase.Controller && !region.Conditions.Matches(key, velocity, channel.Index + 1))
            return false;
        if (!inSequence)
            return false;
        if (region.Trigger == TriggerMode.First && !first)
            return false;
        if (region.Trigger == TriggerMode.Legato && first)
            return false;
        if (phase is ReleasePhase.All or ReleasePhase.KeyOnly or ReleasePhase.PedalUp && !region.Conditions.ReleaseWhenDead
            && instrument.NoteOnByKey[key].Length > 0 && !_voices.KeySounding(channel.Index, key))
            return false; // rt_dead=off (the default): no release sample after a note whose voices have died away
        if (region.HasConditions && (tempoBpm < region.Conditions.LoBpm || (tempoBpm > region.Conditions.HiBpm && region.Conditions.HiBpm < 500)))
            return false; // lobpm ≤ tempo ≤ hibpm, both bounds inclusive as in sfizz (Layer: bpmRange.containsWithEnd)
        if ((phase == ReleasePhase.KeyOnly && region.Trigger != TriggerMode.ReleaseKey)
            || (phase == ReleasePhase.PedalUp && region.Trigger != TriggerMode.Release))
            return false;
        if (region.HasConditions && !ConditionsHold(state, region, channel, key, random))
            return false;
        if (region.VoiceOptions.HasTimer && !state.GroupTimers.Allows(region, eventFrame, _sampleRate))
            return false; // lotimer/hitimer: seconds since the group's last start (sfz.org, lotimer)
        if (region.SeqLength > 1 && phase != ReleasePhase.None)
        {
            // Release and controller triggers count the times they would have sounded.
            int n = state.SequenceCounters[region.Index]++;
            if (n % region.SeqLength != region.SeqPosition - 1)
                return false;
        }

        return true;
    }

    /// <summary>The SFZ conditions beyond key, velocity and channel, checked in order of cost.</summary>
    private static bool ConditionsHold(InstrumentPlayState state, CompiledRegion region, MidiChannelState channel, int key, float random)
    {
        var s = region.Conditions;
        if (channel.MidiProgram < s.LoProgram || channel.MidiProgram > s.HiProgram)
            return false;
        int bend = channel.PitchBendValue - 8192;
        if (bend < s.LoBend || bend > s.HiBend)
            return false;
        if (channel.ChannelPressure < s.LoChannelPressure || channel.ChannelPressure > s.HiChannelPressure)
            return false;
        int poly = channel.PolyPressure[key];
        if (poly < s.LoPolyPressure || poly > s.HiPolyPressure)
            return false;
        // lorand ≤ r < hirand, with hirand = 1 including the top (sfz.org, lorand).
        if (random < s.LoRandom || (random >= s.HiRandom && s.HiRandom < 1))
            return false;
        foreach (var range in region.CcRanges)
        {
            int value = channel.Controllers[range.Controller];
            if (value < range.Low || value > range.High)
                return false;
        }

        if (s.HasSwLast && (state.LastKeyswitch[channel.Index] < s.SwLast || state.LastKeyswitch[channel.Index] > s.SwHiLast))
            return false; // sw_last, or sw_lolast..sw_hilast (the last keyswitch is -1 before any)
        if (s.HasSwDown && (s.SwDown is < 0 or > 127 || !channel.KeyDown[s.SwDown]))
            return false;
        if (s.HasSwUp && s.SwUp is >= 0 and < 128 && channel.KeyDown[s.SwUp])
            return false;
        if (s.HasSwPrevious && channel.PreviousKey != s.SwPrevious)
            return false;
        return true;
    }
}
