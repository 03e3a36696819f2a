using MidiSampler.Dsp;
using MidiSampler.Engine;
using MidiSampler.Model;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>The audio path must not allocate: proven by counting this thread's allocations and the GCs.</summary>
[Collection(SerialCollection.Name)]
public class RealtimeAllocationTests
{
    [Theory]
    [InlineData(InterpolationMode.Cubic, 2)]
    [InlineData(InterpolationMode.Linear, 1)]
    public void Ten_thousand_blocks_with_notes_controllers_and_stealing_allocate_nothing(InterpolationMode mode, int outputChannels)
    {
        const int block = 128;
        var mono = Signals.Sine(220, 44_100, 50);
        var stereoData = new float[20_000];
        for (int i = 0; i < stereoData.Length; i++)
            stereoData[i] = MathF.Sin(i * 0.05f) * 0.1f;
        var stereo = Sample.FromInterleaved("st", 48_000, 2, stereoData);
        Region[] regions =
        [
            // SFZ effect1/effect2: this region's voices feed the reverb and chorus buses themselves.
            new() { Sample = mono, HiKey = 63, LoopMode = LoopMode.LoopContinuous, LoopEnd = mono.FrameCount - 1, AmpEnvelope = new Envelope(0, 0.002, 0.001, 0.05, 0.5, 0.03), Effect1Percent = 40, Effect2Percent = 25 },
            new() { Sample = stereo, LoKey = 64, LoopMode = LoopMode.LoopSustain, LoopStart = 1000, LoopEnd = 9000, SeqLength = 2, SeqPosition = 1 },
            new() { Sample = stereo, LoKey = 64, Offset = 100, SeqLength = 2, SeqPosition = 2, Group = 3, OffBy = 3 },
            new() { Sample = mono, LoKey = 30, HiKey = 90, Trigger = TriggerMode.Release, LoopMode = LoopMode.OneShot, VolumeDb = -12, RtDecayDbPerSecond = 3 },
            // Filters, LFOs, envelopes, controller modulation, crossfades, keyswitches and polyphony limits, all active.
            new()
            {
                Sample = mono, LoKey = 40, HiKey = 80, LoopMode = LoopMode.LoopContinuous, LoopEnd = mono.FrameCount - 1,
                FilterType = FilterType.Lowpass4Pole, CutoffHz = 800, ResonanceDb = 6, FilterKeytrackCents = 50, FilterVeltrackCents = 1200,
                FilterEnvelope = new Envelope(0, 0.01, 0, 0.1, 0.3, 0.05), FilterEnvelopeDepthCents = 2400,
                FilterEnvelopeModulation = new EnvelopeModulation { VelocityToDepthCents = 600, Controllers = [new EnvelopeCc(EnvelopeParameter.Attack, 1, 0.1)] },
                PitchEnvelope = new Envelope(0, 0.02, 0, 0.1, 0, 0.05), PitchEnvelopeDepthCents = 100,
                AmpLfo = new Lfo(0.01, 0.05, 4, 3), PitchLfo = new Lfo(0, 0.1, 5, 30), FilterLfo = new Lfo(0, 0, 2, 600),
                AmpEnvelopeModulation = new EnvelopeModulation { VelocityToAttackSeconds = 0.01, Controllers = [new EnvelopeCc(EnvelopeParameter.Release, 1, 0.2)] },
                // *_smoothccN / *_stepccN (Voice.CcSmoothing.cs) on two of the routes.
                CcModulations = [new(ModulationTarget.CutoffCents, 1, 1200) { SmoothMs = 20, Step = 100 }, new(ModulationTarget.VolumeDb, 1, -6) { SmoothMs = 50 }, new(ModulationTarget.PanPercent, 1, 50), new(ModulationTarget.PitchCents, 1, 20) { Step = 5 }],
                CcCrossfades = [new CcCrossfade(1, 0, 64, FadeIn: true)], XfInLoVelocity = 0, XfInHiVelocity = 64, AmpVelocityCurve = [new VelocityPoint(64, 0.5)],
                SwLoKey = 30, SwHiKey = 31, SwLast = 30, SwDefault = 30, Polyphony = 6, PolyphonyScope = 9, NotePolyphony = 1,
                PitchRandomCents = 10, AmpRandomDb = 2, FilterRandomCents = 100, OffsetRandomFrames = 100, DelayRandomSeconds = 0.002,
                BendUpCents = 1200, BendDownCents = -100,
            },
            new()
            {
                Sample = stereo, LoKey = 50, HiKey = 90, LoopMode = LoopMode.LoopSustain, LoopStart = 1000, LoopEnd = 9000, SwLast = 31,
                FilterType = FilterType.Bandpass2Pole, CutoffHz = 2000, WidthPercent = 40, PositionPercent = 20, FilterLfo = new Lfo(0, 0, 3, 1200),
                OffMode = OffMode.Time, OffBy = 3, Group = 4, LoRandom = 0, HiRandom = 0.7, CcRanges = [new CcRange(1, 0, 100)],
            },
            // SFZ v1 extras: a 3-band EQ, count restarts, sw_vel, a tempo range, and a region started by CC 1 (on_locc1).
            new()
            {
                Sample = mono, LoKey = 20, HiKey = 100, PlayCount = 3, LoopMode = LoopMode.OneShot, SwVelocityPrevious = true, LoBpm = 60, HiBpm = 200,
                EqBands = [new EqBand(100, 1, 6), new EqBand(1000, 2, -6), new EqBand(6000, 0.5, 3)],
            },
            new() { Sample = stereo, OnCcRanges = [new CcRange(1, 100, 127)], End = 3000, EqBands = [new EqBand(500, 1, 4)] },
            // SFZ v2: pan tracking, delay_samples, loop_count, bend steps per direction, a shelving EQ band, sustain_sw, rt_dead.
            new()
            {
                Sample = mono, LoKey = 45, HiKey = 85, LoopMode = LoopMode.LoopContinuous, LoopStart = 100, LoopEnd = 900, LoopCount = 3,
                PanKeytrackPercent = 5, PanVeltrackPercent = -30, DelaySampleFrames = 64, BendStepUpCents = 100, BendStepDownCents = 50,
                EqBands = [new EqBand(200, 1, 3) { Shape = FilterType.LowShelf }], SustainSwitch = false,
                FilterType = FilterType.Lowpass2Pole, CutoffHz = 3000,
                FlexLfos =
                [
                    new FlexLfo { FrequencyHz = 3, Wave = 0, PitchCents = 20, CutoffCents = 600 },
                    new FlexLfo { FrequencyHz = 7, Wave = 6, VolumeDb = 3, PanPercent = 30, DelaySeconds = 0.01, FadeSeconds = 0.05 },
                    new FlexLfo { FrequencyHz = 0.5, Wave = 3, AmplitudePercent = 20, Phase = 0.3 },
                ],
                FlexEnvelopes =
                [
                    new FlexEnvelope { TimesSeconds = [0, 0.01, 0.05, 0.1], Levels = [0, 1, 0.6, 0], SustainPoint = 2, AmplitudePercent = 100, CutoffCents = 1200 },
                    new FlexEnvelope { TimesSeconds = [0.01, 0.2], Levels = [1, -1], PitchCents = 50, PanPercent = 40, VolumeDb = -3 },
                ],
            },
            new() { Sample = mono, LoKey = 45, HiKey = 85, Trigger = TriggerMode.Release, LoopMode = LoopMode.OneShot, End = 2000, ReleaseWhenDead = true },
            // sync_beats/sync_offset, shaped egN segments and <curve>-shaped controllers.
            new()
            {
                Sample = mono, LoKey = 50, HiKey = 70, LoopMode = LoopMode.LoopContinuous, LoopEnd = mono.FrameCount - 1, SyncBeats = 0.25, SyncOffsetBeats = 0.1,
                FlexEnvelopes = [new FlexEnvelope { TimesSeconds = [0, 0.02, 0.05], Levels = [0, 1, 0.3], Shapes = [0, 3, -2], SustainPoint = 2, AmplitudePercent = 100 }],
                CcModulations =
                [
                    new(ModulationTarget.VolumeDb, 1, -12) { Curve = MidiSampler.Formats.Sfz.SfzInstrumentBuilder.PredefinedCurve(4) },
                    new(ModulationTarget.PitchCents, 1, 30) { Curve = MidiSampler.Formats.Sfz.SfzInstrumentBuilder.PredefinedCurve(1) },
                ],
            },
            // SFZ v2 voice options: sostenuto_sw, delay_beats, stop_beats, stop_locc2, bend_smooth, sample_fadeout, loop_crossfade,
            // LFO steps/count/smooth, LFO and EG routes into LFOs, a looping EG.
            new()
            {
                Sample = mono, LoKey = 35, HiKey = 95, LoopMode = LoopMode.LoopSustain, LoopStart = 200, LoopEnd = mono.FrameCount - 1,
                VoiceOptions = new RegionVoiceOptions
                {
                    SostenutoSwitch = true, DelayBeats = 0.01, StopBeats = 0.5, StopCcRanges = [new CcRange(2, 64, 127)], BendSmoothMs = 20,
                    SampleFadeoutSeconds = 0.01, LoopCrossfadeSeconds = 0.002,
                },
                FlexLfos =
                [
                    new FlexLfo { Number = 1, FrequencyHz = 6, PitchCents = 30, Steps = [0, 50, -50, 100], SmoothMs = 5, Count = 20 },
                    new FlexLfo { Number = 2, FrequencyHz = 1, LfoModulations = [new(1, LfoModulationKind.FrequencyHz, 2), new(1, LfoModulationKind.DepthAdd, 50)] },
                    new FlexLfo { Number = 3, FrequencyHz = 3, VolumeDb = 2, LfoModulations = [new(2, LfoModulationKind.Depth, 80)] },
                ],
                FlexEnvelopes =
                [
                    new FlexEnvelope
                    {
                        TimesSeconds = [0, 0.01, 0.01], Levels = [0, 1, 0.2], SustainPoint = 2, LoopPoint = 1, AmplitudePercent = 100,
                        Curves = [null, MidiSampler.Formats.Sfz.SfzInstrumentBuilder.PredefinedCurve(5), null],
                        LfoModulations = [new(3, LfoModulationKind.FrequencyHz, 4)],
                    },
                ],
            },
            new()
            {
                Sample = mono, LoKey = 35, HiKey = 95,
                VoiceOptions = new RegionVoiceOptions { SampleFadeoutSeconds = 0.005, SostenutoSwitch = false, ReverseCcRanges = [new CcRange(2, 0, 63)] },
            },
            // loop_type: a backward loop and a ping-pong loop with a tail.
            new() { Sample = mono, LoKey = 50, HiKey = 75, LoopMode = LoopMode.LoopContinuous, LoopStart = 100, LoopEnd = 900, VoiceOptions = new RegionVoiceOptions { LoopDirection = LoopDirection.Backward, LoopTuneCents = 20 } },
            new() { Sample = stereo, LoKey = 50, HiKey = 75, LoopMode = LoopMode.LoopSustain, LoopStart = 500, LoopEnd = 4000, VoiceOptions = new RegionVoiceOptions { LoopDirection = LoopDirection.Alternate } },
            // lotimer/hitimer, and LFO/EG resonance and width on a filtered stereo region.
            new()
            {
                Sample = stereo, LoKey = 40, HiKey = 90, Group = 11, LoopMode = LoopMode.LoopContinuous, LoopStart = 1000, LoopEnd = 9000,
                FilterType = FilterType.Lowpass2Pole, CutoffHz = 1500, VoiceOptions = new RegionVoiceOptions { LoTimerSeconds = 0.01, HiTimerSeconds = 5 },
                EqBands = [new EqBand(800, 1, 0) { Number = 1 }, new EqBand(3000, 1, 4) { Number = 2, Shape = FilterType.HighShelf }],
                FlexLfos = [new FlexLfo { FrequencyHz = 4, ResonanceDb = 6, WidthPercent = -80, EqModulations = [new(1, 400, 0.5, 6)] }],
                FlexEnvelopes = [new FlexEnvelope { TimesSeconds = [0.05], Levels = [1], ResonanceDb = 3, WidthPercent = 20, EqModulations = [new(2, -1000, 0, -3)] }],
            },
            // SF2 modulator routes: a route-only vibrato LFO (deferred, idling) and every kind of source, curve and transform.
            new()
            {
                Sample = mono, LoKey = 30, HiKey = 100, LoopMode = LoopMode.LoopContinuous, LoopStart = 100, LoopEnd = 900,
                FilterType = FilterType.Lowpass2Pole, CutoffHz = 8000,
                FlexLfos = [new FlexLfo { FrequencyHz = 5, DelaySeconds = 0.01 }],
                ModulatorRoutes =
                [
                    new(ModulatorDestination.LfoPitchCents, 50, new ModulatorSource(ModulatorSourceKind.Controller, 1)),
                    new(ModulatorDestination.LfoPitchCents, 50, new ModulatorSource(ModulatorSourceKind.ChannelPressure)),
                    new(ModulatorDestination.CutoffCents, -2400, new ModulatorSource(ModulatorSourceKind.Controller, 74, ModulatorCurveShape.Concave, true, true),
                        new ModulatorSource(ModulatorSourceKind.Key, 0, ModulatorCurveShape.Convex), Absolute: true),
                    new(ModulatorDestination.PitchCents, 100, new ModulatorSource(ModulatorSourceKind.PitchWheel, 0, ModulatorCurveShape.Linear, false, true),
                        new ModulatorSource(ModulatorSourceKind.PitchWheelSensitivity)),
                    new(ModulatorDestination.VolumeDb, -6, new ModulatorSource(ModulatorSourceKind.PolyPressure, 0, ModulatorCurveShape.Switch)),
                    new(ModulatorDestination.PanPercent, 30, new ModulatorSource(ModulatorSourceKind.Velocity, 0, ModulatorCurveShape.Concave, true)),
                    new(ModulatorDestination.PitchEnvelopeCents, 100, new ModulatorSource(ModulatorSourceKind.Velocity)),
                ],
            },
            // ARIA extended controllers (cc128..141) on every kind of route, and pedals on CC 67/69 with thresholds.
            new()
            {
                Sample = mono, LoKey = 30, HiKey = 100, LoopMode = LoopMode.LoopContinuous, LoopEnd = mono.FrameCount - 1,
                FilterType = FilterType.Lowpass2Pole, CutoffHz = 1000,
                CcModulations =
                [
                    new(ModulationTarget.AmplitudePercent, 131, 100), new(ModulationTarget.PitchCents, 128, 200), new(ModulationTarget.CutoffCents, 129, 1200),
                    new(ModulationTarget.VolumeDb, 130, -6), new(ModulationTarget.PanPercent, 136, 30), new(ModulationTarget.VolumeDb, 141, -0.5),
                    new(ModulationTarget.PitchCents, 140, 1), new(ModulationTarget.VolumeDb, 137, -3), new(ModulationTarget.VolumeDb, 134, -2),
                    new(ModulationTarget.CutoffCents, 133, 600) { Curve = MidiSampler.Formats.Sfz.SfzInstrumentBuilder.PredefinedCurve(3) },
                    new(ModulationTarget.VolumeDb, 135, -6) { Curve = MidiSampler.Formats.Sfz.SfzInstrumentBuilder.PredefinedCurve(1) },
                    new(ModulationTarget.VolumeDb, 132, -1), new(ModulationTarget.ResonanceDb, 1, 12), new(ModulationTarget.AmpVeltrackPercent, 1, 50),
                ],
                OffsetCc = [new(ModulationTarget.VolumeDb, 131, 200)], DelayCc = [new(ModulationTarget.VolumeDb, 135, 0.001)],
                AmpEnvelopeModulation = new EnvelopeModulation
                {
                    Dynamic = true, // ampeg_dynamic: CC 1 moves re-evaluate the running envelopes
                    Controllers =
                    [
                        new EnvelopeCc(EnvelopeParameter.Attack, 131, 0.01), new EnvelopeCc(EnvelopeParameter.Release, 133, 0.05),
                        new EnvelopeCc(EnvelopeParameter.Sustain, 1, -40) { Curve = MidiSampler.Formats.Sfz.SfzInstrumentBuilder.PredefinedCurve(4) },
                        new EnvelopeCc(EnvelopeParameter.Release, 1, 0.2), new EnvelopeCc(EnvelopeParameter.Decay, 1, 0.05),
                    ],
                },

                VoiceOptions = new RegionVoiceOptions { SustainController = 67, SustainLow = 10, SostenutoController = 69, SostenutoLow = 100 },
                FlexLfos =
                [
                    new FlexLfo
                    {
                        Number = 1, FrequencyHz = 3, CcDepths =
                        [
                            new(LfoCcTarget.PitchCents, 1, 50), new(LfoCcTarget.FrequencyHz, 129, 2), new(LfoCcTarget.VolumeDb, 131, 3),
                            new(LfoCcTarget.AmplitudePercent, 1, 20), new(LfoCcTarget.CutoffCents, 128, 600), new(LfoCcTarget.PanPercent, 135, 40),
                            new(LfoCcTarget.DelaySeconds, 131, 0.01), new(LfoCcTarget.FadeSeconds, 1, 0.02), new(LfoCcTarget.Phase, 136, 0.5),
                        ],
                    },
                ],
            },
        ];
        using var sampler = new Sampler(new SamplerConfig { MaxPolyphony = 96, MaxBlockFrames = 512, OutputChannels = outputChannels, Interpolation = mode });
        sampler.SetInstrument(0, new Instrument("mix", regions));
        sampler.SetInstrument(1, new Instrument("mix2", regions));
        sampler.SetInstruments([(8, 0, new Instrument("bank 8", regions)), (128, 0, new Instrument("kit", regions))]);
        var output = new float[block * outputChannels];
        var hostEvents = new MidiEvent[8];
        var random = new Random(7);
        byte[] pressure = [0xD0, 0], polyPressure = [0xA0, 60, 0];

        void RunBlock(int b)
        {
            // Control-thread events through the ring...
            if (b % 3 == 0)
                sampler.NoteOn(b % 4, 30 + random.Next(70), 1 + random.Next(127), random.Next(block));
            if (b % 3 == 1)
                sampler.NoteOff(b % 4, 30 + random.Next(70), random.Next(block));
            if (b % 17 == 0)
                sampler.ControlChange(b % 4, 7 + (b % 2 * 4), random.Next(128), random.Next(block));
            if (b % 29 == 0)
                sampler.ControlChange(b % 4, 64, b % 58 == 0 ? 127 : 0);
            if (b % 37 == 0)
                sampler.ControlChange(b % 4, 66, b % 74 == 0 ? 127 : 0); // sostenuto
            if (b % 53 == 0)
                sampler.ControlChange(b % 4, 2, random.Next(128)); // stop_locc2
            if (b % 31 == 0)
                sampler.PitchBend(b % 4, random.Next(16384));
            if (b % 97 == 0)
                sampler.ProgramChange(b % 4, b % 2);
            if (b % 13 == 0)
                sampler.ControlChange(b % 4, 1, random.Next(128), random.Next(block));
            if (b % 19 == 0)
            {
                pressure[1] = (byte)random.Next(128);
                sampler.SendMidi(pressure, random.Next(block)); // channel pressure
                polyPressure[1] = (byte)(30 + random.Next(70));
                polyPressure[2] = (byte)random.Next(128);
                sampler.SendMidi(polyPressure, random.Next(block));
            }

            if (b % 1000 == 999)
                sampler.ControlChange(b % 4, 123, 0);
            // Banks, effect sends, RPN tuning and resets.
            if (b % 41 == 0)
                sampler.ControlChange(b % 4, 0, b % 82 == 0 ? 8 : 0);
            if (b % 43 == 0)
                sampler.ControlChange(b % 4, 91 + (b % 2 * 2), random.Next(128));
            if (b % 47 == 0)
            {
                sampler.ControlChange(b % 4, 101, 0);
                sampler.ControlChange(b % 4, 100, 1 + (b % 2));
                sampler.ControlChange(b % 4, 6, random.Next(128));
            }

            if (b % 23 == 0)
                sampler.ControlChange(b % 4, 67 + (b % 3), random.Next(128)); // custom sustain (67) and sostenuto (69) pedals
            if (b % 19 == 0)
            {
                Span<byte> aftertouch = [(byte)(0xD0 | (b % 4)), (byte)random.Next(128)];
                sampler.SendMidi(aftertouch); // cc129
                Span<byte> keyPressure = [(byte)(0xA0 | (b % 4)), (byte)(30 + random.Next(70)), (byte)random.Next(128)];
                sampler.SendMidi(keyPressure); // cc130
            }

            if (b % 2_503 == 0)
                sampler.Send(MidiEvent.SysEx(0, SysExKind.GsReset));

            // ...and host events read in the callback.
            hostEvents[0] = MidiEvent.NoteOn(random.Next(block), 5, 40 + random.Next(40), 100);
            hostEvents[1] = MidiEvent.NoteOff(random.Next(block), 5, 40 + random.Next(40));
            hostEvents[2] = MidiEvent.NoteOn(random.Next(block), 9, 40 + random.Next(40), 100);
            hostEvents[3] = MidiEvent.ControlChange(random.Next(block), 9, 91, 100);
            sampler.Process(output, block, hostEvents.AsSpan(0, b % 2 == 0 ? 4 : 0));
        }

        var (allocated, gen0, gen1, gen2) = AllocationWindow.Measure(RunBlock, 2_000, 10_000);

        Assert.Equal(0, allocated);
        Assert.Equal(0, gen0);
        Assert.Equal(0, gen1);
        Assert.Equal(0, gen2);
        var stats = sampler.GetStats();
        Assert.True(stats.PeakVoices > 40, $"only {stats.PeakVoices} voices: the test did not load the engine");
        Assert.True(stats.StolenVoices > 0 || stats.PeakVoices >= 96);
        Assert.Equal(12_000L * block, stats.FramesProcessed);
        Assert.Equal(0, stats.DroppedEvents);
    }
}
