using MidiSampler.Engine;

namespace MidiSampler.Native;

/// <summary>
/// What an ms_sampler_t stands for: the engine, the instruments created in it (by program), and the guard that keeps
/// its event ring single-producer when a C host calls the event functions from two threads.
/// </summary>
internal sealed class NativeSampler
{
    /// <summary>Program slots, one per instrument (MIDI program numbers).</summary>
    public const int MaxInstruments = 128;

    private readonly NativeInstrument?[] _programs = new NativeInstrument?[MaxInstruments];
    private int _producing;

    /// <summary>Wraps a new engine whose blocks are at most <paramref name="blockFrames"/> frames.</summary>
    public NativeSampler(Sampler engine, int blockFrames)
    {
        Engine = engine;
        BlockFrames = blockFrames;
    }

    /// <summary>The engine.</summary>
    public Sampler Engine { get; }

    /// <summary>The most frames one engine block renders; ms_process renders longer calls in pieces of this size.</summary>
    public int BlockFrames { get; }

    /// <summary>The instruments still alive, by program. Control thread.</summary>
    public IEnumerable<NativeInstrument> Instruments => _programs.OfType<NativeInstrument>();

    /// <summary>Gives <paramref name="instrument"/> the lowest free program, or returns -1 when all 128 are taken. Control thread.</summary>
    public int AssignProgram(NativeInstrument instrument)
    {
        int program = Array.IndexOf(_programs, null);
        if (program >= 0)
            _programs[program] = instrument;
        return program;
    }

    /// <summary>Frees <paramref name="program"/> and removes its instrument from the engine at the next block. Control thread.</summary>
    public void ReleaseProgram(int program)
    {
        _programs[program] = null;
        Engine.SetInstrument(program, null);
        Engine.CollectRetired();
    }

    /// <summary>
    /// Claims the event ring's single producer role without waiting; false when another thread holds it right now.
    /// Any thread (the audio thread too: one compare-and-swap).
    /// </summary>
    public bool TryEnterProducer() => Interlocked.CompareExchange(ref _producing, 1, 0) == 0;

    /// <summary>Gives the producer role back. The thread that claimed it.</summary>
    public void ExitProducer() => Volatile.Write(ref _producing, 0);
}
