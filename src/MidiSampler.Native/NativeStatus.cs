namespace MidiSampler.Native;

/// <summary>The C API's status codes (ms_status_t in include/midi_sampler.h): 0 or a negative error.</summary>
internal enum NativeStatus
{
    /// <summary>MS_OK.</summary>
    Ok = 0,

    /// <summary>MS_ERROR_NULL_ARGUMENT: a required pointer was NULL.</summary>
    NullArgument = -1,

    /// <summary>MS_ERROR_INVALID_HANDLE: never created, already destroyed, or of the wrong kind.</summary>
    InvalidHandle = -2,

    /// <summary>MS_ERROR_INVALID_ARGUMENT: a value out of range.</summary>
    InvalidArgument = -3,

    /// <summary>MS_ERROR_FILE: a file is missing, unreadable or invalid.</summary>
    File = -4,

    /// <summary>MS_ERROR_QUEUE_FULL: the event ring was full; the event is dropped and counted.</summary>
    QueueFull = -5,

    /// <summary>MS_ERROR_BUSY: another thread was queuing on the same sampler at that instant.</summary>
    Busy = -6,

    /// <summary>MS_ERROR_LIMIT: a fixed limit was reached.</summary>
    Limit = -7,

    /// <summary>MS_ERROR_REALTIME: real-time scheduling or memory locking was refused.</summary>
    Realtime = -8,

    /// <summary>MS_ERROR_INTERNAL: an unexpected failure inside the library.</summary>
    Internal = -9,
}
