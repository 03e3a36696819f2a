/*
 * Misuse of the C API: NULL pointers, forged, destroyed and wrong-kind handles, bad paths and files, values out of
 * range, a full event queue and two threads queuing at once. Every call must return its documented error code with
 * a message, and nothing may crash.
 *   misuse DIR   (DIR: a writable scratch directory holding tone.wav, a valid sample)
 * Prints "ok NAME" or "FAIL NAME: ..." per check, "sizes config=N meta=N stats=N" for the ABI check, and
 * "checks: N passed, N failed"; exits 1 when any failed.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "midi_sampler.h"

static int passed, failed;

static void expect(const char *name, ms_status_t got, ms_status_t want)
{
    const char *message = ms_last_error();
    if (got != want) {
        printf("FAIL %s: got %d (%s), want %d; last error: %s\n", name, got, ms_status_string(got), want, message);
        failed++;
    } else if (want != MS_OK && (message == NULL || message[0] != 'm' || message[1] != 's' || message[2] != '_')) {
        printf("FAIL %s: status %d but no message naming the function: \"%s\"\n", name, got, message ? message : "(null)");
        failed++;
    } else {
        printf("ok %s%s%s\n", name, want != MS_OK ? ": " : "", want != MS_OK ? message : "");
        passed++;
    }
}

static void expect_true(const char *name, int condition, const char *detail)
{
    if (condition) {
        printf("ok %s\n", name);
        passed++;
    } else {
        printf("FAIL %s: %s\n", name, detail);
        failed++;
    }
}

static void write_file(const char *path, const void *bytes, size_t length)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(bytes, 1, length, f) != length) {
        perror(path);
        exit(2);
    }
    fclose(f);
}

struct hammer { ms_instrument_t *instrument; int ok, busy, full, other, done; };

static void *hammer_notes(void *arg)
{
    struct hammer *h = arg;
    for (int i = 0; i < 20000; i++) {
        ms_status_t s = ms_note_on(h->instrument, 40 + (i % 40), 100, NULL);
        if (s == MS_OK) h->ok++;
        else if (s == MS_ERROR_BUSY) h->busy++;
        else if (s == MS_ERROR_QUEUE_FULL) h->full++;
        else h->other++;
    }
    __atomic_store_n(&h->done, 1, __ATOMIC_RELEASE);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    char tone[4096], missing[4096], garbage[4096], unsupported[4096], badsf2[4096], dir[4096];
    snprintf(tone, sizeof tone, "%s/tone.wav", argv[1]);
    snprintf(missing, sizeof missing, "%s/no-such-file.wav", argv[1]);
    snprintf(garbage, sizeof garbage, "%s/garbage.wav", argv[1]);
    snprintf(unsupported, sizeof unsupported, "%s/notes.txt", argv[1]);
    snprintf(badsf2, sizeof badsf2, "%s/truncated.sf2", argv[1]);
    snprintf(dir, sizeof dir, "%s", argv[1]);
    write_file(garbage, "this is not a RIFF file at all", 30);
    write_file(unsupported, "hello", 5);
    write_file(badsf2, "RIFF\x10\x00\x00\x00sfbkLIST", 16);

    printf("sizes config=%zu meta=%zu stats=%zu\n", sizeof(ms_audio_config_t), sizeof(ms_sample_metadata_t), sizeof(ms_stats_t));
    expect_true("api version", ms_api_version() >> 16 == MS_API_VERSION >> 16, "major version differs from the header's");
    expect_true("no error yet", ms_last_error() != NULL && ms_last_error()[0] == '\0', "ms_last_error is not empty before any failure");

    /* Creation. */
    ms_audio_config_t config = { .sample_rate = 48000, .channels = 2, .max_polyphony = 32, .buffer_size = 128 };
    ms_sampler_t *sampler = NULL;
    expect("create: NULL config", ms_sampler_create(NULL, &sampler), MS_ERROR_NULL_ARGUMENT);
    expect("create: NULL out", ms_sampler_create(&config, NULL), MS_ERROR_NULL_ARGUMENT);
    ms_audio_config_t bad = config;
    bad.sample_rate = 0;
    expect("create: sample_rate 0", ms_sampler_create(&bad, &sampler), MS_ERROR_INVALID_ARGUMENT);
    expect_true("create: out is NULL after failure", sampler == NULL, "sampler was set");
    bad = config;
    bad.channels = 3;
    expect("create: 3 channels", ms_sampler_create(&bad, &sampler), MS_ERROR_INVALID_ARGUMENT);
    bad = config;
    bad.max_polyphony = 100000;
    expect("create: polyphony 100000", ms_sampler_create(&bad, &sampler), MS_ERROR_INVALID_ARGUMENT);
    expect("create", ms_sampler_create(&config, &sampler), MS_OK);

    /* Handles that are not live samplers. */
    float buffer[128 * 2];
    int on_stack = 42;
    expect("process: NULL sampler", ms_process(NULL, buffer, 128), MS_ERROR_INVALID_HANDLE);
    expect("process: forged handle", ms_process((ms_sampler_t *)(uintptr_t)0x1234, buffer, 128), MS_ERROR_INVALID_HANDLE);
    expect("process: pointer to an int", ms_process((ms_sampler_t *)&on_stack, buffer, 128), MS_ERROR_INVALID_HANDLE);
    expect("process: NULL buffer", ms_process(sampler, NULL, 128), MS_ERROR_NULL_ARGUMENT);
    expect("process: 0 frames", ms_process(sampler, buffer, 0), MS_OK);
    expect("process_planar: NULL right of a stereo sampler", ms_process_planar(sampler, buffer, NULL, 128), MS_ERROR_NULL_ARGUMENT);
    expect("enable_rt: priority 0", ms_sampler_enable_rt(sampler, 0), MS_ERROR_INVALID_ARGUMENT);
    expect("enable_rt: priority 100", ms_sampler_enable_rt(sampler, 100), MS_ERROR_INVALID_ARGUMENT);
    expect("get_stats: NULL outs are fine", ms_get_stats(sampler, NULL, NULL), MS_OK);
    expect("get_stats_full: NULL", ms_get_stats_full(sampler, NULL), MS_ERROR_NULL_ARGUMENT);
    expect("set_gain_db: +100", ms_set_gain_db(sampler, 100), MS_ERROR_INVALID_ARGUMENT);

    /* Instruments and files. */
    ms_instrument_t *inst = NULL;
    expect("instrument_create: NULL out", ms_instrument_create(sampler, "x", NULL), MS_ERROR_NULL_ARGUMENT);
    expect("instrument_create: NULL sampler", ms_instrument_create(NULL, "x", &inst), MS_ERROR_INVALID_HANDLE);
    expect("instrument_create", ms_instrument_create(sampler, NULL, &inst), MS_OK);
    expect("load_sample: NULL path", ms_instrument_load_sample(inst, NULL, NULL), MS_ERROR_NULL_ARGUMENT);
    expect("load_sample: missing file", ms_instrument_load_sample(inst, missing, NULL), MS_ERROR_FILE);
    expect_true("load_sample: message names the file", strstr(ms_last_error(), "no-such-file.wav") != NULL, ms_last_error());
    expect("load_sample: not a WAV", ms_instrument_load_sample(inst, garbage, NULL), MS_ERROR_FILE);
    expect("load_sample: unsupported extension", ms_instrument_load_sample(inst, unsupported, NULL), MS_ERROR_FILE);
    expect("load_sample: a directory", ms_instrument_load_sample(inst, dir, NULL), MS_ERROR_FILE);
    expect("load_file: truncated SoundFont", ms_instrument_load_file(inst, badsf2), MS_ERROR_FILE);
    expect("load_file: missing", ms_instrument_load_file(inst, missing), MS_ERROR_FILE);
    expect("load_preset: bank 200", ms_instrument_load_preset(inst, badsf2, 200, 0), MS_ERROR_INVALID_ARGUMENT);
    ms_sample_metadata_t meta = { .root_note = 200 };
    expect("load_sample: root_note 200", ms_instrument_load_sample(inst, tone, &meta), MS_ERROR_INVALID_ARGUMENT);
    meta = (ms_sample_metadata_t){ .root_note = 60, .low_note = 70, .high_note = 50 };
    expect("load_sample: high_note below low_note", ms_instrument_load_sample(inst, tone, &meta), MS_ERROR_INVALID_ARGUMENT);
    meta = (ms_sample_metadata_t){ .root_note = 60, .loop_mode = 9 };
    expect("load_sample: loop_mode 9", ms_instrument_load_sample(inst, tone, &meta), MS_ERROR_INVALID_ARGUMENT);
    meta = (ms_sample_metadata_t){ .root_note = 60, .loop_mode = MS_LOOP_CONTINUOUS, .loop_start = 10, .loop_end = 100000000 };
    expect("load_sample: loop_end beyond the sample", ms_instrument_load_sample(inst, tone, &meta), MS_ERROR_INVALID_ARGUMENT);
    meta = (ms_sample_metadata_t){ .root_note = 60 };
    expect("load_sample", ms_instrument_load_sample(inst, tone, &meta), MS_OK);

    /* Events. */
    expect("note_on: note 128", ms_note_on(inst, 128, 100, NULL), MS_ERROR_INVALID_ARGUMENT);
    expect("note_on: velocity -1", ms_note_on(inst, 60, -1, NULL), MS_ERROR_INVALID_ARGUMENT);
    expect("note_on: a sampler passed as instrument", ms_note_on((ms_instrument_t *)sampler, 60, 100, NULL), MS_ERROR_INVALID_HANDLE);
    expect("process: an instrument passed as sampler", ms_process((ms_sampler_t *)inst, buffer, 128), MS_ERROR_INVALID_HANDLE);
    expect("voice_off: voice 0", ms_voice_off(inst, 0), MS_ERROR_INVALID_ARGUMENT);
    const uint8_t note_on[3] = { 0x90, 60, 100 };
    expect("send_midi: NULL bytes", ms_send_midi(sampler, NULL, 3, 0), MS_ERROR_NULL_ARGUMENT);
    expect("send_midi: length 0", ms_send_midi(sampler, note_on, 0, 0), MS_ERROR_INVALID_ARGUMENT);
    expect("send_midi: offset beyond the block", ms_send_midi(sampler, note_on, 3, 128), MS_ERROR_INVALID_ARGUMENT);
    expect("send_midi: note-on at frame 5", ms_send_midi(sampler, note_on, 3, 5), MS_OK);
    ms_voice_t voice = 0;
    expect("note_on", ms_note_on(inst, 60, 100, &voice), MS_OK);
    expect_true("note_on: a voice handle", voice != 0, "voice is 0");
    expect("voice_off", ms_voice_off(inst, voice), MS_OK);
    expect("process", ms_process(sampler, buffer, 128), MS_OK);

    /* The ring is bounded: without rendering, it fills, drops and counts. */
    ms_status_t status = MS_OK;
    int queued = 0;
    while (queued < 100000 && (status = ms_note_on(inst, 60, 100, NULL)) == MS_OK)
        queued++;
    expect("note_on: full queue", status, MS_ERROR_QUEUE_FULL);
    ms_stats_t stats;
    expect("get_stats_full", ms_get_stats_full(sampler, &stats), MS_OK);
    expect_true("full queue: dropped events counted", stats.dropped_events >= 1, "dropped_events is 0");
    for (int i = 0; i < 64; i++)
        ms_process(sampler, buffer, 128);
    expect("panic", ms_panic(sampler), MS_OK);
    for (int i = 0; i < 8; i++)
        ms_process(sampler, buffer, 128);

    /* Two threads queuing at once while this one renders: each call is queued, refused as busy, or refused as full;
       never a corrupt ring. */
    struct hammer a = { inst, 0, 0, 0, 0, 0 }, b = { inst, 0, 0, 0, 0, 0 };
    pthread_t ta, tb;
    pthread_create(&ta, NULL, hammer_notes, &a);
    pthread_create(&tb, NULL, hammer_notes, &b);
    while (!__atomic_load_n(&a.done, __ATOMIC_ACQUIRE) || !__atomic_load_n(&b.done, __ATOMIC_ACQUIRE))
        ms_process(sampler, buffer, 128);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    printf("hammer: ok=%d busy=%d full=%d other=%d\n", a.ok + b.ok, a.busy + b.busy, a.full + b.full, a.other + b.other);
    expect_true("two producers: only ok, busy or full", a.other + b.other == 0, "another status came back");
    for (int i = 0; i < 200; i++)
        ms_process(sampler, buffer, 128);
    expect("process after two producers", ms_process(sampler, buffer, 128), MS_OK);

    /* The instrument limit: one per MIDI program. */
    ms_instrument_t *many[130];
    int created = 0;
    while (created < 130 && ms_instrument_create(sampler, "more", &many[created]) == MS_OK)
        created++;
    expect_true("128 instruments at most", created == 127, "not 127 more instruments besides the first");
    expect("instrument_create: the 129th", ms_instrument_create(sampler, "one too many", &many[129]), MS_ERROR_LIMIT);
    int program = -1;
    expect("get_program", ms_instrument_get_program(many[5], &program), MS_OK);
    expect_true("programs are given in order", program == 6, "the 7th instrument is not program 6");
    expect("instrument_destroy", ms_instrument_destroy(many[5]), MS_OK);
    expect("instrument_create reuses the freed program", ms_instrument_create(sampler, "again", &many[129]), MS_OK);
    expect("get_program of the reused slot", ms_instrument_get_program(many[129], &program), MS_OK);
    expect_true("the freed program is reused", program == 6, "not program 6");

    /* Destroyed handles. */
    expect("note_on: destroyed instrument", ms_note_on(many[5], 60, 100, NULL), MS_ERROR_INVALID_HANDLE);
    expect("instrument_destroy: twice", ms_instrument_destroy(many[5]), MS_ERROR_INVALID_HANDLE);
    expect("load_sample: destroyed instrument", ms_instrument_load_sample(many[5], tone, NULL), MS_ERROR_INVALID_HANDLE);
    expect("sampler_destroy", ms_sampler_destroy(sampler), MS_OK);
    expect("process: destroyed sampler", ms_process(sampler, buffer, 128), MS_ERROR_INVALID_HANDLE);
    expect("get_stats: destroyed sampler", ms_get_stats(sampler, NULL, NULL), MS_ERROR_INVALID_HANDLE);
    expect("note_on: instrument of a destroyed sampler", ms_note_on(inst, 60, 100, NULL), MS_ERROR_INVALID_HANDLE);
    expect("instrument_destroy: of a destroyed sampler", ms_instrument_destroy(many[0]), MS_ERROR_INVALID_HANDLE);
    expect("sampler_destroy: twice", ms_sampler_destroy(sampler), MS_ERROR_INVALID_HANDLE);

    /* A new sampler does not revive the old handles, even in the same slot. */
    ms_sampler_t *second = NULL;
    expect("create again", ms_sampler_create(&config, &second), MS_OK);
    expect_true("a new handle", second != sampler, "the destroyed handle's value came back");
    expect("process: old handle after a new sampler", ms_process(sampler, buffer, 128), MS_ERROR_INVALID_HANDLE);
    expect("sampler_destroy: the second", ms_sampler_destroy(second), MS_OK);

    for (int s = MS_OK; s >= MS_ERROR_INTERNAL; s--)
        expect_true("status_string", ms_status_string((ms_status_t)s) != NULL && strlen(ms_status_string((ms_status_t)s)) > 4, "empty");

    printf("checks: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
