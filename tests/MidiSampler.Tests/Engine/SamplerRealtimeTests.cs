using MidiSampler.Engine;
using MidiSampler.Realtime;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>Sampler.EnableRealtime (ms_sampler_enable_rt) promotes the calling thread only.</summary>
[Collection(SerialCollection.Name)]
public sealed class SamplerRealtimeTests
{
    [Fact]
    public void Enable_realtime_puts_the_calling_thread_under_sched_fifo_and_renders()
    {
        RealtimeResult? result = null;
        ThreadScheduling? seen = null;
        float peak = 0;
        var thread = new Thread(() =>
        {
            result = Sampler.EnableRealtime(70, lockMemory: false);
            seen = RealtimeSupport.GetCurrentThreadScheduling();
            using var sampler = Signals.NewSampler();
            sampler.SetInstrument(0, Signals.Single(new Model.Region { Sample = Signals.Constant(0.5f, 4_800) }));
            sampler.NoteOn(0, 60, 127);
            peak = Signals.Render(sampler, 256).Max();
            RealtimeSupport.SetNormalScheduling();
        });
        thread.Start();
        thread.Join();

        Assert.NotNull(result);
        // This machine runs the tests as root, where SCHED_FIFO is allowed; elsewhere the result must say why not.
        if (result.Scheduling)
            Assert.Equal(new ThreadScheduling(SchedulingPolicy.Fifo, 70), seen);
        else
            Assert.NotEmpty(result.Problems);
        Assert.Equal(SchedulingPolicy.Other, RealtimeSupport.GetCurrentThreadScheduling().Policy);
        Assert.Equal(0.5f, peak, 3);
    }
}
