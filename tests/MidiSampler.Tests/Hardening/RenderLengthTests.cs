using MidiSampler.Formats.Midi;
using MidiSampler.Rendering;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Hardening;

/// <summary>Issue 20, finding 4: a render ends at the song's last event plus its tails, and never past its cap.</summary>
[Collection(SerialCollection.Name)]
public sealed class RenderLengthTests
{
    [Fact]
    public void The_40_byte_file_declares_seventeen_years()
    {
        Assert.Equal(40, AbsurdSongs.SeventeenYears.Length);
        var song = MidiFile.Read(AbsurdSongs.SeventeenYears, "17-years.mid");

        double years = SongRenderer.LastEventSeconds(song) / (365.25 * 86_400);

        Assert.InRange(years, 17.7, 17.9);
    }

    [Fact]
    public void A_song_past_the_cap_is_cut_there_and_says_so()
    {
        var song = MidiFile.Read(AbsurdSongs.SeventeenYears, "17-years.mid");
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Model.Region { Sample = Signals.Sine(440, 48_000, 440) }));
        long frames = 0;

        var result = new SongRenderer(sampler, song) { MaxSeconds = 2 }.Render(block => frames += block.Length / 2);

        Assert.True(result.LengthCapped);
        Assert.Equal(2 * 48_000, result.Frames, tolerance: 256); // silence up to the cap; the note at 17.8 years is never played
        Assert.Equal(result.Frames, frames);
        Assert.Equal(0, result.PeakVoices);
    }

    [Fact]
    public void Declared_silence_after_the_last_event_is_kept_for_ten_seconds_at_most()
    {
        var song = MidiFile.Read(AbsurdSongs.SixteenDaysOfSilence, "16-days.mid");
        Assert.True(song.DurationSeconds > 15 * 86_400);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Model.Region { Sample = Signals.Sine(440, 48_000, 440) }));
        var output = new List<float>();

        var result = new SongRenderer(sampler, song).Render(block => output.AddRange(block.ToArray()));

        Assert.False(result.LengthCapped);
        // The note (0 to 0.25 s), then at most 10 s of the declared silence, and nothing of the other 16 days.
        Assert.InRange(result.Seconds, 0.25 + SongRenderer.MaxTrailingSilenceSeconds - 0.01, 0.25 + SongRenderer.MaxTrailingSilenceSeconds + 0.01);
        Assert.True(Signals.Rms(output.ToArray(), 0, 2 * 48_000 / 8) > 0.05, "the note should sound");
    }
}
