using System.Runtime.CompilerServices;
using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// The sampler's voices: the preallocated pool and the lists that let a note-off, an <c>off_by</c> choke or a polyphony
/// limit reach the voices it concerns without scanning the pool.
/// </summary>
/// <remarks>
/// Design: every started voice is linked (<see cref="Track"/>) into <see cref="VoiceIndex"/> lists: by channel and key
/// (note-off, re-strike, rt_dead); by the <c>off_by</c> group that silences it (SFZ group/off_by, SF2 exclusive class);
/// under a region <c>polyphony</c> limit, by instrument and the header that set it; and, in an instrument with polyphony
/// limits, by instrument, channel, key and group (<c>note_polyphony</c>). A voice leaves every list when it leaves the
/// pool (<see cref="RemoveAt"/>, or cut by <see cref="Acquire"/>). Channel-wide operations (pedals, all notes off) still
/// walk the active list, which is what they concern. Audio thread only, except construction.
/// </remarks>
internal sealed class VoiceManager
{
    private readonly VoicePool _pool;
    private readonly VoiceIndex _byKey;
    private readonly VoiceIndex _byChoke;
    private readonly VoiceIndex _byScope;
    private readonly VoiceIndex _byNote;
    private readonly int _fadeFrames;

    /// <summary>Creates the pool and its lists; every voice's filters count their restarts in <paramref name="filterResets"/>. Control thread: allocates.</summary>
    public VoiceManager(int polyphony, int fadeFrames, ResetCounter filterResets)
    {
        _pool = new VoicePool(polyphony);
        for (int slot = 0; slot < _pool.Capacity; slot++)
            _pool.BySlot(slot).CountFilterResetsIn(filterResets);
        _fadeFrames = fadeFrames;
        _byKey = new VoiceIndex(_pool.Capacity);
        _byChoke = new VoiceIndex(_pool.Capacity);
        _byScope = new VoiceIndex(_pool.Capacity);
        _byNote = new VoiceIndex(_pool.Capacity);
    }

    /// <summary>Voices in use, fading ones included.</summary>
    public int ActiveCount => _pool.ActiveCount;

    /// <summary>The active voices, in no particular order.</summary>
    public ReadOnlySpan<Voice> Active => _pool.Active;

    /// <summary>Voice at an index of <see cref="Active"/>.</summary>
    public Voice this[int index] => _pool[index];

    /// <summary>Takes a voice for a new note, stealing if needed (<see cref="VoicePool.Acquire"/>); start it, then <see cref="Track"/> it.</summary>
    public Voice Acquire(long order, ref long stolen)
    {
        var voice = _pool.Acquire(order, _fadeFrames, ref stolen, out var cut);
        if (cut is not null)
            Forget(cut.Slot);
        return voice;
    }

    /// <summary>Links a voice just started (or detached from its key) into the lists its region and key put it in.</summary>
    public void Track(Voice voice)
    {
        int slot = voice.Slot;
        var region = voice.Region!;
        var instrument = voice.Instrument!;
        _byKey.Link(slot, voice.Channel, voice.Key);
        if (region.HasOffBy)
            _byChoke.Link(slot, region.OffBy, 0);
        if (!instrument.HasPolyphonyLimits)
            return;
        if (region.Voicing.Polyphony >= 0)
            _byScope.Link(slot, instrument.Serial, region.Voicing.PolyphonyScope);
        _byNote.Link(slot, NoteKey(instrument, voice.Channel, voice.Key), region.Group);
    }

    /// <summary>Returns the voice at <paramref name="index"/> of <see cref="Active"/> to the pool, out of every list.</summary>
    public void RemoveAt(int index)
    {
        Forget(_pool[index].Slot);
        _pool.RemoveAt(index);
    }

    /// <summary>The first voice struck on <paramref name="channel"/> and <paramref name="key"/> (walk on with <see cref="NextOnKey"/>), or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Voice? FirstOnKey(int channel, int key) => VoiceAt(_byKey.First(channel, key));

    /// <summary>The next voice of the same channel and key, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Voice? NextOnKey(Voice voice) => VoiceAt(_byKey.Next(voice.Slot));

