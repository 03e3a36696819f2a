namespace MidiSampler.Cli.Commands.Check;

/// <summary>One line of the readiness report.</summary>
/// <param name="Id">Stable identifier (e.g. <c>limits.rtprio</c>), used by docs/realtime-linux.md.</param>
/// <param name="Status">The outcome.</param>
/// <param name="Found">What was found, with the values read.</param>
/// <param name="Fix">The exact change to make; empty when nothing is to be done.</param>
internal sealed record CheckResult(string Id, CheckStatus Status, string Found, string Fix = "")
{
    public static CheckResult Ok(string id, string found) => new(id, CheckStatus.Ok, found);

    public static CheckResult Warn(string id, string found, string fix) => new(id, CheckStatus.Warning, found, fix);

    public static CheckResult Fail(string id, string found, string fix) => new(id, CheckStatus.Failure, found, fix);

    public static CheckResult NotApplicable(string id, string found) => new(id, CheckStatus.NotApplicable, found);
}
