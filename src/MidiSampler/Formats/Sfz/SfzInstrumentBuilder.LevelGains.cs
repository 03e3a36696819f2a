namespace MidiSampler.Formats.Sfz;

/// <summary>The ARIA per-level gain opcodes; see <see cref="SfzRegionDraft.WithLevelGains"/>.</summary>
internal sealed partial class SfzInstrumentBuilder
{
    /// <summary>
    /// Reads global_/master_/group_volume (dB, -144..48 like volume) and global_/master_/group_amplitude (0..100 %).
    /// Community libraries balance their articulations and GM programs with them (a GM bank sets master_volume per
    /// program, a piano sets group_volume=-11 on its resonance layer). Returns false for other opcodes.
    /// </summary>
    private bool ApplyLevelGain(SfzRegionDraft d, SfzOpcode op)
    {
        int level = op.Name switch
        {
            "global_volume" or "global_amplitude" => 0,
            "master_volume" or "master_amplitude" => 1,
            "group_volume" or "group_amplitude" => 2,
            _ => -1,
        };
        if (level < 0)
            return false;
        if (op.Name.EndsWith("_volume", StringComparison.Ordinal))
            d.LevelVolumesDb[level] = Clamped(op, -144, 48, d.LevelVolumesDb[level]);
        else
            d.LevelAmplitudesPercent[level] = Clamped(op, 0, 100, d.LevelAmplitudesPercent[level]);
        return true;
    }
}
