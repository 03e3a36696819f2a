namespace MidiSampler.Streaming;

/// <summary>
/// A sample played backwards (SFZ direction=reverse): frame f is the file's frame N-1-f, so a range is read as the
/// mirrored range of the file and its frames reversed in place. Voices then play it forwards, as they do the reversed
/// copy of an in-RAM sample. One thread at a time.
/// </summary>
internal sealed class ReversedStreamSource(StreamSource inner)
    : StreamSource(inner.Name + " (reversed)", inner.SampleRate, inner.Channels, inner.FrameCount, Model.SampleMetadata.None)
{
    public override bool IsOpen => inner.IsOpen;

    public override int ScratchBytes(int frames) => inner.ScratchBytes(frames);

    public override Model.SampleFormat Format => inner.Format;

    public override void Read(long firstFrame, int frames, Span<byte> destination, byte[] scratch)
    {
        inner.Read(FrameCount - firstFrame - frames, frames, destination, scratch);
        int frameBytes = FrameBytes;
        Span<byte> swap = stackalloc byte[8];
        swap = swap[..frameBytes];
        for (int a = 0, b = frames - 1; a < b; a++, b--)
        {
            var x = destination.Slice(a * frameBytes, frameBytes);
            var y = destination.Slice(b * frameBytes, frameBytes);
            x.CopyTo(swap);
            y.CopyTo(x);
            swap.CopyTo(y);
        }
    }

    public override void Close() => inner.Close();
}
