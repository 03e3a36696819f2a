using System.Buffers.Binary;
using MidiSampler.Formats.SndFile;
using MidiSampler.Formats.Sfz;
using MidiSampler.Streaming;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.Formats.Wav;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Formats.SndFile;

/// <summary>
/// pitch_keycenter=sample on FLAC (issue 16): the smpl chunk a FLAC keeps from its WAV original in an APPLICATION 'riff'
/// block (flac --keep-foreign-metadata). The FLAC audio is encoded by the real sox; the block is spliced in after it.
/// </summary>
public sealed class FlacForeignMetadataTests
{
    /// <summary>A 1 s, 440 Hz FLAC from sox, with an APPLICATION 'riff' block holding <paramref name="smplBody"/> (or none).</summary>
    private static string Flac(TempSfzDirectory dir, string name, byte[]? smplBody)
    {
        string path = Path.Combine(dir.Root, name);
        Sox.Run("-n", "-r", "48000", "-c", "1", "-b", "16", path, "synth", "1", "sine", "440");
        if (smplBody is null)
            return path;
        var flac = File.ReadAllBytes(path);
        Assert.Equal("fLaC"u8.ToArray(), flac[..4]);
        // Block 0 is STREAMINFO (34 bytes). The new block goes right after it; if STREAMINFO was the last, ours is.
        bool streamInfoLast = (flac[4] & 0x80) != 0;
        var data = new byte[4 + 8 + smplBody.Length];
        "riff"u8.CopyTo(data);
        "smpl"u8.CopyTo(data.AsSpan(4));
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(8), (uint)smplBody.Length);
        smplBody.CopyTo(data, 12);
        var header = new byte[] { (byte)(2 | (streamInfoLast ? 0x80 : 0)), (byte)(data.Length >> 16), (byte)(data.Length >> 8), (byte)data.Length };
        flac[4] &= 0x7F;
        File.WriteAllBytes(path, [.. flac[..42], .. header, .. data, .. flac[42..]]);
        return path;
    }

    [Fact]
    public void A_flac_keeps_the_root_key_tune_and_loop_of_its_wav_originals_smpl_chunk()
    {
        using var dir = new TempSfzDirectory();
        // Unity note 57, 0x40000000 / 2^32 of a semitone sharp (25 cents: the tune corrects it by -25), loop 1000..40999.
        string path = Flac(dir, "a.flac", WavBytes.Smpl(57, 0x4000_0000, (0, 1000, 40_999)));

        var warnings = new List<string>();
        var sample = SndFileReader.Load(path, warnings);

        Assert.Empty(warnings);
        Assert.Equal(57, sample.Metadata.RootKey);
        Assert.Equal(-25, sample.Metadata.TuneCents, 6);
        Assert.Equal((1000L, 40_999L), (sample.Metadata.LoopStart!.Value, sample.Metadata.LoopEnd!.Value));

        // Streamed, the same (the streaming source reads its headers itself).
        var streamed = SndFileStreamSource.TryOpen(path, warnings);
        Assert.NotNull(streamed);
        Assert.Equal(57, streamed.Metadata.RootKey);
    }

    [Fact]
    public void Pitch_keycenter_sample_on_such_a_flac_plays_in_tune()
    {
        using var dir = new TempSfzDirectory();
        Flac(dir, "a.flac", WavBytes.Smpl(57, 0));
        var inst = SfzLoader.Load(dir.Write("f.sfz", "<region> sample=a.flac pitch_keycenter=sample"));

        Assert.Equal(57, Assert.Single(inst.Regions).PitchKeyCenter);
        using var sampler = Signals.NewSampler();
        sampler.SetInstrument(0, inst);
        sampler.NoteOn(0, 69, 127); // an octave above the root: 880 Hz
        var left = Signals.Channel(Signals.Render(sampler, 24_000), 2, 0);
        Assert.InRange(Signals.Cents(Signals.Frequency(left, 48_000, 2400, 24_000), 880), -1, 1);
    }

    [Fact]
    public void A_flac_without_the_block_or_with_a_bad_one_keeps_the_defaults_and_says_why()
    {
        using var dir = new TempSfzDirectory();
        Assert.Null(SndFileReader.Load(Flac(dir, "plain.flac", null)).Metadata.RootKey);

        var warnings = new List<string>();
        var bad = SndFileReader.Load(Flac(dir, "bad.flac", WavBytes.Smpl(200, 0, (0, 10, 90_000))), warnings);

        Assert.Null(bad.Metadata.RootKey);
        Assert.False(bad.Metadata.HasLoop);
        Assert.Contains(warnings, w => w.Contains("bad.flac: byte 42, APPLICATION 'riff' block 'smpl': MIDI unity note 200", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("loop 10..90000 is empty or outside the 48000 frames", StringComparison.Ordinal));
    }
}
