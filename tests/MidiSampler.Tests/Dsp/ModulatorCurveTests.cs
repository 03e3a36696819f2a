using FsCheck;
using FsCheck.Fluent;
using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Tests.Dsp;

/// <summary>
/// The SF2 source curves (spec section 8.2.1) at 0, 64 and 127 for every type, polarity and direction, against the
/// spec's formulas written out here: a 7-bit reading v is x = v/128 (FluidSynth's normalisation, full scale 127/128),
/// negative is (127 - v)/128, bipolar 2x - 1, concave -20/96·log10(((127 - v)/127)²), convex 1 + 20/96·log10((v/127)²),
/// switch 0/1 (bipolar -1/1) at the middle; the other curves never exceed 127/128.
/// </summary>
public class ModulatorCurveTests
{
    private const double Top = 127 / 128.0;

    public static TheoryData<ModulatorCurveShape, bool, bool, int, double> Cases()
    {
        double concave64 = SpecConcave(64), convex64 = SpecConvex(64), concave63 = SpecConcave(63), convex63 = SpecConvex(63);
        var data = new TheoryData<ModulatorCurveShape, bool, bool, int, double>();
        void Add(ModulatorCurveShape shape, bool negative, bool bipolar, double at0, double at64, double at127)
        {
            data.Add(shape, negative, bipolar, 0, at0);
            data.Add(shape, negative, bipolar, 64, at64);
            data.Add(shape, negative, bipolar, 127, at127);
        }

        // Unipolar positive and negative.
        Add(ModulatorCurveShape.Linear, false, false, 0, 0.5, Top);
        Add(ModulatorCurveShape.Linear, true, false, Top, 63 / 128.0, 0);
        Add(ModulatorCurveShape.Concave, false, false, 0, concave64, Top);
        Add(ModulatorCurveShape.Concave, true, false, Top, concave63, 0);
        Add(ModulatorCurveShape.Convex, false, false, 0, convex64, Top);
        Add(ModulatorCurveShape.Convex, true, false, Top, convex63, 0);
        Add(ModulatorCurveShape.Switch, false, false, 0, 1, 1);
        Add(ModulatorCurveShape.Switch, true, false, 1, 0, 0);
        // Bipolar: 64 is the exact centre; the top stays at 127/128 (fluid_mod.c), the bottom is -1.
        Add(ModulatorCurveShape.Linear, false, true, -1, 0, Top);
        Add(ModulatorCurveShape.Linear, true, true, Top, -1 / 64.0, -1);
        Add(ModulatorCurveShape.Concave, false, true, -1, 0, Top);
        Add(ModulatorCurveShape.Concave, true, true, Top, -SpecConcave(2), -1);
        Add(ModulatorCurveShape.Convex, false, true, -1, 0, Top);
        Add(ModulatorCurveShape.Convex, true, true, Top, -SpecConvex(2), -1);
        Add(ModulatorCurveShape.Switch, false, true, -1, 1, 1);
        Add(ModulatorCurveShape.Switch, true, true, 1, -1, -1);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Seven_bit_sources_follow_the_spec_formulas(ModulatorCurveShape shape, bool negative, bool bipolar, int value, double expected)
    {
        var source = new ModulatorSource(ModulatorSourceKind.Controller, 1, shape, negative, bipolar);
        Assert.Equal(expected, source.Evaluate(value, ModulatorCurve.SevenBit), 5);
    }

    [Fact]
    public void Pitch_wheel_is_read_on_fourteen_bits_centred_at_8192()
    {
        var wheel = new ModulatorSource(ModulatorSourceKind.PitchWheel, Bipolar: true);
        Assert.Equal(0, wheel.Evaluate(8192, ModulatorCurve.FourteenBit), 6);
        Assert.Equal(-1, wheel.Evaluate(0, ModulatorCurve.FourteenBit), 6);
        Assert.Equal(16383 / 16384.0, wheel.Evaluate(16383, ModulatorCurve.FourteenBit), 6);
        Assert.Equal(0.5, wheel.Evaluate(12288, ModulatorCurve.FourteenBit), 6);
    }

    [Fact]
    public void An_absent_source_is_one_whatever_its_flags()
    {
        Assert.Equal(1, ModulatorSource.None.Evaluate(0, ModulatorCurve.SevenBit));
        Assert.Equal(1, new ModulatorSource(ModulatorSourceKind.None, 0, ModulatorCurveShape.Concave, true, true).Evaluate(64, 128));
    }

    [Fact]
    public void Concave_and_convex_are_mirror_images_and_monotonic()
    {
        for (int v = 0; v <= 127; v++)
        {
            Assert.Equal(1 - ModulatorCurve.Concave(127 - v), ModulatorCurve.Convex(v), 9);
            if (v > 0)
                Assert.True(ModulatorCurve.Concave(v) > ModulatorCurve.Concave(v - 1));
        }
    }

    [Fact]
    public void Every_reading_maps_into_minus_one_to_one_and_moves_with_its_direction()
    {
        Prop.ForAll(Gen.Choose(0, 3).ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(), Gen.Choose(0, 126).ToArbitrary(), (shape, flags, v) =>
        {
            var source = new ModulatorSource(ModulatorSourceKind.Controller, 1, (ModulatorCurveShape)shape, (flags & 1) != 0, (flags & 2) != 0);
            float a = source.Evaluate(v, 128), b = source.Evaluate(v + 1, 128);
            bool inRange = a >= -1 && a <= 1 && b >= -1 && b <= 1; // switch reaches 1, the others stop at 127/128
            bool ordered = (flags & 1) != 0 ? b <= a : b >= a;
            return inRange && ordered;
        }).QuickCheckThrowOnFailure();
    }

    private static double SpecConcave(int v) => -20.0 / 96 * Math.Log10(Math.Pow((127.0 - v) / 127, 2));

    private static double SpecConvex(int v) => 1 + (20.0 / 96 * Math.Log10(Math.Pow(v / 127.0, 2)));
}
