using MidiSampler.Engine;
using MidiSampler.Formats.Sfz;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>ARIA's pedal assignment (sustain_cc, sustain_lo, sostenuto_cc, sostenuto_lo), loaded from SFZ text and heard.</summary>
public class SfzAriaPedalPlaybackTests
{
    private static readonly Sample Dc = Signals.Constant(0.5f, 4800);

    private static Instrument Load(TempSfzDirectory dir, string sfz)
    {
        dir.Touch("dc.wav");
        var instrument = SfzLoader.Load(dir.Write("pedals.sfz", sfz), _ => Dc);
        Assert.True(instrument.Warnings.Count == 0, string.Join("\n", instrument.Warnings));
        return instrument;
    }

    private static string DcRegion(int key, string opcodes) =>
        $"<region> sample=dc.wav key={key} loop_mode=loop_continuous loop_start=0 loop_end=4799 amp_veltrack=0 ampeg_release=0.001 {opcodes}\n";

    private static bool Sounds(Sampler sampler) => Math.Abs(Signals.Channel(Signals.Render(sampler, 2048), 2, 0)[2040]) > 0.01f;

    private static Sampler Play(Instrument instrument)
    {
        var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        return sampler;
    }

    [Fact]
    public void Sustain_cc_67_holds_notes_on_cc67_and_not_on_cc64()
    {
        using var dir = new TempSfzDirectory();
        using var sampler = Play(Load(dir, DcRegion(60, "sustain_cc=67") + DcRegion(62, "")));

        sampler.ControlChange(0, 64, 127); // the standard pedal: holds only the plain region
        sampler.NoteOn(0, 60, 100);
        sampler.NoteOn(0, 62, 100);
        sampler.NoteOff(0, 60);
        sampler.NoteOff(0, 62);
        var left = Signals.Channel(Signals.Render(sampler, 2048), 2, 0);
        Assert.Equal(0.5f, left[2040], 3); // 62 alone (0.5 DC at unity)
        sampler.ControlChange(0, 64, 0);
        Assert.False(Sounds(sampler));

        sampler.ControlChange(0, 67, 127);
        sampler.NoteOn(0, 60, 100);
        sampler.NoteOff(0, 60);
        Assert.True(Sounds(sampler), "CC67 holds the sustain_cc=67 region");
        sampler.ControlChange(0, 64, 127); // CC64 moving does not release it
        sampler.ControlChange(0, 64, 0);
        Assert.True(Sounds(sampler));
        sampler.ControlChange(0, 67, 0);
        Assert.False(Sounds(sampler), "CC67 up releases it");
    }

    [Fact]
    public void Sustain_lo_sets_the_value_from_which_the_pedal_is_down()
    {
        using var dir = new TempSfzDirectory();
        using var sampler = Play(Load(dir, DcRegion(60, "sustain_lo=100")));
        sampler.ControlChange(0, 64, 90); // above MIDI's 64, below 100: up
        sampler.NoteOn(0, 60, 100);
        sampler.NoteOff(0, 60);
        Assert.False(Sounds(sampler));

        sampler.ControlChange(0, 64, 100);
        sampler.NoteOn(0, 60, 100);
        sampler.NoteOff(0, 60);
        Assert.True(Sounds(sampler));
        sampler.ControlChange(0, 64, 99);
        Assert.False(Sounds(sampler), "99 is below sustain_lo=100: released");
    }

    [Fact]
    public void Sostenuto_cc_latches_the_notes_held_when_its_controller_goes_down()
    {
        using var dir = new TempSfzDirectory();
        using var sampler = Play(Load(dir, DcRegion(60, "sostenuto_cc=69 sostenuto_lo=10") + DcRegion(62, "sostenuto_cc=69 sostenuto_lo=10")));
        sampler.NoteOn(0, 60, 100);
        sampler.ControlChange(0, 69, 20);  // latches 60
        sampler.NoteOn(0, 62, 100);        // struck after the press: not latched
        sampler.ControlChange(0, 66, 127); // the MIDI sostenuto pedal does nothing here
        sampler.NoteOff(0, 60);
        sampler.NoteOff(0, 62);
        var left = Signals.Channel(Signals.Render(sampler, 2048), 2, 0);
        Assert.Equal(0.5f, left[2040], 3); // 60 alone
        sampler.ControlChange(0, 69, 5);
        Assert.False(Sounds(sampler), "below sostenuto_lo: the latched note goes");
    }

    [Fact]
    public void Bad_pedal_values_are_refused_or_clamped_with_their_line()
    {
        using var dir = new TempSfzDirectory();
        dir.Touch("dc.wav");
        var instrument = SfzLoader.Load(dir.Write("bad.sfz", "<region> sample=dc.wav\nsustain_cc=200 sustain_lo=300 sostenuto_cc=x\n"), _ => Dc);
        Assert.Contains(instrument.Warnings, w => w.Contains(":2:", StringComparison.Ordinal) && w.Contains("sustain_cc=200", StringComparison.Ordinal));
        Assert.Contains(instrument.Warnings, w => w.Contains("sustain_lo=300", StringComparison.Ordinal) && w.Contains("clamped to 127", StringComparison.Ordinal));
        Assert.Contains(instrument.Warnings, w => w.Contains("sostenuto_cc=x", StringComparison.Ordinal));
        var o = Assert.Single(instrument.Regions).VoiceOptions;
        Assert.Equal(64, o.SustainController);
        Assert.Equal(127, o.SustainLow);
        Assert.Equal(66, o.SostenutoController);
    }
}
