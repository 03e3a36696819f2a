namespace MidiSampler.Formats.Sfz;

/// <summary>The oscillator opcodes of a region being read (SFZ v2 <c>oscillator</c>, <c>oscillator_phase</c>).</summary>
internal sealed partial class SfzRegionDraft
{
    /// <summary><c>oscillator=on</c> (true), <c>off</c> (false) or <c>auto</c>/not given (null: generators only).</summary>
    public bool? Oscillator { get; set; }

    /// <summary><c>oscillator_phase</c>: the start of the cycle, 0..1 (sfizz wraps larger values); negative: random per note.</summary>
    public double OscillatorPhase { get; set; }

    /// <summary><c>oscillator_multi</c>: 3..9 plays that many detuned oscillators spread from right to left (unison).</summary>
    public int OscillatorMulti { get; set; } = 1;

    /// <summary><c>oscillator_detune</c>: the unison's spread in cents.</summary>
    public double OscillatorDetuneCents { get; set; }
}
