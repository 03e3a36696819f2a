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
    // Seed 20 once "found" 2-26 KB allocated on the audio path in the test host: background collections moving the
    // per-thread counter (the test below), not the engine. The soak now counts with background collection off.
    [Fact]
    public void Five_seconds_of_random_play_leave_no_stuck_note_no_unhealthy_sample_and_allocate_nothing_on_the_audio_path()
    {
        using var log = new StringWriter();

        int exit = Soak.Run(5, seed: 20, log);

        string text = log.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("audio path allocated 0 bytes in 0 blocks after the 30 s warm-up", text, StringComparison.Ordinal);
        Assert.Contains("allocation counted with background GC off (exact)", text, StringComparison.Ordinal);
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

    // The cause of the soak's old finding (docs/hardening.md, "The soak's allocation count"): a background collection
    // that another thread starts moved the audio thread's GC.GetAllocatedBytesForCurrentThread by up to 8 KB while it
    // allocated nothing, so the soak "saw" 2-26 KB on the audio path in the test host. Here a real sampler renders
    // 8 voices through reverb and chorus for 2 s while another thread allocates and asks for a non-blocking full
    // collection every few milliseconds; the measuring thread allocates between blocks, as the soak's swaps do, so its
    // allocation context always has room to lose. Counted under ExactAllocationCount, Process must show 0 bytes.
    // Without the scope it failed in 5 of 5 runs here: 86-271 KB counted in 27-63 of 6,000-16,000 blocks, across
    // 30-67 collections; with it, 0 bytes in 5 of 5.
    [Fact]
    public void Background_collections_another_thread_starts_do_not_count_as_allocation_on_the_audio_path()
    {
        using var sampler = EnginePlay.NewSampler();
        sampler.SetInstrument(0, EnginePlay.ToneInstrument);
        sampler.ControlChange(0, 91, 100);
        sampler.ControlChange(0, 93, 100);
        for (int key = 60; key < 68; key++)
            sampler.NoteOn(0, key, 100);
        var buffer = new float[256 * 2];
        for (int b = 0; b < 200; b++)
            sampler.Process(buffer, 256); // warm-up: JIT and tiering of the path measured below

        long bytes = 0, blocks = 0, allocatingBlocks = 0;
        int gen2Before, gen2After;
        var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            var keep = new List<byte[]>();
            while (!stop.IsCancellationRequested)
            {
                for (int i = 0; i < 100; i++)
                    keep.Add(new byte[1000]);
                if (keep.Count > 20_000)
                    keep.Clear();
                GC.Collect(2, GCCollectionMode.Forced, blocking: false);
                Thread.Sleep(5);
            }
        }) { IsBackground = true, Name = "soak test collector" };
        using (ExactAllocationCount.Begin())
        {
            gen2Before = GC.CollectionCount(2);
            collector.Start();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var control = new object[1];
            while (clock.Elapsed.TotalSeconds < 2)
            {
                control[0] = new byte[100]; // the control side allocates between blocks, as the soak's swaps do
                long before = GC.GetAllocatedBytesForCurrentThread();
                sampler.Process(buffer, 256);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                bytes += allocated;
                allocatingBlocks += allocated != 0 ? 1 : 0;
                blocks++;
            }

            stop.Cancel();
            collector.Join();
            gen2After = GC.CollectionCount(2);
        }

        Assert.True(gen2After - gen2Before >= 10, $"only {gen2After - gen2Before} full collections crossed the measurement");
        Assert.True(bytes == 0, $"Process counted {bytes} bytes in {allocatingBlocks} of {blocks} blocks across {gen2After - gen2Before} full collections started by another thread");
        Assert.True(sampler.GetStats().ActiveVoices == 8, "the voices kept sounding through the measurement");
    }
}
