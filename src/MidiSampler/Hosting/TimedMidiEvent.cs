using System.Runtime.InteropServices;
using MidiSampler.Engine;

namespace MidiSampler.Hosting;

/// <summary>A decoded MIDI event with the CLOCK_MONOTONIC time at which it arrived, in nanoseconds.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct TimedMidiEvent(long ArrivalNanoseconds, MidiEvent Event);
