using MidiSampler.Cli.Commands.Check;

namespace MidiSampler.Cli.Tests.Check;

public sealed class AlsaChecksTests
{
    [Fact]
    public void Cards_and_playback_devices_are_listed_and_a_usb_interface_is_named()
    {
        var view = new FakeSystemView();
        view.Files["/proc/asound/cards"] =
            " 0 [vc4hdmi0       ]: vc4-hdmi - vc4-hdmi-0\n                      vc4-hdmi-0\n 1 [Device         ]: USB-Audio - USB Audio Device\n                      C-Media Electronics Inc. USB Audio Device at usb-0000:01:00.0-1.3, full speed\n";
        view.Files["/proc/asound/pcm"] = "00-00: MAI PCM i2s-hifi-0 : MAI PCM i2s-hifi-0 : playback 1\n01-00: USB Audio : USB Audio : playback 1 : capture 1\n";
        var result = AlsaChecks.Cards(view);
        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Contains("card 1 'Device' (USB-Audio - USB Audio Device)", result.Found, StringComparison.Ordinal);
        Assert.Contains("hw:1,0 (USB Audio)", result.Found, StringComparison.Ordinal);
        Assert.Contains("hw:0,0", result.Found, StringComparison.Ordinal);
        Assert.Contains("a USB audio interface is present", result.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_kernel_sound_support_the_check_does_not_apply_and_says_why()
    {
        var result = AlsaChecks.Cards(new FakeSystemView());
        Assert.Equal(CheckStatus.NotApplicable, result.Status);
        Assert.Contains("/proc/asound", result.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_device_fails_naming_it_and_no_device_does_not_apply()
    {
        var result = AlsaChecks.Device("midi_sampler_no_such_pcm", 48_000, 128, 2);
        Assert.Equal(CheckStatus.Failure, result.Status);
        Assert.Contains("'midi_sampler_no_such_pcm'", result.Found, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.NotApplicable, AlsaChecks.Device(null, 48_000, 128, 2).Status);
    }
}
