/*
 * midi_sampler.h: the C API of midi-sampler (libmidisampler.so), a real-time, low-latency sampler.
 *
 * The types and functions of the original design keep their names and shapes:
 *   ms_audio_config_t, ms_sampler_t, ms_instrument_t, ms_sample_metadata_t,
 *   ms_sampler_create, ms_sampler_enable_rt, ms_instrument_create, ms_instrument_load_sample,
 *   ms_note_on, ms_note_off, ms_process, ms_get_stats, ms_instrument_destroy, ms_sampler_destroy.
 * Beyond them: whole instruments from SFZ, SoundFont (SF2/SF3) and WAV/FLAC files, raw MIDI bytes with a frame
 * offset, planar output, the full statistics, and a thread-local message for every error.
 *
 * Errors: every function returns MS_OK (0) or a negative ms_status_t; ms_last_error() then gives a message naming
 * the function, the file and the reason. Nothing crashes on misuse: a NULL pointer, a handle already destroyed, a
 * handle of the wrong kind or a bad path is an error code, never undefined behaviour.
 *
 * Threads. Each function says who may call it:
 *   [control]  the host's main (or loader) thread; may allocate, read files and take a while. Control functions
 *              of one sampler must not run at the same time on two threads.
 *   [events]   queues an event on the sampler's bounded, lock-free ring. One thread at a time: the control thread,
 *              or the audio thread in its callback before ms_process (with a frame offset into that block). A
 *              second thread queuing at the same instant gets MS_ERROR_BUSY (the event is not queued), never a
 *              corrupt queue. Never blocks, never allocates: safe on the audio thread.
 *   [audio]    the real-time thread that renders (a JACK process callback, or your render loop). Never allocates,
 *              locks, waits or does I/O.
 *   [any]      any thread, at any time (while the handle is alive).
 * Destroying a sampler or an instrument must not race with any other call on it (stop the audio first).
 *
 * Build: cc app.c -I<dir of this header> -L<dir of the library> -lmidisampler
 */
#ifndef MIDI_SAMPLER_H
#define MIDI_SAMPLER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The version of this API: a library whose ms_api_version() differs in the high 16 bits is incompatible. */
#define MS_API_VERSION 0x00010000u

/** Status of every call: MS_OK or a negative error (see ms_last_error for the message). */
typedef enum ms_status {
    MS_OK = 0,
    MS_ERROR_NULL_ARGUMENT = -1,    /* a required pointer was NULL */
    MS_ERROR_INVALID_HANDLE = -2,   /* a handle that was never created, already destroyed, or of the wrong kind */
    MS_ERROR_INVALID_ARGUMENT = -3, /* a value out of range (named in the message) */
    MS_ERROR_FILE = -4,             /* a file is missing, unreadable or not a valid instrument/sample */
    MS_ERROR_QUEUE_FULL = -5,       /* the event ring was full: the event is dropped (and counted in the statistics) */
    MS_ERROR_BUSY = -6,             /* another thread was queuing an event on this sampler at the same instant */
    MS_ERROR_LIMIT = -7,            /* a fixed limit was reached (handles, instruments) */
    MS_ERROR_REALTIME = -8,         /* real-time scheduling or memory locking was refused (the message says how to fix it) */
    MS_ERROR_INTERNAL = -9          /* an unexpected failure inside the library (the message says what) */
} ms_status_t;

/** The engine (ms_sampler_create). Opaque. */
typedef struct ms_sampler ms_sampler_t;

/** An instrument of a sampler (ms_instrument_create). Opaque. */
typedef struct ms_instrument ms_instrument_t;

/** A sounding note, from ms_note_on; 0 is no note. */
typedef uint32_t ms_voice_t;

/** The sampler's audio format and limits (ms_sampler_create). Zero fields take the default. */
typedef struct ms_audio_config {
    uint32_t sample_rate;   /* Hz, 8000..384000 (required) */
    uint32_t channels;      /* 1 (mono) or 2 (stereo, interleaved L R in ms_process); 0 = 2 */
    uint32_t max_polyphony; /* voices that may sound at once, 1..8192 (stealing beyond, with a short fade); 0 = 256 */
    uint32_t buffer_size;   /* the usual frames per ms_process call (larger calls are rendered in pieces); 0 = 4096 */
} ms_audio_config_t;

/** Loop handling of a sample (ms_sample_metadata_t.loop_mode). */
typedef enum ms_loop_mode {
    MS_LOOP_FROM_FILE = 0,   /* the file's own loop (WAV smpl chunk) if it has one, played continuously; else none */
    MS_LOOP_NONE = 1,        /* play to the end (or until the release fades it) */
    MS_LOOP_ONE_SHOT = 2,    /* play to the end whatever note-off says */
    MS_LOOP_CONTINUOUS = 3,  /* loop loop_start..loop_end (frames) until the release ends */
    MS_LOOP_SUSTAIN = 4      /* loop while the key is held, then play on to the end */
} ms_loop_mode_t;

