namespace MidiSampler.Remote;

/// <summary>An instrument file in the library: which root, its path below it, its size.</summary>
/// <param name="Root">Index of the library directory (<see cref="InstrumentLibrary.Roots"/>).</param>
/// <param name="Path">The path below the root, with '/' separators.</param>
/// <param name="Bytes">The file's size.</param>
public sealed record LibraryEntry(int Root, string Path, long Bytes);
