using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>SFZ sync_beats/sync_offset (onset on the beat grid), &lt;curve&gt; lookups and egN_shapeX, checked on the sound.</summary>
public class SfzSyncAndCurvePlaybackTests
{
    /// <summary>The frame of the first sound of a note struck at <paramref name="noteFrame"/> (frames since the sampler's start).</summary>
    private static int OnsetFrame(double syncBeats, double syncOffsetBeats, double tempoBpm, int noteFrame, int renderFrames)
    {
        using var sampler = Signals.NewSampler();
        sampler.TempoBpm = tempoBpm;
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = Signals.Constant(0.5f, 48_000), AmpVeltrackPercent = 0, SyncBeats = syncBeats, SyncOffsetBeats = syncOffsetBeats,
        }));
        int before = noteFrame / 256 * 256;
        Signals.Render(sampler, before);
        sampler.NoteOn(0, 60, 127, offsetFrames: noteFrame - before);
        int onset = Signals.FirstNonZero(Signals.Channel(Signals.Render(sampler, renderFrames), 2, 0));
        return onset < 0 ? -1 : before + onset;
    }

    [Fact]
    public void Sync_beats_delays_the_start_to_the_next_point_of_the_beat_grid_offset_by_sync_offset()
    {
        // 600 BPM at 48 kHz: 4800 frames a beat.
        Assert.Equal(4800, OnsetFrame(1, 0, 600, 1100, 8000));        // next beat
        Assert.Equal(9600, OnsetFrame(2, 0, 600, 1100, 12_000));      // next second beat
        Assert.Equal(2400, OnsetFrame(1, 0.5, 600, 1100, 8000));      // half a beat later on the grid
        Assert.Equal(7200, OnsetFrame(1, 0.5, 600, 2500, 8000));      // just past 2400: the next one
        Assert.Equal(4800, OnsetFrame(1, 0, 600, 4800, 2000));        // exactly on the grid: no wait
        Assert.Equal(9600, OnsetFrame(1, 3, 300, 100, 16_000));       // the grid is periodic: an offset of 3 beats on a 1-beat grid is a phase of 0
        Assert.Equal(16_800, OnsetFrame(2, 1.5, 600, 7300, 18_000));  // grid at 1.5, 3.5, ... beats (7200, 16800 frames): just past one, wait for the next
        Assert.Equal(300, OnsetFrame(0, 2, 600, 300, 1000));          // no sync_beats: at once, sync_offset alone does nothing
    }

    [Fact]
    public void Sync_beats_follows_the_tempo_at_note_on()
    {
        Assert.Equal(6000, OnsetFrame(1, 0, 480, 10, 8000));  // 480 BPM: 6000 frames a beat
        Assert.Equal(12_000, OnsetFrame(1, 0, 240, 10, 14_000));
    }

    [Fact]
    public void Sfz_text_loads_sync_beats_and_sync_offset_without_warnings()
    {
        using var dir = new MidiSampler.Tests.Formats.Sfz.TempSfzDirectory();
        var instrument = dir.Load("<region> sample=*sine sync_beats=4 sync_offset=1.5");
        var region = Assert.Single(instrument.Regions);
        Assert.Equal(4, region.SyncBeats);
        Assert.Equal(1.5, region.SyncOffsetBeats);
        Assert.DoesNotContain(instrument.Warnings, w => w.Contains("sync_", StringComparison.Ordinal));
    }

    /// <summary>Output of a constant 0.5 through an egN amplitude envelope rising 0 → 1 over one second with <paramref name="shape"/>.</summary>
    private static float[] ShapedRise(double shape)
    {
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(new Region
        {
            Sample = Signals.Constant(0.5f, 96_000), AmpVeltrackPercent = 0,
            FlexEnvelopes = [new FlexEnvelope { TimesSeconds = [0, 1], Levels = [0, 1], Shapes = [0, shape], SustainPoint = 1, AmplitudePercent = 100 }],
        }));
        sampler.NoteOn(0, 60, 127);
        return Signals.Channel(Signals.Render(sampler, 40_000, block: 1024), 2, 0);
    }

    [Theory]
    [InlineData(0, 0.25, 0.5)]         // linear
    [InlineData(2, 0.0625, 0.25)]      // p^2: slow start
    [InlineData(-2, 0.4375, 0.75)]     // 1 - (1-p)^2: fast start
    [InlineData(4, 0.00390625, 0.0625)]
    public void Eg_shape_bends_the_segment_as_sfizz_does(double shape, double levelAtQuarter, double levelAtHalf)
    {
        var left = ShapedRise(shape);
        // 0.5 × the envelope level; a tolerance for the 5 ms gain smoother and control-rate steps.
        Assert.InRange(left[12_000], (0.5 * levelAtQuarter) - 0.006, (0.5 * levelAtQuarter) + 0.006);
        Assert.InRange(left[24_000], (0.5 * levelAtHalf) - 0.006, (0.5 * levelAtHalf) + 0.006);
    }

    [Fact]
    public void Sfz_text_maps_eg_shape_per_point()
    {
        using var dir = new MidiSampler.Tests.Formats.Sfz.TempSfzDirectory();
        var instrument = dir.Load("<region> sample=*sine eg1_time1=1 eg1_level1=1 eg1_shape1=-3.5 eg1_shape2=2 eg1_amplitude=100");
        var e = Assert.Single(Assert.Single(instrument.Regions).FlexEnvelopes);
        Assert.Equal([0, -3.5, 2], e.Shapes);
        Assert.DoesNotContain(instrument.Warnings, w => w.Contains("shape", StringComparison.Ordinal));
    }

    /// <summary>Steady level of a constant 0.5 whose amplitude follows CC1 at <paramref name="cc1"/> through the SFZ text's curve.</summary>
    private static double CurvedAmplitude(string sfz, int cc1)
    {
        using var dir = new MidiSampler.Tests.Formats.Sfz.TempSfzDirectory();
        var instrument = dir.Load(sfz);
        Assert.DoesNotContain(instrument.Warnings, w => w.Contains("curve", StringComparison.Ordinal));
        var parsed = Assert.Single(instrument.Regions);
        // The *sine's per-key tables are dropped with it: the region plays the constant on every key.
        var region = parsed with { Sample = Signals.Constant(0.5f, 48_000), AmpVeltrackPercent = 0, VoiceOptions = parsed.VoiceOptions with { KeySamples = [] } };
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, Signals.Single(region));
        sampler.ControlChange(0, 1, cc1);
        sampler.NoteOn(0, 60, 127);
        var left = Signals.Channel(Signals.Render(sampler, 4800), 2, 0);
        return left[4000] / 0.5;
    }

    [Theory]
    [InlineData(64, 0.5)]     // on the user's point
    [InlineData(32, 0.25)]    // linear between v000 (default 0) and v064
    [InlineData(96, 0.6)]     // between v064=0.5 and v127=0.7
    [InlineData(127, 0.7)]
    public void A_user_curve_shapes_an_amplitude_controller(int cc1, double expected)
    {
        // The curve is defined after the region that names it: resolved once the file is read.
        string sfz = "<region> sample=*sine amplitude_oncc1=100 amplitude_curvecc1=9\n<curve> curve_index=9 v064=0.5 v127=0.7";
        Assert.Equal(expected, CurvedAmplitude(sfz, cc1), 2);
    }

    [Theory]
    [InlineData(4, 64, 0.25397)]   // predefined 4: x², (64/127)²
    [InlineData(5, 32, 0.50196)]   // predefined 5: √x
    [InlineData(2, 127, 0)]        // predefined 2: inverted
    [InlineData(0, 64, 0.50394)]   // predefined 0: the same as no curve
    public void Predefined_curves_shape_a_controller_as_in_aria_and_sfizz(int curve, int cc1, double expected) =>
        Assert.Equal(expected, CurvedAmplitude($"<region> sample=*sine amplitude_oncc1=100 amplitude_curvecc1={curve}", cc1), 3);

    [Fact]
    public void A_bipolar_curve_bends_pitch_down_and_up_from_the_middle()
    {
        var sine = Signals.Sine(440, 48_000, 400);
        double CentsAt(int cc1)
        {
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(new Region
            {
                Sample = sine, PitchKeyCenter = 69, LoopMode = LoopMode.LoopContinuous, LoopStart = 0, LoopEnd = sine.FrameCount - 1,
                CcModulations = [new CcModulation(ModulationTarget.PitchCents, 1, 1200) { Curve = MidiSampler.Formats.Sfz.SfzInstrumentBuilder.PredefinedCurve(1) }],
            }));
            sampler.ControlChange(0, 1, cc1);
            sampler.NoteOn(0, 69, 127);
            var left = Signals.Channel(Signals.Render(sampler, 12_000), 2, 0);
            return Signals.Cents(Signals.Frequency(left, 48_000, 2400, 12_000), 440);
        }

        Assert.InRange(CentsAt(0), -1201, -1199);   // bipolar curve at 0: -1
        Assert.InRange(CentsAt(127), 1199, 1201);
    }

    [Fact]
    public void Curve_errors_are_reported_and_leave_the_controller_linear()
    {
        using var dir = new MidiSampler.Tests.Formats.Sfz.TempSfzDirectory();
        var instrument = dir.Load("<curve> v010=0.5\n<curve> curve_index=300 v200=1 v005=x\n<region> sample=*sine amplitude_oncc1=100 amplitude_curvecc1=42");
        Assert.Contains(instrument.Warnings, w => w.Contains("without curve_index", StringComparison.Ordinal));
        Assert.Contains(instrument.Warnings, w => w.Contains("curve_index=300", StringComparison.Ordinal));
        Assert.Contains(instrument.Warnings, w => w.Contains("v200", StringComparison.Ordinal));
        Assert.Contains(instrument.Warnings, w => w.Contains("curve 42 is not defined", StringComparison.Ordinal));
        Assert.Null(Assert.Single(Assert.Single(instrument.Regions).CcModulations).Curve);
    }
}
