#!/usr/bin/env bash
# Builds the native (NativeAOT) midi-sampler for a PC or a Raspberry Pi and packs it with the C library into a
# tarball that needs no .NET runtime where it is unpacked:
#   scripts/publish.sh linux-x64|linux-arm64     -> artifacts/publish/midi-sampler-VERSION-RID.tar.gz
# Inside, under midi-sampler/ (unpack into /opt to match packaging/midi-sampler.service):
#   midi-sampler              the program
#   lib/libmidisampler.so     the C API, include/midi_sampler.h its header
#   midi-sampler.service      the systemd unit; README.md and docs/
# linux-arm64 is cross-compiled on x64 with Debian's clang, lld and the arm64 cross C library (gcc-aarch64-linux-gnu,
# libc6-dev-arm64-cross; scripts/install-deps.sh installs them): clang links for --target=aarch64-linux-gnu.
set -euo pipefail
cd "$(dirname "$0")/.."
rid=${1:-}
case "$rid" in
  linux-x64 | linux-arm64) ;;
  *) echo "usage: scripts/publish.sh linux-x64|linux-arm64" >&2; exit 2 ;;
esac
version=$(git describe --always --dirty 2>/dev/null || echo local)
stage="artifacts/publish/$rid/midi-sampler"
rm -rf "$stage"
mkdir -p "$stage/lib" "$stage/include" "$stage/docs"

cross=()
if [ "$rid" = linux-arm64 ] && [ "$(uname -m)" != aarch64 ]; then
  # The ILCompiler links with clang --target=aarch64-linux-gnu; lld links for any target (the system ld does not),
  # and the cross objcopy strips the symbols into a .dbg file.
  cross=(-p:LinkerFlavor=lld -p:ObjCopyName=aarch64-linux-gnu-objcopy)
fi
publish() {
  dotnet publish "$1" -c Release -r "$rid" -p:PublishAot=true "${cross[@]}" -o "$2" -nologo -v quiet
}
publish src/MidiSampler.Cli/MidiSampler.Cli.csproj "artifacts/publish/$rid/cli"
publish src/MidiSampler.Native/MidiSampler.Native.csproj "artifacts/publish/$rid/lib"

cp "artifacts/publish/$rid/cli/midi-sampler" "$stage/"
cp "artifacts/publish/$rid/lib/libmidisampler.so" "$stage/lib/"
cp src/MidiSampler.Native/include/midi_sampler.h "$stage/include/"
cp packaging/midi-sampler.service "$stage/"
cp README.md "$stage/"
cp docs/*.md "$stage/docs/"
tarball="artifacts/publish/midi-sampler-$version-$rid.tar.gz"
tar -czf "$tarball" -C "artifacts/publish/$rid" midi-sampler
echo "$tarball"