/**
 * How a sample maps onto the keyboard (ms_instrument_load_sample). Zero-initialised fields take the default, so
 * `ms_sample_metadata_t meta = { .root_note = 60 };` plays the sample over every key and velocity, at its recorded
 * pitch on key 60.
 */
typedef struct ms_sample_metadata {
    int32_t root_note;        /* key (0..127) at which the sample plays at its recorded pitch; -1 = the file's own
                                 (WAV smpl chunk), else 60 */
    int32_t low_note;         /* lowest key that plays it, 0..127 */
    int32_t high_note;        /* highest key that plays it, 0..127; 0 = 127 */
    int32_t low_velocity;     /* lowest velocity that plays it, 0..127 */
    int32_t high_velocity;    /* highest velocity that plays it, 0..127; 0 = 127 */
    float tune_cents;         /* fine tuning, -9600..9600 */
    float gain_db;            /* level, -144..48 dB */
    float pan;                /* -100 (left) .. 100 (right) */
    float attack_seconds;     /* amplitude envelope attack, 0..100 s */
    float release_seconds;    /* amplitude envelope release after note-off, 0..100 s; 0 = 1 ms (no click) */
    int32_t loop_mode;        /* an ms_loop_mode_t */
    int64_t loop_start;       /* first frame of the loop (MS_LOOP_CONTINUOUS / MS_LOOP_SUSTAIN) */
    int64_t loop_end;         /* last frame of the loop; 0 = the sample's last frame */
} ms_sample_metadata_t;

/** Every statistic of a sampler (ms_get_stats_full). */
typedef struct ms_stats {
    uint64_t frames_processed;     /* frames rendered since creation */
    uint64_t blocks_processed;     /* ms_process / ms_process_planar calls (pieces) rendered */
    uint64_t xruns;                /* xruns reported with ms_report_xrun */
    uint64_t dropped_events;       /* events dropped because the ring was full or a block had too many */
    uint64_t stolen_voices;        /* voices taken from a sounding note to make room for a new one */
    uint32_t active_voices;        /* voices sounding at the end of the last block */
    uint32_t peak_voices;          /* most voices at once since creation */
    double last_block_microseconds; /* processing time of the last block */
    double mean_block_microseconds; /* mean processing time per block */
    double max_block_microseconds;  /* longest processing time of a block */
    double dsp_load;               /* last block's processing time over its duration (1.0 = the whole period) */
    float peak_level;              /* highest absolute output sample since creation (1.0 = 0 dBFS) */
} ms_stats_t;

/* ---- The original design's API ---------------------------------------------------------------------------- */

/**
 * Creates a sampler: every voice and buffer is allocated here, none later. *sampler receives the handle.
 * [control] Errors: MS_ERROR_NULL_ARGUMENT, MS_ERROR_INVALID_ARGUMENT (a config field out of range).
 */
ms_status_t ms_sampler_create(const ms_audio_config_t *config, ms_sampler_t **sampler);

/**
 * Puts the CALLING thread under SCHED_FIFO at priority (1..99) and locks the process's memory (mlockall). Call it
 * from the thread that will run ms_process, before it goes live; a JACK client's process thread already runs at
 * JACK's real-time priority. [control, or audio before its first block]
 * Errors: MS_ERROR_INVALID_ARGUMENT (priority), MS_ERROR_REALTIME (refused: the message gives the fix, such as the
 * rtprio/memlock limits or the audio group); the sampler works either way.
 */
ms_status_t ms_sampler_enable_rt(ms_sampler_t *sampler, int priority);

/**
 * Creates an empty instrument in the sampler; *instrument receives the handle. The n-th live instrument (from 0) is
 * MIDI program n (up to 128): ms_note_on plays it on MIDI channel n % 16 (selecting its program there), and raw MIDI
 * reaches it by program change. name may be NULL. [control]
 * Errors: MS_ERROR_NULL_ARGUMENT, MS_ERROR_INVALID_HANDLE, MS_ERROR_LIMIT (128 instruments).
 */
ms_status_t ms_instrument_create(ms_sampler_t *sampler, const char *name, ms_instrument_t **instrument);

/**
 * Adds one sample file (WAV; FLAC, Ogg, AIFF through libsndfile) to the instrument, mapped by meta (NULL: every key
 * and velocity, root from the file or 60). Call it again for more samples (a multi-sampled instrument); the
 * instrument is swapped in atomically at the next block, sounding notes go on. [control]
 * Errors: MS_ERROR_NULL_ARGUMENT, MS_ERROR_INVALID_HANDLE, MS_ERROR_INVALID_ARGUMENT (a meta field), MS_ERROR_FILE.
 */
ms_status_t ms_instrument_load_sample(ms_instrument_t *instrument, const char *path, const ms_sample_metadata_t *meta);

/**
 * Queues a note-on (velocity 1..127; 0 is a note-off) for the next block. voice may be NULL; else it receives a
 * handle of this note's voices for ms_voice_off. [events]
 * Errors: MS_ERROR_INVALID_HANDLE, MS_ERROR_INVALID_ARGUMENT, MS_ERROR_QUEUE_FULL, MS_ERROR_BUSY.
 */
