using System.Globalization;
using System.Text.RegularExpressions;

namespace MidiSampler.Cli.Commands.Check;

/// <summary>The instrument's file system, interrupts of sound cards and USB controllers, power.</summary>
internal static partial class DeviceChecks
{
    public static CheckResult InstrumentFileSystem(ISystemView view, string? instrumentPath)
    {
        const string id = "fs.instrument";
        if (string.IsNullOrEmpty(instrumentPath))
            return CheckResult.NotApplicable(id, "no instrument path given (midi-sampler check PATH)");
        string? full = view.ResolvePath(instrumentPath);
        if (full is null)
            return CheckResult.Fail(id, $"{instrumentPath} does not exist", "give the path of an instrument file or folder");
        var mount = SystemFacts.Mounts(view)
            .Where(m => full == m.MountPoint || full.StartsWith(m.MountPoint.TrimEnd('/') + "/", StringComparison.Ordinal))
            .OrderByDescending(m => m.MountPoint.Length)
            .FirstOrDefault();
        if (mount.MountPoint is null)
            return CheckResult.NotApplicable(id, $"no mount found for {full} in /proc/mounts");
        string found = $"{full} is on {mount.Device} ({mount.Type}) mounted at {mount.MountPoint}";
        if (mount.Type is "nfs" or "nfs4" or "cifs" or "smb3" or "9p" or "sshfs" or "fuse.sshfs" or "davfs" or "fuse.rclone")
            return CheckResult.Warn(id, found + ": a network file system, whose delays while streaming samples are unbounded", "copy the instrument to a local disk");
        if (mount.Type is "vfat" or "exfat" or "ntfs" or "ntfs3" or "fuseblk" || mount.Type.StartsWith("fuse", StringComparison.Ordinal))
            return CheckResult.Warn(id, found + ": slow to read through this driver", "copy the instrument to an ext4 or xfs partition");
        if (mount.Device.StartsWith("/dev/mmcblk", StringComparison.Ordinal))
            return CheckResult.Warn(id, found + ": an SD card; loading is slow and streaming can stall on its write cycles", "keep instruments on a USB 3 SSD, or load them fully into RAM");
        if (mount.Options.Split(',').Contains("strictatime"))
            return CheckResult.Warn(id, found + ": strictatime turns every read into a write", "mount with 'noatime' (or the default 'relatime')");
        return CheckResult.Ok(id, found);
    }

    [GeneratedRegex(@"snd|hda|HDA|audio|Audio|ac97|i2s|I2S|pcm")]
    private static partial Regex SoundName();

    [GeneratedRegex(@"xhci|ehci|ohci|uhci|dwc_otg|dwc2|dwc3|usb")]
    private static partial Regex UsbName();

    public static CheckResult SoundIrqs(ISystemView view) =>
        Irqs(view, "irq.sound", "sound card", SoundName());

    public static CheckResult UsbIrqs(ISystemView view) =>
        Irqs(view, "irq.usb", "USB controller", UsbName());

    /// <summary>
    /// Finds the interrupt lines whose handler names match, and whether another device shares them
    /// (/proc/interrupts joins the handlers of a shared line with ", ").
    /// </summary>
    private static CheckResult Irqs(ISystemView view, string id, string what, Regex names)
    {
        string? text = view.ReadText("/proc/interrupts");
        if (text is null)
            return CheckResult.NotApplicable(id, "/proc/interrupts is unreadable");
        string[] lines = text.Split('\n');
        int cpus = lines.Length == 0 ? 0 : lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var found = new List<string>();
        var shared = new List<string>();
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < cpus + 2 || !f[0].EndsWith(':') || !int.TryParse(f[0][..^1], CultureInfo.InvariantCulture, out int irq))
                continue;

            // The handler names follow the counts, the chip name and the trigger ("... 1-edge xhci_hcd").
            string rest = string.Join(' ', f.Skip(1 + cpus));
            int trigger = TriggerEnd(rest);
            string handlers = trigger < 0 ? rest : rest[trigger..].Trim();
            if (!names.IsMatch(handlers))
                continue;
            string affinity = view.ReadText($"/proc/irq/{irq}/smp_affinity_list")?.Trim() ?? "?";
            string entry = $"IRQ {irq} ({handlers}) on CPUs {affinity}";
            found.Add(entry);
            if (handlers.Contains(", ", StringComparison.Ordinal))
                shared.Add(entry);
        }

        if (found.Count == 0)
            return CheckResult.NotApplicable(id, $"no {what} interrupt in /proc/interrupts");
        if (shared.Count > 0)
        {
            return CheckResult.Warn(id, $"shared: {string.Join("; ", shared)}",
                $"give the {what} a line of its own: another slot or USB port (on a different controller), or disable the other device; with threadirqs, raise the {what}'s IRQ thread priority (rtirq)");
        }

        return CheckResult.Ok(id, string.Join("; ", found));
    }

    private static int TriggerEnd(string rest)
    {
        foreach (string marker in (string[])["-edge ", "-level ", "-fasteoi ", " Edge ", " Level ", "-Edge ", "-Level "])
        {
            int i = rest.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (i >= 0)
                return i + marker.Length;
        }

        return -1;
    }

    public static CheckResult PowerSupply(ISystemView view)
    {
        const string id = "power.supply";
        var supplies = view.ListDirectory("/sys/class/power_supply");
        if (supplies is null || supplies.Count == 0)
            return CheckResult.NotApplicable(id, "no power supply information (a desktop, a server or a VM)");
        var mains = supplies.Where(s => view.ReadText($"/sys/class/power_supply/{s}/type")?.Trim() == "Mains").ToList();
        if (mains.Count == 0)
            return CheckResult.NotApplicable(id, "no mains adapter reported");
        bool online = mains.Any(s => view.ReadText($"/sys/class/power_supply/{s}/online")?.Trim() == "1");
        return online
            ? CheckResult.Ok(id, "on mains power")
            : CheckResult.Warn(id, "on battery: power saving may slow the CPU and USB", "plug in the power adapter before playing");
    }

    public static CheckResult Throttling(ISystemView view)
    {
        const string id = "power.throttling";
        string? text = view.ReadText("/sys/devices/platform/soc/soc:firmware/get_throttled")?.Trim();
        if (text is null)
            return CheckResult.NotApplicable(id, "no Raspberry Pi firmware throttling report");
        if (!int.TryParse(text.Replace("0x", "", StringComparison.OrdinalIgnoreCase), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int bits))
            return CheckResult.NotApplicable(id, $"unreadable throttling report '{text}'");

        // Bits as the Raspberry Pi firmware defines them (vcgencmd get_throttled): 0 under-voltage,
        // 1 frequency capped, 2 throttled, 3 soft temperature limit; bits 16-19 the same "has occurred".
        string Describe(int b) => string.Join(", ", new[] { "under-voltage", "frequency capped", "throttled", "soft temperature limit" }.Where((_, i) => (b & (1 << i)) != 0));
        if ((bits & 0xF) != 0)
            return CheckResult.Fail(id, $"now: {Describe(bits & 0xF)} (0x{bits:x})", "use the official power supply (5 V 3 A on a Pi 4, 5 V 5 A on a Pi 5), a short thick cable, a powered USB hub for the audio interface, and a heatsink or fan");
        if ((bits & 0xF0000) != 0)
            return CheckResult.Warn(id, $"since boot: {Describe(bits >> 16)} (0x{bits:x})", "check the power supply and cooling: it will happen again under load");
        return CheckResult.Ok(id, "no under-voltage or throttling since boot");
    }
}
