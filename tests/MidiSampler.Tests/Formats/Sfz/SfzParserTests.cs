using MidiSampler.Formats;
using MidiSampler.Formats.Sfz;

namespace MidiSampler.Tests.Formats.Sfz;

public sealed class SfzParserTests
{
    [Fact]
    public void Headers_and_opcodes_are_reported_in_order_with_lines_and_columns()
    {
        var r = RecordingSfzListener.Parse("<global> volume=-6\n<group>\n  lokey=60 hikey=62\n<region> sample=a.wav\n");

        Assert.Equal(["<global>", "volume=-6", "<group>", "lokey=60", "hikey=62", "<region>", "sample=a.wav"], r.Events);
        Assert.Empty(r.Diagnostics);
        Assert.Equal(new SfzLocation("/virtual/test.sfz", 1, 1), r.Headers[0].Location);
        Assert.Equal(new SfzLocation("/virtual/test.sfz", 1, 10), r.Opcodes[0].Location);
        Assert.Equal(new SfzLocation("/virtual/test.sfz", 3, 3), r.Opcodes[1].Location);
        Assert.Equal(new SfzLocation("/virtual/test.sfz", 3, 12), r.Opcodes[2].Location);
        Assert.Equal(4, r.Opcodes[3].Location.Line);
    }

    [Fact]
    public void All_spec_headers_are_recognised_and_names_are_lower_cased()
    {
        var r = RecordingSfzListener.Parse("<control><global><master><group><region><curve><effect><sample><midi><REGION>");

        Assert.Equal(["control", "global", "master", "group", "region", "curve", "effect", "sample", "midi", "region"],
            r.Headers.Select(h => h.Name));
        Assert.Empty(r.Diagnostics);
    }

    [Fact]
    public void Sample_names_keep_spaces_hashes_and_backslashes_until_the_next_opcode()
    {
        var r = RecordingSfzListener.Parse(
            "<region> sample=Common\\Banjo_Common - F#3.wav lokey=42 hikey=42\n<region>sample=My Piano  C4 #2.wav\t\n");

        Assert.Equal(["<region>", "sample=Common\\Banjo_Common - F#3.wav", "lokey=42", "hikey=42", "<region>", "sample=My Piano  C4 #2.wav"], r.Events);
        Assert.Empty(r.Diagnostics);
    }

    [Fact]
    public void A_value_ends_at_a_comment_or_a_header_on_the_same_line()
    {
        var r = RecordingSfzListener.Parse("<region>sample=a b.wav // the a\n<region>sample=c.wav<region>sample=d.wav /* x */ key=60");

        Assert.Equal(["<region>", "sample=a b.wav", "<region>", "sample=c.wav", "<region>", "sample=d.wav", "key=60"], r.Events);
    }

    [Fact]
    public void Comments_are_skipped_and_block_comments_keep_line_numbers()
    {
        var r = RecordingSfzListener.Parse("// <region> sample=x.wav\n/* line 2\n<region> sample=y.wav\n line 4 */ <group> /**/ key=c4\n");

        Assert.Equal(["<group>", "key=c4"], r.Events);
        Assert.Equal(4, r.Headers[0].Location.Line);
        Assert.Equal(12, r.Headers[0].Location.Column);
        Assert.Empty(r.Diagnostics);
    }

    [Fact]
    public void Crlf_and_cr_line_ends_and_a_bom_are_handled()
    {
        var r = RecordingSfzListener.Parse("\uFEFF<region>\r\nsample=a b.wav\r\nkey=60\rlovel=5\r\n");

        Assert.Equal(["<region>", "sample=a b.wav", "key=60", "lovel=5"], r.Events);
        Assert.Equal(new SfzLocation("/virtual/test.sfz", 1, 1), r.Headers[0].Location);
        Assert.Equal([2, 3, 4], r.Opcodes.Select(o => o.Location.Line));
        Assert.Empty(r.Diagnostics);
    }

