namespace MidiSampler.Alsa.Tests.TestSupport;

/// <summary>
/// A fact that needs the kernel's ALSA sequencer (/dev/snd/seq, the snd-seq module): skipped with the reason where it
/// cannot be opened (containers and CI machines without sound support), run everywhere else.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SequencerFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when /dev/snd/seq does not open.</summary>
    public SequencerFactAttribute()
    {
        const string device = "/dev/snd/seq";
        try
        {
            using var probe = new FileStream(device, FileMode.Open, FileAccess.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Skip = $"the ALSA sequencer cannot be opened here ({device}: {e.Message}); load snd-seq (modprobe snd-seq) to run it";
        }
    }
}
