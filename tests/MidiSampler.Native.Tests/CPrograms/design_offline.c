#include "midi_sampler.h"

int main() {
    // Create sampler
    ms_audio_config_t config = {
        .sample_rate = 48000,
        .channels = 2,
        .max_polyphony = 16,
        .buffer_size = 128  // Low latency!
    };
    
    ms_sampler_t *sampler;
    ms_sampler_create(&config, &sampler);
    
    // Enable RT mode (requires CAP_SYS_NICE or root)
    ms_sampler_enable_rt(sampler, 80);  // Priority 80
    
    // Create instrument and load samples
    ms_instrument_t *piano;
    ms_instrument_create(sampler, "Piano", &piano);
    
    ms_sample_metadata_t meta = { .root_note = 60 };
    ms_instrument_load_sample(piano, "piano.wav", &meta);
    
    // Trigger notes (RT-safe via lock-free queue)
    ms_note_on(piano, 60, 80, NULL);
    
    // Audio thread (RT priority set automatically)
    float buffer[128 * 2];
    while (running) {
        ms_process(sampler, buffer, 128);  // RT-safe!
        write_to_audio_device(buffer);
    }
    
    ms_note_off(piano, 60);
    
    // Cleanup
    ms_instrument_destroy(piano);
    ms_sampler_destroy(sampler);
}
