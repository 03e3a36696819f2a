namespace MidiSampler.Hosting;

/// <summary>What a <see cref="LiveCommands"/> operation did: success or not, a message for people, and the program slot it touched.</summary>
/// <param name="Ok">True when the command did what was asked.</param>
/// <param name="Message">One line for people: what happened, or why not (naming the file and the reason).</param>
/// <param name="Program">The program slot the command touched, when it touched one.</param>
/// <param name="Warnings">The loaded instrument's warnings (a missing sample, an unknown opcode), else empty.</param>
public sealed record CommandResult(bool Ok, string Message, int? Program = null, IReadOnlyList<string>? Warnings = null)
{
    /// <summary>A refusal with its reason.</summary>
    public static CommandResult Fail(string message) => new(false, message);
}
