using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>The ARIA per-level gains (global_volume, master_amplitude, group_volume...), kept apart from the region's own.</summary>
internal sealed partial class SfzRegionDraft
{
    /// <summary>global_volume, master_volume, group_volume in dB, in that order.</summary>
    public double[] LevelVolumesDb { get; } = new double[3];

    /// <summary>global_amplitude, master_amplitude, group_amplitude in percent, in that order.</summary>
    public double[] LevelAmplitudesPercent { get; } = [100, 100, 100];

    /// <summary>
    /// Adds the level gains to a built region. ARIA applies each level's gain on top of the region's own volume and
    /// amplitude, so a region's <c>volume=</c> does not replace its group's <c>group_volume=</c>: dB add up and
    /// amplitude percentages multiply.
    /// </summary>
    public Region WithLevelGains(Region region)
    {
        double volumeDb = LevelVolumesDb[0] + LevelVolumesDb[1] + LevelVolumesDb[2];
        double amplitude = LevelAmplitudesPercent[0] * LevelAmplitudesPercent[1] * LevelAmplitudesPercent[2] / 10_000;
        return volumeDb == 0 && amplitude == 100
            ? region
            : region with { VolumeDb = region.VolumeDb + volumeDb, AmplitudePercent = region.AmplitudePercent * amplitude / 100 };
    }
}