    [Fact]
    public void A_bom_in_a_file_is_not_part_of_the_first_header()
    {
        using var dir = new TempSfzDirectory();
        string path = Path.Combine(dir.Root, "bom.sfz");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "<region>key=1\r\n"u8.ToArray()]);
        var r = new RecordingSfzListener();

        SfzParser.ParseFile(path, r);

        Assert.Equal(["<region>", "key=1"], r.Events);
        Assert.Empty(r.Diagnostics);
    }

    [Fact]
    public void Garbage_is_reported_with_line_and_parsing_continues()
    {
        var r = RecordingSfzListener.Parse("<region>\nthis is not sfz\nkey=60 = junk\u0001 lovel=3\n");

        Assert.Equal(["<region>", "key=60 = junk\u0001", "lovel=3"], r.Events);
        Assert.Equal([2, 2, 2, 2], r.Diagnostics.Select(d => d.Location.Line));
        Assert.Contains(r.Diagnostics, d => d.Message.Contains("'this'", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_and_malformed_headers_are_reported_but_unknown_ones_still_open_a_scope()
    {
        var r = RecordingSfzListener.Parse("<region>key=1\n<bogus> key=2\n< re gion >\n<>");

        Assert.Equal(["<region>", "key=1", "<bogus>", "key=2"], r.Events);
        Assert.Contains(r.Diagnostics, d => d.Location.Line == 2 && d.Message.Contains("unknown header <bogus>", StringComparison.Ordinal));
        Assert.Contains(r.Diagnostics, d => d.Location.Line == 3 && d.Message.Contains("malformed", StringComparison.Ordinal));
        Assert.Contains(r.Diagnostics, d => d.Location.Line == 4 && d.Message.Contains("malformed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<region")]
    [InlineData("<region key=60\n")]
    [InlineData("key=1 <reg")]
    public void Unterminated_headers_give_a_diagnostic_not_an_exception(string text)
    {
        var r = RecordingSfzListener.Parse(text);

        Assert.DoesNotContain(r.Headers, h => h.Name.StartsWith("reg", StringComparison.Ordinal));
        Assert.Contains(r.Diagnostics, d => d.Message.Contains("unterminated header", StringComparison.Ordinal) && d.Location.Line == 1);
    }

    [Fact]
    public void Unterminated_block_comment_is_reported_at_its_start()
    {
        var r = RecordingSfzListener.Parse("<region>\n/* open\n<region>");

        Assert.Equal(["<region>"], r.Events);
        Assert.Equal(2, Assert.Single(r.Diagnostics).Location.Line);
    }

    [Fact]
    public void Defines_are_substituted_in_values_names_and_later_defines()
    {
        var r = RecordingSfzListener.Parse(
            "#define $KEY 60\n#define $OP lokey\n#define $PATH Common\\$KEY // comment\n<region>sample=$PATH.wav $OP=$KEY hikey=$KEYa $UNDEF=1");

        Assert.Equal(["<region>", "sample=Common\\60.wav", "lokey=60", "hikey=60a", "$UNDEF=1"], r.Events);
        Assert.Contains(r.Diagnostics, d => d.Message.Contains("undefined variable '$UNDEF'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shortest_defined_name_wins_as_in_aria_and_sfizz()
    {
        // sfizz's Parser::expandDollarVars (marked "ARIA") reads characters after '$' until they name a known variable:
        // with $A and $AB both defined, "$AB" is $A's value followed by "B", whatever the order of the defines.
        var r = RecordingSfzListener.Parse(
            "#define $AB 20\n#define $A 1\n#define $VEL 90\n<region> lokey=$AB hivel=$VEL sample=$A$AB.wav pitch_keycenter=$ABC");

        Assert.Equal(["<region>", "lokey=1B", "hivel=90", "sample=11B.wav", "pitch_keycenter=1BC"], r.Events);
    }

    [Fact]
    public void Bad_directives_are_reported_with_their_line()
    {
        var r = RecordingSfzListener.Parse("<region>\n#define KEY 60\n#include nofile.sfz\n#pragma once\n#include \"missing.sfz\"\nkey=1");

        Assert.Equal(["<region>", "key=1"], r.Events);
        Assert.Equal([2, 3, 4, 5], r.Diagnostics.Select(d => d.Location.Line));
    }

    [Fact]
    public void Includes_are_expanded_in_place_relative_to_the_root_file_with_their_own_locations()
    {
        using var dir = new TempSfzDirectory();
        dir.Write("inc/common.sfz", "<group> volume=-3\n#include \"inc/leaf.sfz\"\n");
        dir.Write("inc/leaf.sfz", "\n<region> sample=x.wav\n");
        string root = dir.Write("root.sfz", "#define $DIR inc\n<control>\n#include \"$DIR\\Common.SFZ\"\n<region> sample=y.wav\n");
        var r = new RecordingSfzListener();

        SfzParser.ParseFile(root, r);

        Assert.Equal(["<control>", "<group>", "volume=-3", "<region>", "sample=x.wav", "<region>", "sample=y.wav"], r.Events);
        Assert.EndsWith("leaf.sfz", r.Headers[2].Location.FilePath, StringComparison.Ordinal);
        Assert.Equal(2, r.Headers[2].Location.Line);
        Assert.Equal(root, r.Headers[3].Location.FilePath);
        Assert.Empty(r.Diagnostics);
    }

    [Fact]
    public void Include_cycles_are_broken_and_reported()
    {
        using var dir = new TempSfzDirectory();
        dir.Write("b.sfz", "<region> sample=b.wav\n#include \"a.sfz\"\n");
        string a = dir.Write("a.sfz", "<region> sample=a.wav\n#include \"b.sfz\"\n#include \"a.sfz\"\n");
        var r = new RecordingSfzListener();

        SfzParser.ParseFile(a, r);

        Assert.Equal(["<region>", "sample=a.wav", "<region>", "sample=b.wav"], r.Events);
        Assert.Equal(2, r.Diagnostics.Count(d => d.Message.Contains("cycle", StringComparison.Ordinal)));
    }

    [Fact]
    public void Include_depth_is_limited()
    {
        using var dir = new TempSfzDirectory();
        for (int i = 0; i < SfzParser.MaxIncludeDepth + 5; i++)
            dir.Write($"f{i}.sfz", $"<region> key={i % 128}\n#include \"f{i + 1}.sfz\"\n");
        var r = new RecordingSfzListener();

        SfzParser.ParseFile(Path.Combine(dir.Root, "f0.sfz"), r);

        Assert.Equal(SfzParser.MaxIncludeDepth + 1, r.Headers.Count);
        Assert.Contains(r.Diagnostics, d => d.Message.Contains("deeper than", StringComparison.Ordinal));
    }

    [Fact]
    public void Exponential_define_growth_is_truncated()
    {
        var lines = new List<string> { "#define $A xxxxxxxxxxxxxxxx" };
        for (int i = 0; i < 40; i++)
            lines.Add("#define $A $A$A");
        lines.Add("<region> sample=$A");

        var r = RecordingSfzListener.Parse(string.Join('\n', lines));

        Assert.True(r.Opcodes[0].Value.Length <= SfzParser.MaxExpandedChars);
        Assert.Contains(r.Diagnostics, d => d.Message.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void Long_runs_of_blanks_in_a_value_parse_in_linear_time()
    {
        string text = "<region> sample=a" + new string(' ', 2_000_000) + "b.wav key=60";
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var r = RecordingSfzListener.Parse(text);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal("key=60", r.Events[^1]);
    }

    [Fact]
    public void Diagnostics_per_file_are_capped()
    {
        var r = RecordingSfzListener.Parse(string.Concat(Enumerable.Repeat("junk ", 10_000)));

        Assert.Equal(SfzParser.MaxDiagnosticsPerFile + 1, r.Diagnostics.Count);
    }

    [Fact]
    public void A_missing_or_unreadable_file_is_an_InstrumentLoadException_naming_it()
    {
        using var dir = new TempSfzDirectory();
        string missing = Path.Combine(dir.Root, "nope.sfz");

        var e = Assert.Throws<InstrumentLoadException>(() => SfzParser.ParseFile(missing, new RecordingSfzListener()));
        var d = Assert.Throws<InstrumentLoadException>(() => SfzParser.ParseFile(dir.Root, new RecordingSfzListener()));

        Assert.Equal(missing, e.FilePath);
        Assert.Contains("no such file", e.Message, StringComparison.Ordinal);
        Assert.Contains("directory", d.Message, StringComparison.Ordinal);
    }
}
