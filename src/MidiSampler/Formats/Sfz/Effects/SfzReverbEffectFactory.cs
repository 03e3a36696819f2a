using MidiSampler.Dsp.Effects;

namespace MidiSampler.Formats.Sfz.Effects;

/// <summary>
/// <c>type=fverb</c> (or <c>reverb</c>): <c>reverb_type</c> (small_room, mid_room, large_room, chamber, small_hall,
/// mid_hall, large_hall: the default size, 25..85), <c>reverb_size</c>, <c>reverb_damp</c> (default 30),
/// <c>reverb_tone</c> (default 100: bright), <c>reverb_input</c> (default 100), <c>reverb_wet</c> (default 100),
/// <c>reverb_dry</c> (default 0: a send effect; set 100 for a reverb on the main bus), all 0..100 with <c>_onccN</c>;
/// <c>reverb_predelay</c> in seconds (0..1, default 0) with <c>_onccN</c> in seconds. Control or loader thread.
/// </summary>
internal static class SfzReverbEffectFactory
{
    public static EffectSettings Prepare(SfzEffectOpcodes opcodes)
    {
        string? type = opcodes.Text("reverb_type")?.ToLowerInvariant();
        double size = type switch
        {
            "small_room" => 25,
            "mid_room" => 40,
            "large_room" => 55,
            "chamber" => 50,
            "small_hall" => 65,
            "mid_hall" => 75,
            null or "large_hall" => 85,
            _ => -1,
        };
        if (size < 0)
        {
            opcodes.Warn($"reverb_type={type} is not one of small_room, mid_room, large_room, chamber, small_hall, mid_hall, large_hall; using large_hall");
            size = 85;
        }

        var input = SfzEffectParameter.Read(opcodes, "reverb_input", 100, 0, 100);
        var dry = SfzEffectParameter.Read(opcodes, "reverb_dry", 0, 0, 100);
        var wet = SfzEffectParameter.Read(opcodes, "reverb_wet", 100, 0, 100);
        var sizePercent = SfzEffectParameter.Read(opcodes, "reverb_size", size, 0, 100);
        var damp = SfzEffectParameter.Read(opcodes, "reverb_damp", 30, 0, 100);
        var tone = SfzEffectParameter.Read(opcodes, "reverb_tone", 100, 0, 100);
        var predelay = SfzEffectParameter.Read(opcodes, "reverb_predelay", 0, 0, ReverbEffect.MaxPredelaySeconds);
        return new ReverbSettings(input, dry, wet, sizePercent, damp, tone, predelay);
    }
}
