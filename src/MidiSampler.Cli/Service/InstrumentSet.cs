using MidiSampler.Formats;
using MidiSampler.Model;

namespace MidiSampler.Cli.Service;

/// <summary>
/// The instruments <c>play</c> was given, as program slots: the files in command-line order, a directory
/// standing for its instrument files in name order (not recursive). Program i (bank 0) is the i-th file, except that a
/// SoundFont installs every preset at its own bank and program, as <c>render</c> does (the one rule of
/// <see cref="InstrumentLoader.LoadPrograms(string, int, Func{string, Instrument}, ISampleRangeLoader?)"/>).
/// </summary>
/// <remarks>
/// Design: the list is expanded again on every reload, so a file added to a watched directory becomes
/// the next program after SIGHUP. Loading allocates a lot (sample decoding); it runs on the caller's
/// thread, never the audio thread, and what it builds is installed afterwards with one swap per slot.
/// </remarks>
internal sealed class InstrumentSet
{
    /// <summary>What a directory contributes: the file kinds <see cref="InstrumentLoader"/> reads.</summary>
    private static readonly string[] InstrumentExtensions = [".sfz", ".sf2", ".sf3", ".wav", ".flac", ".ogg", ".aif", ".aiff"];

    private readonly string[] _arguments;
    private readonly Func<string, Instrument> _load;

    /// <summary>
    /// Keeps the command-line arguments (files or directories) and how one file is loaded (by default
    /// <see cref="InstrumentLoader.Load"/>; <c>play</c> loads through its sample store, which streams large
    /// instruments). Control thread.
    /// </summary>
    public InstrumentSet(IReadOnlyList<string> arguments, Func<string, Instrument>? load = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        _arguments = [.. arguments];
        _load = load ?? (path => InstrumentLoader.Load(path));
    }

    /// <summary>The instrument files, one per program, from the arguments as they are on disk now. Any thread.</summary>
    /// <exception cref="ArgumentException">A directory holds no instrument, or more than 128 programs result.</exception>
    public IReadOnlyList<string> Expand()
    {
        var files = new List<string>();
        foreach (string argument in _arguments)
        {
            if (!Directory.Exists(argument))
            {
                files.Add(argument); // a missing file is reported by the loader, with its name
                continue;
            }

            var found = Directory.EnumerateFiles(argument)
                .Where(f => InstrumentExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (found.Count == 0)
                throw new ArgumentException($"'{argument}' holds no instrument file ({string.Join(", ", InstrumentExtensions)})");
            files.AddRange(found);
        }

        if (files.Count > 128)
            throw new ArgumentException($"{files.Count} instruments given; programs go up to 128");
        return files;
    }

    /// <summary>Loads one file the way the set loads its own (through the sample store when <c>play</c> streams). Control thread.</summary>
    public Instrument LoadOne(string path) => _load(path);

    /// <summary>Loads every file; the first bad one throws (at startup nothing half-starts). Loader or control thread.</summary>
    /// <exception cref="InstrumentLoadException">A file cannot be loaded, or none of its regions can (every sample missing).</exception>
    public IReadOnlyList<InstrumentPrograms> LoadAll()
    {
        var files = Expand();
        var loaded = new InstrumentPrograms[files.Count];
        for (int i = 0; i < files.Count; i++)
            loaded[i] = Playable(InstrumentLoader.LoadPrograms(files[i], i, _load));
        return loaded;
    }

    /// <summary>Every slot the files fill, in file order (a later file wins a slot two files fill). Any thread.</summary>
    public static List<(int Bank, int Program, Instrument? Instrument)> Slots(IEnumerable<InstrumentPrograms?> files) =>
        [.. files.Where(f => f is not null).SelectMany(f => f!.Programs).Select(p => (p.Bank, p.Program, (Instrument?)p.Instrument))];

    /// <summary>
    /// An instrument whose regions all failed (each a warning: a missing sample, a bad opcode) would play silence as if
    /// all were well: that is an error, with the reasons (the first few warnings). A SoundFont with no playable preset
    /// is refused by the loader.
    /// </summary>
    private static InstrumentPrograms Playable(InstrumentPrograms loaded)
    {
        if (loaded.IsSoundFont)
            return loaded;
        var instrument = loaded.Programs[0].Instrument;
        if (instrument.Regions.Count > 0)
            return loaded;
        const int Shown = 5;
        string reasons = instrument.Warnings.Count == 0
            ? "it defines no region"
            : string.Join("; ", instrument.Warnings.Take(Shown)) + (instrument.Warnings.Count > Shown ? $"; and {instrument.Warnings.Count - Shown} more" : "");
        throw new InstrumentLoadException(loaded.Path, $"no region can play: {reasons}");
    }

    /// <summary>
    /// Loads every file for a reload. A file that fails keeps its slots' current instruments (null in the result) and
    /// adds an error: a typo saved mid-show must not silence a program. Loader thread.
    /// </summary>
    public (InstrumentPrograms?[] Loaded, IReadOnlyList<string> Errors) LoadForReload()
    {
        var errors = new List<string>();
        IReadOnlyList<string> files;
        try
        {
            files = Expand();
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return ([], [e.Message]);
        }

        var loaded = new InstrumentPrograms?[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            try
            {
                loaded[i] = Playable(InstrumentLoader.LoadPrograms(files[i], i, _load));
            }
            catch (InstrumentLoadException e)
            {
                errors.Add(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                errors.Add($"{files[i]}: {e.Message}");
            }
        }

        return (loaded, errors);
    }
}
