# NixOS module: services.midi-sampler runs the sampler headless as a systemd service with the
# limits real-time audio needs (see docs/realtime-linux.md, checks limits.rtprio and limits.memlock).
self:
{ config, lib, pkgs, ... }:
let
  cfg = config.services.midi-sampler;
  inherit (lib) mkOption mkEnableOption mkIf types;
in
{
  options.services.midi-sampler = {
    enable = mkEnableOption "the midi-sampler real-time sampler";

    package = mkOption {
      type = types.package;
      default = self.packages.${pkgs.stdenv.hostPlatform.system}.default;
      description = "The midi-sampler package.";
    };

    user = mkOption {
      type = types.str;
      default = "midi-sampler";
      description = "User the service runs as; it is put in the audio group.";
    };

    rtPriority = mkOption {
      type = types.ints.between 1 98;
      default = 70;
      description = "SCHED_FIFO priority of the audio thread; JACK runs one above it.";
    };

    instrument = mkOption {
      type = types.path;
      description = "The instrument to load (SFZ, SF2 or WAV).";
    };

    jack = {
      enable = mkOption {
        type = types.bool;
        default = true;
        description = "Start a JACK server for the sampler.";
      };
      device = mkOption {
        type = types.str;
        default = "hw:0";
        description = "ALSA device JACK opens (jackd -d alsa -d DEVICE).";
      };
      sampleRate = mkOption {
        type = types.int;
        default = 48000;
        description = "Sample rate (jackd -r).";
      };
      periodFrames = mkOption {
        type = types.int;
        default = 128;
        description = "Frames per period (jackd -p); latency is about periodFrames * periods / sampleRate.";
      };
      periods = mkOption {
        type = types.int;
        default = 2;
        description = "Periods per buffer (jackd -n).";
      };
      midi = mkOption {
        type = types.enum [ "seq" "raw" "none" ];
        default = "seq";
        description = "ALSA MIDI bridge of the JACK ALSA driver (jackd -d alsa -X ...): seq makes USB keyboards physical JACK MIDI ports, which --connect connects.";
      };
    };

    connect = mkOption {
      type = types.bool;
      default = true;
      description = "Pass --connect: outputs to the physical playback ports and every physical MIDI source to midi_in (it warns when there is none).";
    };

    startTimeoutSec = mkOption {
      type = types.int;
      default = 300;
      description = "How long systemd waits for READY=1 (big instruments take a while to decode before the sampler is ready).";
    };

    remote = {
      web = mkOption {
        type = types.nullOr types.str;
        default = null;
        example = "127.0.0.1:8080";
        description = "Serve the web panel and JSON API on ADDRESS:PORT (play --web; docs/remote.md). Any address but the loopback requires the token.";
      };
      osc = mkOption {
        type = types.nullOr types.str;
        default = null;
        example = "127.0.0.1:9000";
        description = "Receive OSC over UDP on [ADDRESS:]PORT (play --osc). Any address but the loopback requires /ms/auth with the token.";
      };
      library = mkOption {
        type = types.listOf types.path;
        default = [ ];
        description = "Directories the panel and OSC may load instruments from (play --library); default: the instrument's own directory.";
      };
      tokenFile = mkOption {
        type = types.nullOr types.path;
        default = null;
        description = "File holding the remote token (play --token-file). Default: generated at first start into /var/lib/midi-sampler-remote/remote-token.";
      };
      openFirewall = mkOption {
        type = types.bool;
        default = false;
        description = "Open the web (TCP) and OSC (UDP) ports in the firewall (only useful with a non-loopback address).";
      };
    };

    extraArgs = mkOption {
      type = types.listOf types.str;
      default = [ ];
      description = "Extra command-line arguments for midi-sampler.";
    };
  };

  config = mkIf cfg.enable {
    networking.firewall = mkIf cfg.remote.openFirewall {
      allowedTCPPorts = lib.optional (cfg.remote.web != null) (lib.toInt (lib.last (lib.splitString ":" cfg.remote.web)));
      allowedUDPPorts = lib.optional (cfg.remote.osc != null) (lib.toInt (lib.last (lib.splitString ":" cfg.remote.osc)));
    };

    users.users.${cfg.user} = {
      isSystemUser = true;
      group = cfg.user;
      extraGroups = [ "audio" ];
    };
    users.groups.${cfg.user} = { };

    # Real-time limits for interactive use too (PAM); services get theirs from the unit below.
    security.pam.loginLimits = [
      { domain = "@audio"; type = "-"; item = "rtprio"; value = "95"; }
      { domain = "@audio"; type = "-"; item = "memlock"; value = "unlimited"; }
    ];

    systemd.services.midi-sampler-jackd = mkIf cfg.jack.enable {
      description = "JACK server for midi-sampler";
      wantedBy = [ "multi-user.target" ];
      after = [ "sound.target" ];
      # Without a D-Bus session (a service) jackd cannot reserve the card through D-Bus and would fail to start.
      environment.JACK_NO_AUDIO_RESERVATION = "1";
      serviceConfig = {
        User = cfg.user;
        ExecStart = "${pkgs.jack2}/bin/jackd -R -P ${toString (cfg.rtPriority + 1)} -d alsa -d ${cfg.jack.device}"
          + " -r ${toString cfg.jack.sampleRate} -p ${toString cfg.jack.periodFrames} -n ${toString cfg.jack.periods}"
          + lib.optionalString (cfg.jack.midi != "none") " -X ${cfg.jack.midi}";
        LimitRTPRIO = 95;
        LimitMEMLOCK = "infinity";
        Restart = "on-failure";
      };
    };

    systemd.services.midi-sampler = {
      description = "midi-sampler real-time sampler";
      documentation = [ "file://${cfg.package}/lib/midi-sampler/docs/jack.md" ];
      wantedBy = [ "multi-user.target" ];
      # Wants= with After=, not Requires=: Requires= would stop the sampler with every JACK restart, so --reconnect
      # could never act; with Wants= it keeps its instruments loaded and reconnects when JACK is back.
      wants = lib.optional cfg.jack.enable "midi-sampler-jackd.service";
      after = [ "sound.target" ] ++ lib.optional cfg.jack.enable "midi-sampler-jackd.service";
      environment.JACK_NO_START_SERVER = "1";
      serviceConfig = {
        # play tells systemd when it is ready (sd_notify READY=1 once the JACK client runs) and reloads on SIGHUP.
        Type = "notify";
        NotifyAccess = "main";
        ExecReload = "${pkgs.coreutils}/bin/kill -HUP $MAINPID";
        User = cfg.user;
        ExecStartPre = "-${cfg.package}/bin/midi-sampler check ${cfg.instrument}";
        ExecStart = lib.escapeShellArgs ([ "${cfg.package}/bin/midi-sampler" "play" "--no-start-server" "--reconnect" "--rt-priority" (toString cfg.rtPriority) ]
          ++ lib.optional cfg.connect "--connect"
          ++ lib.optionals (cfg.remote.web != null) [ "--web" cfg.remote.web ]
          ++ lib.optionals (cfg.remote.osc != null) [ "--osc" cfg.remote.osc ]
          ++ lib.concatMap (d: [ "--library" (toString d) ]) cfg.remote.library
          ++ lib.optionals (cfg.remote.tokenFile != null) [ "--token-file" (toString cfg.remote.tokenFile) ]
          ++ [ cfg.instrument ] ++ cfg.extraArgs);
        # The generated remote token lives here ($STATE_DIRECTORY/remote-token), readable by the service user only.
        StateDirectory = "midi-sampler-remote";
        StateDirectoryMode = "0700";
        TimeoutStartSec = cfg.startTimeoutSec;
        # PAM limits do not apply to services: these are what makes SCHED_FIFO and mlockall work.
        LimitRTPRIO = 95;
        LimitMEMLOCK = "infinity";
        Restart = "on-failure";
        ProtectSystem = "strict";
        ProtectHome = "read-only";
        PrivateTmp = true;
        NoNewPrivileges = true;
      };
    };
  };
}
