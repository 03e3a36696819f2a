using System.Diagnostics;
using System.Text;
using MidiSampler.Formats;
using MidiSampler.Formats.Midi;
using MidiSampler.Formats.Sfz;
using MidiSampler.Formats.Wav;

namespace MidiSampler.Tests.Formats.Sfz;

/// <summary>
/// Issue 20, findings 1 and 3: an SFZ file that names a device, a FIFO or a huge file, or that doubles a variable
/// line after line, must end quickly with a diagnostic naming the file, the line and the reason.
/// </summary>
public sealed class SfzHostileFileTests
{
    [Fact]
    public void An_include_of_dev_zero_is_refused_as_a_device_and_the_rest_of_the_file_is_read()
    {
        var r = RecordingSfzListener.Parse("<region> key=60\n#include \"/dev/zero\"\n<region> key=62\n");

        var (location, message) = Assert.Single(r.Diagnostics);
        Assert.Equal(2, location.Line);
        Assert.Contains("/dev/zero", message, StringComparison.Ordinal);
        Assert.Contains("character device", message, StringComparison.Ordinal);
        Assert.Equal(["<region>", "key=60", "<region>", "key=62"], r.Events);
    }

    [Fact]
    public void A_root_file_that_is_a_device_is_an_InstrumentLoadException_naming_it()
    {
        var e = Assert.Throws<InstrumentLoadException>(() => SfzParser.ParseFile("/dev/zero", new RecordingSfzListener()));

        Assert.Equal("/dev/zero", e.FilePath);
        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_include_of_a_fifo_is_refused_without_blocking()
    {
        using var dir = new TempSfzDirectory();
        string fifo = Path.Combine(dir.Root, "pipe.sfz");
        MakeFifo(fifo);
        string root = dir.Write("root.sfz", "<region> key=60\n#include \"pipe.sfz\"\n");

        // Bounded so that a regression fails instead of hanging the suite: before the fix this never returned.
        var parse = Task.Run(() =>
        {
            var listener = new RecordingSfzListener();
            SfzParser.ParseFile(root, listener);
            return listener;
        });
        var listener = await parse.WaitAsync(TimeSpan.FromSeconds(30)); // TimeoutException if it blocked

        var (location, message) = Assert.Single(listener.Diagnostics);
        Assert.Equal(2, location.Line);
        Assert.Contains("FIFO", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_loader_refuses_a_fifo_by_name_instead_of_blocking()
    {
        using var dir = new TempSfzDirectory();
        (string Name, Func<string, object> Load)[] loaders =
        [
            ("pipe.mid", MidiFile.Load),
            ("pipe.wav", path => WavReader.Load(path, null)),
            ("pipe.flac", SampleFile.Load),
            ("pipe.sf2", path => InstrumentLoader.Load(path)),
            ("pipe.sfz", path => InstrumentLoader.Load(path)),
        ];
        foreach (var (name, loader) in loaders)
        {
            string fifo = Path.Combine(dir.Root, name);
            MakeFifo(fifo);
            Func<object> load = () => loader(fifo);
            var error = await Task.Run(() => Assert.Throws<InstrumentLoadException>(() => load())).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(fifo, error.FilePath);
            Assert.True(error.Message.Contains("FIFO", StringComparison.Ordinal), error.Message);
        }
    }

    [Fact]
    public void An_include_larger_than_the_cap_is_refused_by_size_without_being_read()
    {
        using var dir = new TempSfzDirectory();
        string big = Path.Combine(dir.Root, "big.sfz");
        using (var f = new FileStream(big, FileMode.Create))
            f.SetLength(SfzParser.MaxFileBytes + 1); // sparse: no disk used
        var r = RecordingSfzListener.Parse("#include \"big.sfz\"\n", Path.Combine(dir.Root, "root.sfz"));

        var (location, message) = Assert.Single(r.Diagnostics);
        Assert.Equal(1, location.Line);
        Assert.Contains($"more than {SfzParser.MaxFileBytes} bytes, the limit for an SFZ file", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_self_doubling_define_stops_the_load_once_the_expansion_budget_is_spent()
    {
        // The 320 KB amplifier: each line copies the 64 K value again.
        var text = new StringBuilder("#define $A x\n");
        int lines = 320 * 1024 / "#define $A $A$A\n".Length;
        for (int i = 0; i < lines; i++)
            text.Append("#define $A $A$A\n");
        text.Append("<region> sample=$A.wav\n");

        var r = RecordingSfzListener.Parse(text.ToString());

        var stop = Assert.Single(r.Diagnostics, d => d.Message.Contains("work in all", StringComparison.Ordinal));
        // 64 M characters of work at 64 K per line: the load stops near line 1000 of 20,000, whatever the machine.
        long perLine = SfzParser.MaxExpandedChars;
        Assert.InRange(stop.Location.Line, 2, (SfzParser.MaxExpansionWork / perLine) + 64);
        Assert.DoesNotContain("<region>", r.Events);
    }

    [Fact]
    public void Long_variable_names_are_charged_for_their_lookups()
    {
        // Names of every length up to 3000 and a value full of "$" followed by a long name: each "$" tries every
        // length (4.5 M characters hashed) before the value reaches its 64 K cap, the quadratic lookup the budget
        // must also count.
        var text = new StringBuilder();
        for (int len = 1; len <= 3000; len++)
            text.Append("#define $").Append('B', len - 1).Append("C v\n");
        string reference = "$" + new string('B', 3000);
        text.Append("<region> sample=").Append(string.Concat(Enumerable.Repeat(reference, 200))).Append('\n');

        var r = RecordingSfzListener.Parse(text.ToString());

        Assert.Contains(r.Diagnostics, d => d.Message.Contains("work in all", StringComparison.Ordinal));
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
