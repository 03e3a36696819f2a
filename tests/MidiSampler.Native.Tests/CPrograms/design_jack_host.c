/*
 * "The rest of the application" for the design's JACK example (design_jack.c): runs the example's main (which opens
 * the JACK client "sampler", creates the sampler with JACK's rate and period, and activates it), then connects the
 * outputs, loads a sample into an instrument while the audio runs, waits for "play" on stdin (the test's recorder is
 * then connected), plays notes 60 and 67 from this control thread and prints the sampler's statistics.
 *   design_jack_host SAMPLE.wav
 * Prints "ready" when the client runs and the instrument is loaded; "stats frames=N xruns=N dropped=N peak=X" at the end.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <jack/jack.h>
#include "midi_sampler.h"

int example_main(void);
extern ms_sampler_t *sampler;

jack_port_t *port_out_l;
jack_port_t *port_out_r;
static jack_client_t *harness_client;

int harness_activate(jack_client_t *client)
{
    harness_client = client;
    port_out_l = jack_port_register(client, "out_l", JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
    port_out_r = jack_port_register(client, "out_r", JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
    if (port_out_l == NULL || port_out_r == NULL) {
        fprintf(stderr, "cannot register the output ports\n");
        return -1;
    }
    return jack_activate(client);
}

static int check(ms_status_t status, const char *what)
{
    if (status != MS_OK)
        fprintf(stderr, "%s: %s (%s)\n", what, ms_status_string(status), ms_last_error());
    return status == MS_OK;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s SAMPLE.wav\n", argv[0]);
        return 2;
    }
    example_main();
    if (harness_client == NULL || sampler == NULL) {
        fprintf(stderr, "the example did not start its client and sampler\n");
        return 1;
    }

    ms_instrument_t *sine;
    ms_sample_metadata_t meta = { .root_note = 60 };
    if (!check(ms_instrument_create(sampler, "sine", &sine), "ms_instrument_create") ||
        !check(ms_instrument_load_sample(sine, argv[1], &meta), "ms_instrument_load_sample"))
        return 1;
    printf("ready\n");
    fflush(stdout);

    char line[64];
    if (fgets(line, sizeof line, stdin) == NULL || strncmp(line, "play", 4) != 0) {
        fprintf(stderr, "expected \"play\" on stdin\n");
        return 1;
    }
    const int notes[] = { 60, 67 };
    for (int i = 0; i < 2; i++) {
        if (!check(ms_note_on(sine, notes[i], 100, NULL), "ms_note_on"))
            return 1;
        usleep(400 * 1000);
        if (!check(ms_note_off(sine, notes[i]), "ms_note_off"))
            return 1;
        usleep(200 * 1000);
    }
    usleep(200 * 1000);

    uint64_t frames = 0;
    uint32_t xruns = 0;
    ms_stats_t stats;
    if (!check(ms_get_stats(sampler, &frames, &xruns), "ms_get_stats") ||
        !check(ms_get_stats_full(sampler, &stats), "ms_get_stats_full"))
        return 1;
    printf("stats frames=%llu xruns=%u dropped=%llu peak=%.4f\n", (unsigned long long)frames, xruns,
           (unsigned long long)stats.dropped_events, stats.peak_level);
    fflush(stdout);

    jack_deactivate(harness_client);
    jack_client_close(harness_client);
    check(ms_instrument_destroy(sine), "ms_instrument_destroy");
    check(ms_sampler_destroy(sampler), "ms_sampler_destroy");
    return 0;
}
