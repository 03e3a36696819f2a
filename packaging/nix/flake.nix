{
  description = "midi-sampler: a real-time, low-latency MIDI sampler for Linux";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs = { self, nixpkgs }:
    let
      systems = [ "x86_64-linux" "aarch64-linux" ];
      forAll = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
    in
    {
      packages = forAll (pkgs: {
        default = pkgs.buildDotnetModule {
          pname = "midi-sampler";
          # The same VERSION file the build reads (Directory.Build.props), so that the package and `--version` agree.
          version = nixpkgs.lib.strings.trim (builtins.readFile ../../VERSION);
          src = ../..;
          projectFile = "src/MidiSampler.Cli/MidiSampler.Cli.csproj";
          # Generate with: nix build .#default.fetch-deps && ./result deps.json
          nugetDeps = ./deps.json;
          dotnet-sdk = pkgs.dotnetCorePackages.sdk_10_0;
          dotnet-runtime = pkgs.dotnetCorePackages.runtime_10_0;
          executables = [ "midi-sampler" ];
          # libjack and libasound are loaded at run time through P/Invoke.
          runtimeDeps = [ pkgs.libjack2 pkgs.alsa-lib pkgs.libsndfile ];
          meta = {
            description = "Real-time, low-latency MIDI sampler (SFZ, SoundFont 2, WAV)";
            mainProgram = "midi-sampler";
            platforms = systems;
          };
        };
      });

      nixosModules.default = import ./module.nix self;
    };
}
