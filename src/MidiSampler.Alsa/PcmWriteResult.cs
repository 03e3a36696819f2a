namespace MidiSampler.Alsa;

/// <summary>How a period's write to the device ended.</summary>
internal enum PcmWriteResult
{
    /// <summary>Every frame was written.</summary>
    Written,

    /// <summary>An underrun (or a suspend) happened; the device was recovered and the period written after it.</summary>
    RecoveredXrun,

    /// <summary>The device failed in a way recovery cannot fix (unplugged: ENODEV, EIO, EBADFD).</summary>
    DeviceLost,
}
