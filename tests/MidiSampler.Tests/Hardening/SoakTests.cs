using MidiSampler.Fuzz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Hardening;

/// <summary>
/// The random-play soak (fuzz/MidiSampler.Fuzz/Soak.cs, scripts/soak.sh runs it for 30 minutes) for a few seconds:
/// notes, controllers, bends, programs, SysEx, panics and instrument swaps, and every check it makes.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class SoakTests
{
    // Opt-in (MIDISAMPLER_SOAK=1, like the JACK soak) until its open finding is fixed: with seed 20 the audio path
    // allocates 2-26 KB in 1-6 blocks, first at about 288 s of audio, in runs no collection crosses (not a measuring
    // artefact of a collection retiring the thread's allocation context); docs/hardening.md, "Open".
    [Fact]
    [Trait("Category", "Soak")]
    public void Five_seconds_of_random_play_leave_no_stuck_note_no_unhealthy_sample_and_allocate_nothing_on_the_audio_path()
    {
        using var log = new StringWriter();

        int exit = Soak.Run(5, seed: 20, log);

        string text = log.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("audio path allocated 0 bytes in 0 blocks after the 30 s warm-up", text, StringComparison.Ordinal);
        Assert.Matches(@"[1-9]\d* panics, [1-9]\d* instrument swaps, [1-9]\d* stuck-note checks", text);
        Assert.Contains("soak: PASS", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fuzz_harnesses_engine_play_through_rejects_nothing_healthy()
    {
        EnginePlay.Play(EnginePlay.ToneInstrument);
        EnginePlay.CheckBlock([0f, 1f, -16f]);
        Assert.Throws<InvalidOperationException>(() => EnginePlay.CheckBlock([0f, float.NaN]));
    }
}
