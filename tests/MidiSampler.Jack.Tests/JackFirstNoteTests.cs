using System.Globalization;
using System.Text.RegularExpressions;
using MidiSampler.Formats.Wav;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Model;
using Xunit.Abstractions;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// The first note of a set must not drop out: <c>midi-sampler play</c> (the test build: a .NET host that compiles
/// methods on first use, like any program embedding the engine) plays a SoundFont and a filtered SFZ through a real
/// jackd, and the longest period that carries each instrument's first note is compared with those of later notes.
/// Before the warm-up covered instruments, a first SoundFont note's callback took 19–24 ms against 38–215 µs later.
/// </summary>
public sealed partial class JackFirstNoteTests(ITestOutputHelper output) : IDisposable
{
    private const string SoundFont = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
    private readonly string _directory = Directory.CreateTempSubdirectory("ms-first-note-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_first_note_of_a_soundfont_and_of_a_filtered_sfz_costs_about_what_later_notes_cost()
    {
        Assert.True(File.Exists(SoundFont), $"{SoundFont} is missing: install fluid-soundfont-gm (scripts/install-deps.sh)");
        using var server = JackServer.Start(256);
        string sfz = WriteFilteredSfz(server.SampleRate);
        using var sender = new MidiSenderClient("sender", intervalCycles: 100_000);
        using var play = ChildProcess.Start(
            Path.Combine(AppContext.BaseDirectory, "midi-sampler"),
            "play", sfz, SoundFont, "--client-name", "W", "--no-start-server", "--midi-connect", "sender:midi_out");
        Assert.True(play.WaitForOutput("  console:", TimeSpan.FromSeconds(60)), play.Output);
        Thread.Sleep(500);

        // Program 0: the filtered SFZ; then program 1: the SoundFont's first preset (a piano: SF2 voices, modulators, its filter).
        var (firstSfz, laterSfz) = FirstAndLater(play, sender, keys: [60, 64, 67, 72, 55, 48]);
        sender.SendProgramChange(1);
        Thread.Sleep(200);
        var (firstSf2, laterSf2) = FirstAndLater(play, sender, keys: [60, 64, 67, 72, 55, 48]);

        string figures = string.Create(CultureInfo.InvariantCulture,
            $"longest period with the first note: filtered SFZ {firstSfz} us (later notes: max {laterSfz.Max()} us, median {Median(laterSfz)} us); SoundFont {firstSf2} us (later: max {laterSf2.Max()} us, median {Median(laterSf2)} us)");
        output.WriteLine(figures);
        play.Process.StandardInput.WriteLine("quit");
        play.Process.WaitForExit(10_000);

        // Far from the 19-24 ms of compiling on the audio thread, and well inside the 5.3 ms period. Measured here: the
        // filtered SFZ's first note as its later ones (30-50 us); the SoundFont's about 1-1.5 ms against 0.1-0.2 ms
        // (the runtime's JIT log, DOTNET_JitDisasmSummary=1, shows only two small idle-path voice methods compiled while playing).
        foreach (var (first, later) in new[] { (firstSfz, laterSfz), (firstSf2, laterSf2) })
            Assert.True(first <= Math.Max(3_000, 4 * later.Max()), figures);
    }

    /// <summary>Plays the first key, then the others one by one; the longest period while each sounds, in µs.</summary>
    private static (long First, long[] Later) FirstAndLater(ChildProcess play, MidiSenderClient sender, byte[] keys)
    {
        var times = new long[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            Command(play, "stats reset", "reset");
            sender.SendOnce(0x90, keys[i], 110);
            Thread.Sleep(250);
            times[i] = LongestPeriod(play);
            sender.SendOnce(0x80, keys[i], 64);
            Thread.Sleep(100);
        }

        return (times[0], times[1..]);
    }

    private static long LongestPeriod(ChildProcess play)
    {
        int before = Periods().Count;
        play.Process.StandardInput.WriteLine("stats");
        play.Process.StandardInput.Flush();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var all = Periods();
            if (all.Count > before)
                return long.Parse(all[^1].Groups[1].Value, CultureInfo.InvariantCulture);
            Thread.Sleep(20);
        }

        throw new TimeoutException("no answer to 'stats':\n" + play.Output);

        MatchCollection Periods() => MaxPeriod().Matches(play.Output);
    }

    private static void Command(ChildProcess play, string line, string answer)
    {
        int before = Regex.Matches(play.Output, answer).Count;
        play.Process.StandardInput.WriteLine(line);
        play.Process.StandardInput.Flush();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Regex.Matches(play.Output, answer).Count == before && clock.Elapsed < TimeSpan.FromSeconds(10))
            Thread.Sleep(10);
    }

    private static long Median(long[] x) => x.Order().ElementAt(x.Length / 2);

    /// <summary>
    /// An SFZ whose voices take the paths a plain one does not: a resonant 2-pole lowpass with a filter envelope,
    /// an amplitude LFO and a pitch envelope, over a looped sine.
    /// </summary>
    private string WriteFilteredSfz(int sampleRate)
    {
        float[] data = TestInstruments.SineCycles(0.5f, 100);
        WavWriter.WriteFile(Path.Combine(_directory, "sine.wav"), sampleRate, 1, WavSampleFormat.Float32, data, new SampleMetadata(60, 0, 0, data.Length - 1));
        string sfz = Path.Combine(_directory, "filtered.sfz");
        File.WriteAllText(sfz, """
            <region> sample=sine.wav loop_mode=loop_continuous pitch_keycenter=60
            fil_type=lpf_2p cutoff=1200 resonance=6 fileg_attack=0.02 fileg_decay=0.3 fileg_sustain=20 fileg_depth=2400
            amplfo_freq=5 amplfo_depth=3 pitcheg_attack=0.01 pitcheg_depth=50 ampeg_release=0.05
            """);
        return sfz;
    }

    [GeneratedRegex(@"period time mean \d+ us, max (\d+) us")]
    private static partial Regex MaxPeriod();
}
