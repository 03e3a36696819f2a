#!/usr/bin/env bash
# Installs the Debian packages the sampler and its tests use, when they are missing.
# jackd2: JACK server and tools (tests drive a real jackd with the dummy driver);
# libsndfile1: FLAC/Ogg/AIFF samples; sox: independent check of our WAV files; afl++: the fuzz smoke run (scripts/fuzz.sh);
# fluidsynth + fluid-soundfont-gm: the peer the SoundFont tests compare against; the other Debian banks (two SF3, OPL3,
# FluidR3 GS) for the same comparison on every bank (issue 15);
# rt-tests: cyclictest, to compare against `midi-sampler latency`; libcap2-bin (capsh), util-linux (prlimit)
# and procps (pgrep): the real-time tests drop privileges in child processes; iproute2 (ip): the netJACK test
# runs master and slave servers in two network namespaces of its own; tmux: a real terminal for the test that types
# on play's console while its status line updates.
# clang, lld and zlib1g-dev: the NativeAOT toolchain (libmidisampler.so, the native program); gcc, libc6-dev and
# libjack-jackd2-dev: the C API's tests compile C programs (the design's examples, a JACK client) against the header;
# gcc-aarch64-linux-gnu, libc6-dev-arm64-cross: the linux-arm64 cross build (C runtime, libgcc, the cross objcopy);
# qemu-user-static: the test that runs the arm64 program; libasound2-dev, libasound2-plugins (the JACK PCM plugin) and
# alsa-utils: the ALSA tests build a test PCM plugin (gcc) and play through alsa-lib's own plugins;
# chromium: the web panel's test drives Debian's browser headless through Playwright (no browser download).
set -euo pipefail
packages=(jackd2 libsndfile1 sox fluidsynth fluid-soundfont-gm fluid-soundfont-gs fluidr3mono-gm-soundfont musescore-general-soundfont-small
  opl3-soundfont rt-tests libcap2-bin util-linux procps iproute2 afl++ tmux
  clang lld zlib1g-dev gcc libc6-dev libjack-jackd2-dev gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static
  libasound2-dev libasound2-plugins alsa-utils chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
