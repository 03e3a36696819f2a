namespace MidiSampler.Jack;

/// <summary>
/// What a <see cref="JackClient"/> calls back. Each member names the thread that calls it; the notifications do
/// nothing unless a processor cares (a capture or MIDI-sending client only processes).
/// </summary>
internal interface IJackProcessor
{
    /// <summary>One period. Audio thread (JACK's process thread): no allocation, lock, I/O or exception.</summary>
    /// <returns>0 to keep running (JACK's convention: non-zero deactivates the client).</returns>
    int Process(int frames);

    /// <summary>The server reported an xrun. JACK's notification thread.</summary>
    void OnXrun()
    {
    }

    /// <summary>The period is about to change to <paramref name="frames"/>. JACK's notification thread.</summary>
    void OnBufferSize(int frames)
    {
    }

    /// <summary>The server's sample rate is <paramref name="sampleRateHz"/> (also called once on registration). JACK's notification thread.</summary>
    void OnSampleRate(int sampleRateHz)
    {
    }

    /// <summary>The server shut down or dropped this client. A JACK thread; the client can only be closed afterwards.</summary>
    void OnShutdown(string reason)
    {
    }
}
