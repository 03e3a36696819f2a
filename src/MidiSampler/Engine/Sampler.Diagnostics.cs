namespace MidiSampler.Engine;

/// <summary>Internal counters for tests and benchmarks: what the voices are doing between blocks.</summary>
public sealed partial class Sampler
{
    /// <summary>
    /// How many active voices are idling (no control ticks, <see cref="Voice"/> class remarks). Audio thread, or any
    /// thread while no block is processed (tests call it between <see cref="Process(Span{float}, int)"/> calls).
    /// </summary>
    internal int IdleVoiceCount()
    {
        int count = 0;
        foreach (var voice in _voices.Active)
        {
            if (voice.Idle)
                count++;
        }

        return count;
    }

    /// <summary>The compiled regions installed at a program of bank 0 (tests: what the voices read). Control thread.</summary>
    internal CompiledRegion[] CompiledRegionsForTests(int program) => Volatile.Read(ref _publishedTable).Get(0, program)?.Compiled.Regions ?? [];

    /// <summary>
    /// A channel's controller as the routes read it, 0..1 at full precision (<see cref="MidiChannelState.ControllerValues"/>).
    /// For tests and diagnostics: read on the control thread while the audio thread is not processing.
    /// </summary>
    internal double ControllerValue(int channel, int controller) => _channels[channel & 15].ControllerValues[controller & 127];
}
