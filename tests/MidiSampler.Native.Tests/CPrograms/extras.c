/*
 * The API beyond the original design, as a C host uses it: a whole instrument file (SFZ, SoundFont) or a sample
 * file (WAV, FLAC) loaded into an instrument, a raw MIDI note-on with a frame offset, planar rendering, and the full
 * statistics.
 *   extras file|sample INSTRUMENT OUT.f32 OFFSET
 * Renders 0.5 s at 48 kHz in 128-frame blocks, with note 60 (velocity 100) sent as raw MIDI bytes at frame OFFSET of
 * the first block; writes the planes interleaved (L R ...) as raw 32-bit floats, then prints
 * "stats frames=N blocks=N peak_voices=N dropped=N peak=X".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "midi_sampler.h"

static void die(const char *what, ms_status_t status)
{
    fprintf(stderr, "%s: %s: %s\n", what, ms_status_string(status), ms_last_error());
    exit(1);
}

int main(int argc, char **argv)
{
    if (argc != 5 || (strcmp(argv[1], "file") != 0 && strcmp(argv[1], "sample") != 0)) {
        fprintf(stderr, "usage: %s file|sample INSTRUMENT OUT.f32 OFFSET\n", argv[0]);
        return 2;
    }
    enum { BLOCK = 128, BLOCKS = 48000 / 2 / BLOCK };
    ms_audio_config_t config = { .sample_rate = 48000, .channels = 2, .max_polyphony = 64, .buffer_size = BLOCK };
    ms_sampler_t *sampler;
    ms_instrument_t *instrument;
    ms_status_t s;
    if ((s = ms_sampler_create(&config, &sampler)) != MS_OK) die("ms_sampler_create", s);
    if ((s = ms_instrument_create(sampler, "extras", &instrument)) != MS_OK) die("ms_instrument_create", s);
    if (strcmp(argv[1], "file") == 0) {
        if ((s = ms_instrument_load_file(instrument, argv[2])) != MS_OK) die("ms_instrument_load_file", s);
    } else {
        ms_sample_metadata_t meta = { .root_note = 60 };
        if ((s = ms_instrument_load_sample(instrument, argv[2], &meta)) != MS_OK) die("ms_instrument_load_sample", s);
    }
    FILE *out = fopen(argv[3], "wb");
    if (out == NULL) {
        perror(argv[3]);
        return 1;
    }

    /* The first instrument is program 0, so a raw note-on on channel 1 (status 0x90) plays it. */
    const uint8_t note_on[3] = { 0x90, 60, 100 };
    if ((s = ms_send_midi(sampler, note_on, sizeof note_on, (uint32_t)atoi(argv[4]))) != MS_OK) die("ms_send_midi", s);
    float left[BLOCK], right[BLOCK], frame[2 * BLOCK];
    for (int b = 0; b < BLOCKS; b++) {
        if ((s = ms_process_planar(sampler, left, right, BLOCK)) != MS_OK) die("ms_process_planar", s);
        for (int i = 0; i < BLOCK; i++) {
            frame[2 * i] = left[i];
            frame[2 * i + 1] = right[i];
        }
        fwrite(frame, sizeof(float), 2 * BLOCK, out);
    }
    fclose(out);

    ms_stats_t stats;
    if ((s = ms_get_stats_full(sampler, &stats)) != MS_OK) die("ms_get_stats_full", s);
    printf("stats frames=%llu blocks=%llu peak_voices=%u dropped=%llu peak=%.4f\n", (unsigned long long)stats.frames_processed,
           (unsigned long long)stats.blocks_processed, stats.peak_voices, (unsigned long long)stats.dropped_events, stats.peak_level);
    ms_instrument_destroy(instrument);
    ms_sampler_destroy(sampler);
    return 0;
}
