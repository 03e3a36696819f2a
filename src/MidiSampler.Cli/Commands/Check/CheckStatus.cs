namespace MidiSampler.Cli.Commands.Check;

/// <summary>The outcome of one readiness check.</summary>
internal enum CheckStatus
{
    /// <summary>Ready.</summary>
    Ok,

    /// <summary>Works, but can cause dropouts or costs latency.</summary>
    Warning,

    /// <summary>Prevents reliable real-time playing; the exit code is non-zero.</summary>
    Failure,

    /// <summary>The check does not apply here (a VM without cpufreq, no instrument given...).</summary>
    NotApplicable,
}
