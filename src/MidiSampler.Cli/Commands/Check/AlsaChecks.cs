using System.Globalization;
using MidiSampler.Alsa;

namespace MidiSampler.Cli.Commands.Check;

/// <summary>
/// The ALSA facts: sound cards and their playback devices (from /proc/asound, as <c>aplay -l</c> shows them), whether
/// a USB audio interface is present, and whether a chosen device grants the period asked for (<c>check --device</c>).
/// </summary>
internal static class AlsaChecks
{
    /// <summary>Cards and their playback PCM devices; a USB interface named. Control thread.</summary>
    public static CheckResult Cards(ISystemView view)
    {
        const string id = "alsa-cards";
        string? cards = view.ReadText("/proc/asound/cards");
        if (cards is null)
            return CheckResult.NotApplicable(id, "no kernel sound support (/proc/asound missing): ALSA output needs a sound card or USB interface; JACK over the network (netJACK) still works");
        var names = new List<string>();
        bool usb = false;
        foreach (string line in cards.Split('\n'))
        {
            // " 1 [Device         ]: USB-Audio - USB Audio Device"
            int bracket = line.IndexOf('[', StringComparison.Ordinal);
            int colon = line.IndexOf("]:", StringComparison.Ordinal);
            if (bracket < 0 || colon < bracket)
                continue;
            string number = line[..bracket].Trim();
            string name = line[(bracket + 1)..colon].Trim();
            string driver = line[(colon + 2)..].Trim();
            usb |= driver.StartsWith("USB-Audio", StringComparison.Ordinal);
            names.Add($"card {number} '{name}' ({driver})");
        }

        if (names.Count == 0)
            return CheckResult.Warn(id, "no sound card", "connect a USB audio interface (class compliant) or enable the on-board audio (dtparam=audio=on on a Raspberry Pi)");
        var playback = new List<string>();
        foreach (string line in (view.ReadText("/proc/asound/pcm") ?? "").Split('\n'))
        {
            // "01-00: USB Audio : USB Audio : playback 1 : capture 1"
            if (!line.Contains("playback", StringComparison.Ordinal))
                continue;
            string[] parts = line.Split(':');
            string[] address = parts[0].Trim().Split('-');
            if (address.Length == 2 && int.TryParse(address[0], NumberStyles.None, CultureInfo.InvariantCulture, out int card)
                && int.TryParse(address[1], NumberStyles.None, CultureInfo.InvariantCulture, out int dev))
            {
                playback.Add($"hw:{card},{dev} ({(parts.Length > 1 ? parts[1].Trim() : "")})");
            }
        }

        string found = $"{string.Join("; ", names)}; playback devices: {(playback.Count == 0 ? "none" : string.Join(", ", playback))}";
        return usb
            ? CheckResult.Ok(id, found + "; a USB audio interface is present")
            : CheckResult.Ok(id, found + "; no USB audio interface");
    }

    /// <summary>Opens the chosen device as <c>play --audio alsa</c> would and reports what it grants. Control thread.</summary>
    public static CheckResult Device(string? device, int sampleRateHz, int periodFrames, int periods)
    {
        const string id = "alsa-device";
        if (device is null)
            return CheckResult.NotApplicable(id, "no --device given (check --device hw:1,0 --period 128 tests one)");
        try
        {
            var grant = AlsaDevices.Probe(device, sampleRateHz, periodFrames, periods);
            if (grant.PeriodFrames != periodFrames || grant.SampleRate != sampleRateHz)
            {
                return CheckResult.Warn(id, $"granted {grant}",
                    $"the device rounds to its own sizes: use --period {grant.PeriodFrames} --sample-rate {grant.SampleRate}, or a plughw: device");
            }

            return CheckResult.Ok(id, $"granted {grant}");
        }
        catch (AlsaException e)
        {
            return CheckResult.Fail(id, e.Message, "pick a device from `aplay -L`; stop what holds it (a JACK or PulseAudio server: `fuser -v /dev/snd/*`)");
        }
    }
}
