#!/usr/bin/env python3
"""Writes a format-0 Standard MIDI File for listening checks of SFZ instruments (docs/sfz-community.md).

usage: make-midi.py OUT.mid EVENT...
  KEY:VEL   a note in its own one-second slot (held 0.8 s)
  sw:KEY    a short keyswitch note (0.0625 s) that advances time by 0.125 s
  pc:PROG   a program change
  cc:N:V    a controller change
Prints the start time in seconds of every KEY:VEL note, comma separated, for note-slots.py.
"""
import struct
import sys

TPQ = 480  # at the default 120 BPM: 960 ticks per second


def vlq(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.insert(0, (n & 0x7F) | 0x80)
        n >>= 7
    return bytes(out)


def main():
    events, starts, tick = [], [], 0
    for e in sys.argv[2:]:
        if e.startswith("sw:"):
            key = int(e[3:])
            events += [(tick, 0x90, key, 100), (tick + 60, 0x80, key, 0)]
            tick += 120
        elif e.startswith("pc:"):
            events.append((tick, 0xC0, int(e[3:]), None))
            tick += 10
        elif e.startswith("cc:"):
            _, cc, value = e.split(":")
            events.append((tick, 0xB0, int(cc), int(value)))
            tick += 10
        else:
            key, vel = map(int, e.split(":"))
            starts.append(tick / 960)
            events += [(tick, 0x90, key, vel), (tick + 768, 0x80, key, 0)]
            tick += 960
    events.sort(key=lambda x: (x[0], x[1] == 0x90))  # note-offs before note-ons at the same tick
    data, last = b"", 0
    for t, status, a, b in events:
        data += vlq(t - last) + bytes([status, a] if b is None else [status, a, b])
        last = t
    data += vlq(960) + b"\xff\x2f\x00"
    with open(sys.argv[1], "wb") as f:
        f.write(b"MThd" + struct.pack(">IHHH", 6, 0, 1, TPQ) + b"MTrk" + struct.pack(">I", len(data)) + data)
    print(",".join(f"{s:.4f}" for s in starts))


if __name__ == "__main__":
    main()
