namespace MidiSampler.Formats.Wav;

/// <summary>The raw smpl-chunk fields the reader uses, before validation against the audio.</summary>
/// <param name="UnityNote">dwMIDIUnityNote (0 to 127 when valid).</param>
/// <param name="PitchFraction">dwMIDIPitchFraction: fraction of a semitone up, over 2^32.</param>
/// <param name="LoopCount">cSampleLoops as declared.</param>
/// <param name="HasLoop">True when the first loop record is present in the chunk.</param>
/// <param name="LoopType">The first loop's dwType (0 forward, 1 alternating, 2 backward).</param>
/// <param name="LoopStart">The first loop's dwStart, in frames.</param>
/// <param name="LoopEnd">The first loop's dwEnd, in frames, inclusive.</param>
internal readonly record struct SmplFields(uint UnityNote, uint PitchFraction, uint LoopCount, bool HasLoop, uint LoopType, uint LoopStart, uint LoopEnd);
