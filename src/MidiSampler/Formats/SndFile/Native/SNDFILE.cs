namespace MidiSampler.Formats.SndFile.Native;

#pragma warning disable CS8981, IDE1006 // the C type name is kept exactly

/// <summary>Opaque <c>SNDFILE</c> (sndfile.h): only ever used through a pointer.</summary>
internal struct SNDFILE;
