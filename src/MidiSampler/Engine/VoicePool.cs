using System.Runtime.CompilerServices;
namespace MidiSampler.Engine;

/// <summary>
/// The preallocated voices: a free stack, a dense list of active voices, and the stealer.
/// </summary>
/// <remarks>
/// Design: the pool holds <c>polyphony + reserve</c> voices. At most <c>polyphony</c> voices sound
/// at full level; when a note needs one more, the stealer picks a victim (a released voice first, the
/// one released longest ago; otherwise the oldest), and fades it out over a few milliseconds while the
/// new note takes a voice from the reserve, so stealing never clicks. Only when the reserve itself is
/// exhausted (many steals within one fade time) is the quietest fading voice cut at once.
/// Nothing allocates after construction. Audio thread only, except construction.
/// </remarks>
internal sealed class VoicePool
{
    private readonly Voice[] _active;
    private readonly Voice[] _free;
    private readonly Voice[] _bySlot;
    private int _freeCount;

    public VoicePool(int polyphony)
    {
        Polyphony = polyphony;
        int total = EngineLimits.VoicePoolSize(polyphony);
        _active = new Voice[total];
        _free = new Voice[total];
        _bySlot = new Voice[total];
        for (int i = 0; i < total; i++)
            _free[i] = _bySlot[total - 1 - i] = new Voice(total - 1 - i);
        _freeCount = total;
    }

    /// <summary>Every voice of the pool, sounding or free (slots 0..<see cref="Capacity"/>−1).</summary>
    public int Capacity => _bySlot.Length;

    /// <summary>The voice of a slot (<see cref="Voice.Slot"/>).</summary>
    public Voice BySlot(int slot) => _bySlot[slot];

    /// <summary>Voices that may sound at full level at once.</summary>
    public int Polyphony { get; }

    /// <summary>Voices in use, fading ones included.</summary>
    public int ActiveCount { get; private set; }

    /// <summary>Voices in use and not fading out (the polyphony that counts).</summary>
    public int SoundingCount
    {
        get
        {
            int n = 0;
            for (int i = 0; i < ActiveCount; i++)
            {
                if (!_active[i].Fading)
                    n++;
            }

            return n;
        }
    }

    /// <summary>The active voices, in no particular order.</summary>
    public ReadOnlySpan<Voice> Active => _active.AsSpan(0, ActiveCount);

    /// <summary>Voice at an index of <see cref="Active"/>.</summary>
    public Voice this[int index] => _active[index];

    /// <summary>
    /// Takes a voice for a new note, stealing if needed. <paramref name="stolen"/> counts voices taken
    /// from sounding notes; <paramref name="cut"/> is the voice stopped at once when the reserve was spent (already out of
    /// the active list), else null. Never fails.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Voice Acquire(long order, int fadeFrames, ref long stolen, out Voice? cut)
    {
        cut = null;
        if (ActiveCount >= Polyphony && SoundingCount >= Polyphony)
        {
            var victim = ChooseVictim();
            victim.FadeOut(fadeFrames, order);
            stolen++;
        }

        if (_freeCount == 0)
        {
            // The reserve is spent on fading voices: cut the quietest at once.
            int quietest = 0;
            for (int i = 1; i < ActiveCount; i++)
            {
                if (_active[i].Level < _active[quietest].Level)
                    quietest = i;
            }

            cut = _active[quietest];
            cut.Kill();
            RemoveAt(quietest);
        }

        var voice = _free[--_freeCount];
        _active[ActiveCount++] = voice;
        return voice;
    }

    /// <summary>Returns the voice at <paramref name="index"/> of <see cref="Active"/> to the free stack (swap-remove).</summary>
    public void RemoveAt(int index)
    {
        var voice = _active[index];
        _active[index] = _active[--ActiveCount];
        _active[ActiveCount] = null!;
        _free[_freeCount++] = voice;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Voice ChooseVictim()
    {
        Voice? released = null, oldest = null;
        for (int i = 0; i < ActiveCount; i++)
        {
            var v = _active[i];
            if (v.Fading)
                continue;
            if (v.NoteReleased && !v.HeldByPedal)
            {
                if (released is null || v.ReleaseOrder < released.ReleaseOrder)
                    released = v;
            }
            else if (oldest is null || v.StartOrder < oldest.StartOrder)
            {
                oldest = v;
            }
        }

        return released ?? oldest!;
    }
}
