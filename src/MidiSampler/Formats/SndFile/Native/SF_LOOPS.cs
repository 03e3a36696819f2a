using System.Runtime.CompilerServices;

namespace MidiSampler.Formats.SndFile.Native;

#pragma warning disable CS8981, IDE1006, CA1815, IDE0044, IDE0051, S1144 // a fixed-size C array

/// <summary>The fixed array <c>loops[16]</c> of <c>SF_INSTRUMENT</c>.</summary>
[InlineArray(16)]
internal struct SF_LOOPS
{
    private SF_LOOP _first;
}
