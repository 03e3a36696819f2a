#include <jack/jack.h>
#include "midi_sampler.h"

ms_sampler_t *sampler;

int process_callback(jack_nframes_t nframes, void *arg) {
    float *out_l = jack_port_get_buffer(port_out_l, nframes);
    float *out_r = jack_port_get_buffer(port_out_r, nframes);
    
    // Process interleaved
    float buffer[nframes * 2];
    ms_process(sampler, buffer, nframes);
    
    // Deinterleave
    for (jack_nframes_t i = 0; i < nframes; i++) {
        out_l[i] = buffer[i * 2];
        out_r[i] = buffer[i * 2 + 1];
    }
    
    return 0;
}

int main() {
    // Setup sampler with JACK's sample rate
    jack_client_t *client = jack_client_open("sampler", JackNullOption, NULL);
    
    ms_audio_config_t config = {
        .sample_rate = jack_get_sample_rate(client),
        .channels = 2,
        .max_polyphony = 32,
        .buffer_size = jack_get_buffer_size(client)
    };
    
    ms_sampler_create(&config, &sampler);
    ms_sampler_enable_rt(sampler, 75);  // Slightly lower than JACK
    
    // Register JACK callback
    jack_set_process_callback(client, process_callback, NULL);
    jack_activate(client);
    
    // ... rest of application
}
