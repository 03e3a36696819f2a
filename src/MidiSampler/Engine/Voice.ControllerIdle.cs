namespace MidiSampler.Engine;

/// <summary>
/// Idling with SFZ controller routes (<see cref="CompiledRegion.CcModulations"/>, <c>*_onccN</c>) and controller
/// crossfades (<see cref="CompiledRegion.CcCrossfades"/>, <c>xfin_loccN</c>…). Audio thread only; nothing here allocates.
/// </summary>
/// <remarks>
/// Design: a tick reads these routes from the channel's controllers, the live extended sources 128–130 (pitch bend,
/// channel and key pressure) and the per-note sources 131–141 fixed at note-on, each through a static curve. Every one
/// of the live inputs increments <see cref="MidiChannelState.ModulationVersion"/> when it moves (SetController,
/// SetPitchBend, ChannelPressure, SetPolyPressure, the resets), so while the version stands still a tick would compute
/// exactly what the last one did: the voice may idle like one whose envelopes rest, and wakes at the frame the version
/// moves, as an SF2 voice with modulator routes does (Voice.Modulators.cs). The gain smoother after a controller jump
/// keeps the voice ticking until it has converged (<c>TryIdle</c>). Only SFZ voices change: SF2 regions carry no
/// controller routes or crossfades, and their modulator routes keep their own wake condition.
/// </remarks>
internal sealed unsafe partial class Voice
{
    // The region reads channel sources at each tick (SF2 modulator routes, SFZ controller routes or crossfades): an idle
    // voice wakes when the channel's ModulationVersion moves.
    private bool _wakesOnModulation;

    /// <summary>True while the voice runs no control ticks (see the class remarks of <see cref="Voice"/>). Audio thread (tests, diagnostics).</summary>
    public bool Idle => _idle;

    /// <summary>Note-on: whether the channel's <see cref="MidiChannelState.ModulationVersion"/> wakes this voice.</summary>
    private void StartControllerIdle(CompiledRegion region) =>
        _wakesOnModulation = region.ModulatorRoutes.Length > 0 || region.CcModulations.Length > 0 || region.CcCrossfades.Length > 0;

    /// <summary>
    /// Entering idle: the routes were read at this tick's version, which the wake check compares against. (SF2 modulator
    /// routes already noted it when they refreshed this tick; noting it again changes nothing.)
    /// </summary>
    private void NoteControllerVersion(MidiChannelState channel)
    {
        if (_wakesOnModulation)
            _modulationVersion = channel.ModulationVersion;
    }
}