    /// <summary>True while a voice of this channel and key still sounds (SFZ rt_dead).</summary>
    public bool KeySounding(int channel, int key)
    {
        for (var v = FirstOnKey(channel, key); v is not null; v = NextOnKey(v))
        {
            if (v.Active)
                return true;
        }

        return false;
    }

    /// <summary>
    /// A region of group <paramref name="group"/> starting silences the voices whose off_by is that group (SFZ group/off_by),
    /// as their off_mode says: fast (a few milliseconds), normal (their own release) or time (a fade of off_time). Voices
    /// started by the same trigger are spared: layers of one note (an SF2 stereo pair sharing an exclusive class) do not
    /// choke each other; SF2 section 8.1.2 (generator 57) silences other notes, and FluidSynth spares the voices of the
    /// same note-on.
    /// </summary>
    public void SilenceOffBy(long group, long order, int sampleRate)
    {
        for (int slot = _byChoke.First(group, 0); slot >= 0; slot = _byChoke.Next(slot))
        {
            var v = _pool.BySlot(slot);
            var r = v.Region!;
            if (v.Fading || v.StartOrder == order)
                continue;
            switch (r.Voicing.OffMode)
            {
                case OffMode.Normal:
                    if (!v.Releasing)
                        v.ReleaseNow(order);
                    break;
                case OffMode.Time:
                    v.FadeOut(Math.Max(1, (int)(r.OffFadeSeconds * sampleRate)), order);
                    break;
                default:
                    v.FadeOut(_fadeFrames, order);
                    break;
            }
        }
    }

    /// <summary>
    /// polyphony: at most N voices of a region's polyphony scope (the SFZ header that set it) sound; note_polyphony: at
    /// most N voices of its group on one key and channel. The excess voices are released, the oldest first, with their
    /// own release (note_polyphony, as sfizz does) or a short fade (polyphony), so that nothing clicks. With
    /// note_selfmask on, a note spares earlier voices that were struck harder (sfz.org, note_selfmask).
    /// </summary>
    public void EnforcePolyphony(CompiledInstrument instrument, CompiledRegion region, int channel, int key, int velocity, long order)
    {
        var s = region.Voicing;
        if (s.Polyphony >= 0)
        {
            while (true)
            {
                Voice? victim = null;
                int count = 0;
                for (int slot = _byScope.First(instrument.Serial, s.PolyphonyScope); slot >= 0; slot = _byScope.Next(slot))
                {
                    var v = _pool.BySlot(slot);
                    if (v.Fading)
                        continue;
                    count++;
                    if (victim is null || Older(v, victim))
                        victim = v;
                }

                if (count < Math.Max(1, s.Polyphony) || victim is null)
                    break;
                victim.FadeOut(_fadeFrames, order);
            }
        }

        if (s.NotePolyphony >= 0)
        {
            while (true)
            {
                Voice? victim = null;
                int count = 0;
                for (int slot = _byNote.First(NoteKey(instrument, channel, key), region.Group); slot >= 0; slot = _byNote.Next(slot))
                {
                    var v = _pool.BySlot(slot);
                    if (v.Releasing)
                        continue;
                    count++;
                    if (s.NoteSelfMask && v.Velocity > velocity)
                        continue;
                    if (victim is null || v.StartOrder < victim.StartOrder)
                        victim = v;
                }

                if (count < Math.Max(1, s.NotePolyphony) || victim is null)
                    break;
                victim.ReleaseNow(order);
            }
        }
    }

    /// <summary>Released voices go before held ones; among equals, the older first.</summary>
    private static bool Older(Voice a, Voice b)
    {
        if (a.NoteReleased != b.NoteReleased)
            return a.NoteReleased;
        return a.StartOrder < b.StartOrder;
    }

    /// <summary>Instrument, channel and key in one list key (key −1: a voice detached from its key).</summary>
    private static long NoteKey(CompiledInstrument instrument, int channel, int key) =>
        ((long)instrument.Serial << 16) | ((long)(channel & 15) << 8) | (uint)(key & 0xFF);

    private Voice? VoiceAt(int slot) => slot >= 0 ? _pool.BySlot(slot) : null;

    private void Forget(int slot)
    {
        _byKey.Unlink(slot);
        _byChoke.Unlink(slot);
        _byScope.Unlink(slot);
        _byNote.Unlink(slot);
    }
}
