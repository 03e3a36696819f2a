using System.Runtime.InteropServices;
using MidiSampler.Formats;
using MidiSampler.Formats.Sf2;
using MidiSampler.Model;

namespace MidiSampler.Native;

/// <summary>The instrument functions of the C API. Control thread, except ms_instrument_get_program (any).</summary>
internal static unsafe partial class Exports
{
    /// <summary>ms_instrument_create. Control thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_instrument_create")]
    public static int InstrumentCreate(nint sampler, byte* name, nint* instrument)
    {
        try
        {
            if (instrument == null)
                return LastError.Fail(NativeStatus.NullArgument, "ms_instrument_create: instrument (the handle out) is NULL");
            *instrument = 0;
            if (Registry.Samplers.Get(sampler) is not { } s)
                return BadSampler("ms_instrument_create", sampler);
            var created = new NativeInstrument(s, name == null ? "" : Marshal.PtrToStringUTF8((nint)name) ?? "");
            int program = s.AssignProgram(created);
            if (program < 0)
                return LastError.Fail(NativeStatus.Limit, $"ms_instrument_create: the sampler already has {NativeSampler.MaxInstruments} instruments (one per MIDI program)");
            created.Program = program;
            nint handle = Registry.Instruments.Add(created);
            if (handle == 0)
            {
                s.ReleaseProgram(program);
                return LastError.Fail(NativeStatus.Limit, "ms_instrument_create: too many live instruments in this process");
            }

            created.Handle = handle;
            *instrument = handle;
            return 0;
        }
        catch (Exception e)
        {
            return Internal("ms_instrument_create", e);
        }
    }

    /// <summary>ms_instrument_load_sample: adds one mapped sample. Control thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_instrument_load_sample")]
    public static int InstrumentLoadSample(nint instrument, byte* path, SampleMapping* meta)
    {
        const string function = "ms_instrument_load_sample";
        try
        {
            if (Registry.Instruments.Get(instrument) is not { } target)
                return BadInstrument(function, instrument);
            if (path == null)
                return LastError.Fail(NativeStatus.NullArgument, $"{function}: path is NULL");
            string file = Marshal.PtrToStringUTF8((nint)path) ?? "";
            if (Directory.Exists(file))
                return LastError.Fail(NativeStatus.File, $"{function}: {file}: is a directory, not a sample file");
            Sample sample;
            try
            {
                sample = SampleFile.Load(file);
            }
            catch (Exception e) when (IsFileError(e))
            {
                return LastError.Fail(NativeStatus.File, $"{function}: {e.Message}");
            }

            Region region;
            try
            {
                var mapping = meta == null ? new SampleMapping { RootNote = -1 } : *meta;
                region = RegionMapping.Build(sample, file, mapping);
            }
            catch (ArgumentException e)
            {
                return LastError.Fail(NativeStatus.InvalidArgument, $"{function}: {file}: {e.Message}");
            }

            target.AddRegion(region);
            return 0;
        }
        catch (Exception e)
        {
            return Internal(function, e);
        }
    }

    /// <summary>ms_instrument_load_file: SFZ, SoundFont (first preset) or a single sample. Control thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_instrument_load_file")]
    public static int InstrumentLoadFile(nint instrument, byte* path) =>
        LoadWhole("ms_instrument_load_file", instrument, path, static file => InstrumentLoader.Load(file));

    /// <summary>ms_instrument_load_preset: one preset of a SoundFont. Control thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_instrument_load_preset")]
    public static int InstrumentLoadPreset(nint instrument, byte* path, int bank, int program)
    {
        if (bank is < 0 or > 128 || program is < 0 or > 127)
            return LastError.Fail(NativeStatus.InvalidArgument, $"ms_instrument_load_preset: bank {bank} / program {program} is outside 0..128 / 0..127");
        return LoadWhole("ms_instrument_load_preset", instrument, path, file => SoundFontLoader.Load(file, bank, program));
    }

    /// <summary>ms_instrument_get_program. Any thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_instrument_get_program")]
    public static int InstrumentGetProgram(nint instrument, int* program)
    {
        if (Registry.Instruments.Get(instrument) is not { } target)
            return LastError.Fail(NativeStatus.InvalidHandle, "ms_instrument_get_program: not a live instrument (NULL, never created, or destroyed)");
        if (program == null)
            return LastError.Fail(NativeStatus.NullArgument, "ms_instrument_get_program: program is NULL");
        *program = target.Program;
        return 0;
    }

    /// <summary>ms_instrument_destroy. Control thread.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ms_instrument_destroy")]
    public static int InstrumentDestroy(nint instrument)
    {
        try
        {
            if (Registry.Instruments.Remove(instrument) is not { } target)
                return BadInstrument("ms_instrument_destroy", instrument);
            target.Sampler.ReleaseProgram(target.Program);
            return 0;
        }
        catch (Exception e)
        {
            return Internal("ms_instrument_destroy", e);
        }
    }

    private static int LoadWhole(string function, nint instrument, byte* path, Func<string, Instrument> load)
    {
        try
        {
            if (Registry.Instruments.Get(instrument) is not { } target)
                return BadInstrument(function, instrument);
            if (path == null)
                return LastError.Fail(NativeStatus.NullArgument, $"{function}: path is NULL");
            string file = Marshal.PtrToStringUTF8((nint)path) ?? "";
            Instrument content;
            try
            {
                content = load(file);
            }
            catch (Exception e) when (IsFileError(e))
            {
                return LastError.Fail(NativeStatus.File, $"{function}: {e.Message}");
            }

            target.Install(content);
            return 0;
        }
        catch (Exception e)
        {
            return Internal(function, e);
        }
    }

    /// <summary>The failures of reading a file that are the file's fault or the caller's path, not the library's.</summary>
    private static bool IsFileError(Exception e) =>
        e is InstrumentLoadException or IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException
            or DllNotFoundException;
}
