using System.Diagnostics;
using System.Text.Json;

namespace MidiSampler.Cli.Tests.Check;

/// <summary>The <c>check</c> command on this machine: stable, valid JSON, and the refusal path in a child process.</summary>
public sealed class CheckCommandTests
{
    private static (int Exit, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = Program.Run(args, output, error);
        return (exit, output + error.ToString());
    }

    private static Dictionary<string, string> Statuses(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("status").GetString()!, StringComparer.Ordinal);
    }

    [Fact]
    public void Report_is_valid_json_and_stable_across_runs()
    {
        var (exit1, first) = Run("check", "--json");
        var (exit2, second) = Run("check", "--json");
        var a = Statuses(first);
        Assert.Equal(a, Statuses(second));
        Assert.Equal(exit1, exit2);
        Assert.True(a.Count >= 20);
        Assert.All(a.Values, s => Assert.Contains(s, new[] { "ok", "warning", "failure", "not-applicable" }));
        Assert.Equal(a.ContainsValue("failure") ? 1 : 0, exit1);
        using var doc = JsonDocument.Parse(first);
        Assert.Equal(exit1 == 0, doc.RootElement.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public void Text_report_names_every_check_and_a_bad_priority_is_a_usage_error()
    {
        var (_, text) = Run("check", "/");
        Assert.Contains("limits.rtprio", text, StringComparison.Ordinal);
        Assert.Contains("fs.instrument", text, StringComparison.Ordinal);
        Assert.Equal(2, Run("check", "--priority", "0").Exit);
    }

    [Fact]
    public void Without_cap_sys_nice_and_rtprio_the_attempt_fails_and_names_the_fix()
    {
        // A child process as an unprivileged user would run it: RLIMIT_RTPRIO 0 and no CAP_SYS_NICE.
        string dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("prlimit") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["--rtprio=0", "capsh", "--drop=cap_sys_nice,cap_ipc_lock", "--", "-c", $"exec dotnet '{dll}' check --json"])
            start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return; // prlimit is part of util-linux; without it there is nothing to run
        }

        using (process)
        {
            string json = process.StandardOutput.ReadToEnd();
            string err = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(json.Length > 0, err);
            Assert.Equal(1, process.ExitCode);
            using var doc = JsonDocument.Parse(json);
            var sched = doc.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "rt.sched-fifo");
            Assert.Equal("failure", sched.GetProperty("status").GetString());
            Assert.Contains("EPERM", sched.GetProperty("found").GetString(), StringComparison.Ordinal);
            string fix = sched.GetProperty("fix").GetString()!;
            Assert.Contains("RLIMIT_RTPRIO is 0", fix, StringComparison.Ordinal);
            Assert.Contains("@audio - rtprio 95", fix, StringComparison.Ordinal);
            Assert.Contains("setcap cap_sys_nice,cap_ipc_lock+ep", fix, StringComparison.Ordinal);
            Assert.Contains("'dotnet' host", fix, StringComparison.Ordinal); // run through dotnet: do not setcap the shared host
        }
    }
}