ms_status_t ms_note_on(ms_instrument_t *instrument, int note, int velocity, ms_voice_t *voice);

/** Queues a note-off for a key of the instrument (its release phase starts). [events] Errors: as ms_note_on. */
ms_status_t ms_note_off(ms_instrument_t *instrument, int note);

/**
 * Renders frames frames of interleaved output (L R L R ... for stereo) into buffer, which holds at least
 * frames * channels floats, applying every queued event at its frame. [audio]
 * Errors: MS_ERROR_NULL_ARGUMENT, MS_ERROR_INVALID_HANDLE (the buffer is left as it was).
 */
ms_status_t ms_process(ms_sampler_t *sampler, float *buffer, uint32_t frames);

/** Frames rendered since creation and xruns reported (ms_report_xrun); either pointer may be NULL. [any] */
ms_status_t ms_get_stats(ms_sampler_t *sampler, uint64_t *frames, uint32_t *xruns);

/**
 * Destroys an instrument: it is removed from its program at the next block; notes already sounding play on (a held
 * one until a note-off on its channel or ms_panic). The handle is invalid afterwards (a later use returns
 * MS_ERROR_INVALID_HANDLE). [control]
 */
ms_status_t ms_instrument_destroy(ms_instrument_t *instrument);

/**
 * Destroys a sampler and every instrument it still has; their handles are invalid afterwards. No other call on
 * the sampler or its instruments may run at the same time (stop the audio thread first). [control]
 */
ms_status_t ms_sampler_destroy(ms_sampler_t *sampler);

/* ---- Beyond the original design --------------------------------------------------------------------------- */

/** MS_API_VERSION of the library. [any] */
uint32_t ms_api_version(void);

/**
 * The message of the last failed call on the calling thread (UTF-8, naming the function and the reason), or "" when
 * none failed yet. Valid until the next failing call on this thread. [any]
 */
const char *ms_last_error(void);

/** A constant text for a status ("MS_ERROR_FILE: ..."). [any] */
const char *ms_status_string(ms_status_t status);

/**
 * Replaces the instrument's content with a whole instrument file: SFZ (.sfz), SoundFont (.sf2/.sf3: its first
 * preset, the lowest bank then program), or a single sample (.wav, .flac, ...: every key, root from the file or 60).
 * Sounding notes go on with the old content; new notes use the new one. [control]
 * Errors: MS_ERROR_NULL_ARGUMENT, MS_ERROR_INVALID_HANDLE, MS_ERROR_FILE (the message names the file, the line or
 * chunk and the reason).
 */
ms_status_t ms_instrument_load_file(ms_instrument_t *instrument, const char *path);

/** Like ms_instrument_load_file for one preset of a SoundFont (bank 0..128, program 0..127). [control] */
ms_status_t ms_instrument_load_preset(ms_instrument_t *instrument, const char *path, int bank, int program);

/** The MIDI program (0..127) the instrument answers to; ms_note_on plays it on channel program % 16. [any] */
ms_status_t ms_instrument_get_program(ms_instrument_t *instrument, int *program);

/**
 * Queues raw MIDI 1.0 bytes (whole messages or any piece of a stream: running status, SysEx of any length and
 * RPN/NRPN sequences are understood by the engine's decoder, which keeps its state between calls) to apply
 * offset_frames into the next block: a JACK MIDI event's time within the period is its offset. Bytes the engine does
 * not act on (clock, other SysEx) are counted and ignored, not an error. [events] Errors: MS_ERROR_NULL_ARGUMENT,
 * MS_ERROR_INVALID_HANDLE, MS_ERROR_INVALID_ARGUMENT (an empty buffer, or an offset beyond buffer_size),
 * MS_ERROR_QUEUE_FULL, MS_ERROR_BUSY.
 */
ms_status_t ms_send_midi(ms_sampler_t *sampler, const uint8_t *bytes, size_t length, uint32_t offset_frames);

/** Queues a note-off for the voices of one ms_note_on, even if its key was struck again since. [events] */
ms_status_t ms_voice_off(ms_instrument_t *instrument, ms_voice_t voice);

/** Queues all-sound-off and a controller reset on every channel. [events] */
ms_status_t ms_panic(ms_sampler_t *sampler);

/**
 * Renders planar output: left and right each hold frames floats (for a mono sampler right is ignored and may be
 * NULL). [audio] Errors: as ms_process.
 */
ms_status_t ms_process_planar(ms_sampler_t *sampler, float *left, float *right, uint32_t frames);

/** Every statistic at once into *stats. [any] */
ms_status_t ms_get_stats_full(ms_sampler_t *sampler, ms_stats_t *stats);

/** Counts an xrun the host saw (a JACK xrun callback). [any] */
ms_status_t ms_report_xrun(ms_sampler_t *sampler);

/** Sets the output gain in dB (-144..+40); it ramps over the next block, no click. [control] */
ms_status_t ms_set_gain_db(ms_sampler_t *sampler, double gain_db);

#ifdef __cplusplus
}
#endif

#endif /* MIDI_SAMPLER_H */
