using MidiSampler.Engine;
using MidiSampler.Formats.Sfz;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>
/// sfizz's own test files (tests/MidiSampler.Tests/TestFiles/sfizz-tests, BSD-2-Clause, from sfizz's tests/TestFiles),
/// loaded unchanged, with the behaviour sfizz's tests/FilesT.cpp expects of each (issue 16), checked on the sound.
/// </summary>
public sealed class SfizzTestFilesTests
{
    private const int Rate = 48_000;

    private static string File(string name) =>
        Path.Combine(SharedData.RepositoryRoot, "tests", "MidiSampler.Tests", "TestFiles", "sfizz-tests", name);

    [Theory]
    [InlineData("set_cc.sfz", 122 / 127.0)]
    [InlineData("set_hdcc.sfz", 0.1234)]
    [InlineData("set_realcc.sfz", 0.1234)]
    public void Set_cc_hdcc_and_realcc_apply_at_full_precision(string file, double cc61)
    {
        // sfizz: "Set CC/HDCC/RealCC applies properly": getCCValue(61) is 122/127, 0.1234 and 0.1234.
        var instrument = SfzLoader.Load(File(file));
        Assert.Empty(instrument.Warnings);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, instrument);
        sampler.NoteOn(0, 60, 100);
        var left = Signals.Channel(Signals.Render(sampler, Rate / 10), 2, 0);

        Assert.Equal(cc61, sampler.ControllerValue(0, 61), 8); // carried as 30-bit fixed point: within 1e-9
        Assert.True(Signals.Db(Signals.Rms(left, 0, left.Length)) > -40, "the snare sounds");
    }

    private static float[] Render(Sampler sampler, int frames, params (int Frame, bool On, int Key)[] notes)
    {
        var all = new float[frames];
        var buffer = new float[256 * 2];
        for (int pos = 0; pos < frames; pos += 256)
        {
            foreach (var (frame, on, key) in notes)
            {
                if (frame >= pos && frame < pos + 256)
                {
                    if (on)
                        sampler.NoteOn(0, key, 127, frame - pos);
                    else
                        sampler.NoteOff(0, key, frame - pos);
                }
            }

            int n = Math.Min(256, frames - pos);
            sampler.Process(buffer, n);
            for (int i = 0; i < n; i++)
                all[pos + i] = buffer[2 * i];
        }

        return all;
    }

    [Fact]
    public void Off_by_chokes_the_fast_region_at_once_and_releases_the_normal_one()
    {
        // sfizz: "Off by with different off modes": key 64 starts a fast and a normal region of group 1; key 63 (group 2,
        // off_by=2 on group 1) leaves only the normal one, which dies over its ampeg_release=0.1 while the fast one is free.
        const int Choke = 9_600, Frames = 24_000;
        var instrument = SfzLoader.Load(File("off_mode.sfz"));
        Assert.Empty(instrument.Warnings);
        float[] both, alone;
        using (var sampler = Signals.NewSampler())
        {
            sampler.SetInstrument(0, instrument);
            both = Render(sampler, Frames, (0, true, 64), (Choke, true, 63));
        }

        using (var sampler = Signals.NewSampler())
        {
            sampler.SetInstrument(0, instrument);
            alone = Render(sampler, Frames, (Choke, true, 63));
        }

        // The reference: one region of the same sample released by a note-off at the choke's frame.
        using var dir = new TempSfzDirectory();
        System.IO.File.Copy(File("mono_sample.wav"), Path.Combine(dir.Root, "mono_sample.wav"));
        float[] released;
        using (var sampler = Signals.NewSampler())
        {
            sampler.SetInstrument(0, SfzLoader.Load(dir.Write("one.sfz", "<region> key=64 ampeg_release=0.1 sample=mono_sample.wav")));
            released = Render(sampler, Frames, (0, true, 64), (Choke, false, 64));
        }

        var choked = both.Zip(alone, (a, b) => a - b).ToArray(); // what key 64's voices play
        double before = 0, after = 0, level = 0;
        for (int i = 0; i < Choke; i++)
        {
            before = Math.Max(before, Math.Abs(choked[i] - (2 * released[i]))); // both regions, in phase
            level = Math.Max(level, Math.Abs(released[i]));
        }

        for (int i = Choke + 960; i < Frames; i++)
            after = Math.Max(after, Math.Abs(choked[i] - released[i])); // 20 ms on: the normal region alone, releasing

        Assert.True(level > 0.05, $"the sample sounds ({level})");
        Assert.True(before < 1e-4, $"before the choke, two regions: off by {before}");
        Assert.True(after < 1e-4, $"after the choke, the normal region's release alone: off by {after}");
        Assert.True(Signals.Db(Signals.Rms(choked, Choke + 960, Choke + 1920) / Signals.Rms(released, Choke - 960, Choke)) > -40,
            "the normal region is still sounding 20 ms after the choke");
    }
}
