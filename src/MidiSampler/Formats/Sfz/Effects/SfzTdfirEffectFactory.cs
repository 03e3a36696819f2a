using MidiSampler.Dsp.Effects;
using MidiSampler.Formats.Wav;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// <c>type=tdfir</c> (SFZ v2, Cakewalk's time-domain FIR): <c>tdfir_impulse</c> names a WAV file holding the impulse
/// response (mono, or stereo for a response per side), <c>tdfir_wet</c> and <c>tdfir_dry</c> its levels in percent
/// (defaults 100 and 0: an insert such as a cabinet or body response) with <c>_onccN</c> depths, <c>tdfir_gain</c> the
/// impulse's gain in percent (default 100). The file is found as a sample is (relative to the SFZ file, any case of its
/// name). An impulse longer than <see cref="EngineLimits.MaxFirTaps"/> taps at the output rate is cut there (reported).
/// Control or loader thread.
/// </summary>
internal static class SfzTdfirEffectFactory
{
    public static EffectSettings? Prepare(SfzEffectOpcodes opcodes, Func<string, string?>? resolvePath)
    {
        string? name = opcodes.Text("tdfir_impulse");
        if (string.IsNullOrWhiteSpace(name))
        {
            opcodes.Warn("<effect> type=tdfir has no tdfir_impulse; the header is skipped");
            return null;
        }

        string? path = resolvePath?.Invoke(name.Trim());
        if (path is null)
        {
            opcodes.Warn($"tdfir_impulse '{name}' is not found; the header is skipped");
            return null;
        }

        Model.Sample impulse;
        try
        {
            impulse = WavReader.Load(path);
        }
        catch (InstrumentLoadException e)
        {
            opcodes.Warn($"tdfir_impulse '{name}' cannot be read ({e.Message}); the header is skipped");
            return null;
        }
        catch (IOException e)
        {
            opcodes.Warn($"tdfir_impulse '{name}' cannot be read ({e.Message}); the header is skipped");
            return null;
        }

        try
        {
            var left = new float[impulse.FrameCount];
            var right = impulse.Channels > 1 ? new float[impulse.FrameCount] : left;
            for (int i = 0; i < impulse.FrameCount; i++)
            {
                left[i] = impulse[i, 0];
                if (impulse.Channels > 1)
                    right[i] = impulse[i, 1];
            }

            if (impulse.Channels > 2)
                opcodes.Warn($"tdfir_impulse '{name}' has {impulse.Channels} channels; the first two are used");
            double seconds = (double)EngineLimits.MaxFirTaps / 48_000;
            if (impulse.FrameCount > EngineLimits.MaxFirTaps * (impulse.SampleRate / 48_000.0))
                opcodes.Warn($"tdfir_impulse '{name}' is {impulse.DurationSeconds * 1000:0.#} ms; only its first {EngineLimits.MaxFirTaps} taps at the output rate "
                    + $"({seconds * 1000:0.#} ms at 48 kHz) are used");

            return new FirSettings(left, right, impulse.SampleRate,
                SfzEffectParameter.Read(opcodes, "tdfir_wet", 100, 0, 100),
                SfzEffectParameter.Read(opcodes, "tdfir_dry", 0, 0, 100),
                opcodes.Number("tdfir_gain", 100, 0, 100));
        }
        finally
        {
            impulse.ReleaseMemory();
        }
    }
}
