using System.Runtime.InteropServices;
using MidiSampler.Formats.SndFile.Native;

namespace MidiSampler.Formats.SndFile;

/// <summary>
/// Whether libsndfile can be loaded, and the error that says which package to install when it cannot. Any thread.
/// </summary>
/// <remarks>
/// Design: the check loads the library by name with <see cref="NativeLibrary.TryLoad(string, System.Reflection.Assembly, DllImportSearchPath?, out nint)"/>
/// before the first P/Invoke, so a missing library becomes one clear <see cref="InstrumentLoadException"/> instead of a
/// <see cref="DllNotFoundException"/> from deep inside a decode. Success is remembered; failure is not (installing the
/// package while the program runs then works on the next load). The P/Invokes keep their own default resolution: no
/// assembly-wide DllImportResolver is taken (there can be only one per assembly). Tests point the check at a name that
/// does not exist with <see cref="SimulateLibraryName"/>, which is async-local, so tests running in parallel on other
/// threads still see the real library.
/// </remarks>
internal static class SndFileLibrary
{
    /// <summary>The first words of the error when the library is missing: what needs it and what to install.</summary>
    public const string InstallHint = "FLAC/Ogg/AIFF samples need libsndfile: apt install libsndfile1";

    private static readonly AsyncLocal<string?> SimulatedName = new();
    private static int _loaded;

    /// <summary>True when libsndfile (or, in a test, the simulated name) can be loaded.</summary>
    public static bool IsAvailable => TryLoad(out _);

    /// <summary>Throws the install hint, naming <paramref name="filePath"/>, when libsndfile cannot be loaded.</summary>
    public static void EnsureAvailable(string filePath)
    {
        if (!TryLoad(out string? detail))
            throw Missing(filePath, detail, null);
    }

    /// <summary>The error for a missing library (or a missing entry point in a too old one), naming <paramref name="filePath"/>.</summary>
    public static InstrumentLoadException Missing(string filePath, string? detail, Exception? inner) =>
        new(filePath, "", detail is null ? InstallHint : $"{InstallHint} ({detail})", inner);

    /// <summary>For tests: until the result is disposed, this async flow looks for <paramref name="libraryName"/> instead of libsndfile.</summary>
    public static IDisposable SimulateLibraryName(string libraryName)
    {
        string? previous = SimulatedName.Value;
        SimulatedName.Value = libraryName;
        return new Restore(previous);
    }

    private static bool TryLoad(out string? detail)
    {
        detail = null;
        string? simulated = SimulatedName.Value;
        if (simulated is null && Volatile.Read(ref _loaded) != 0)
            return true;
        string name = simulated ?? LibSndFile.Library;
        // The handle stays loaded for the life of the process (the P/Invokes bind to the same library).
        if (NativeLibrary.TryLoad(name, typeof(SndFileLibrary).Assembly, null, out _))
        {
            if (simulated is null)
                Volatile.Write(ref _loaded, 1);
            return true;
        }

        detail = $"{name} could not be loaded";
        return false;
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => SimulatedName.Value = previous;
    }
}
