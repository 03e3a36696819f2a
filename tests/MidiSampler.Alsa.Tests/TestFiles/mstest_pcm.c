/* A test playback PCM for alsa-lib (an ioplug external plugin), for midi-sampler's ALSA tests on machines without
 * sound hardware. It offers exactly one sample format (like a USB interface that only takes S24_3LE), writes every
 * frame it is given to a file, consumes at once (not paced), and can fail with ENODEV after N frames, as an unplugged
 * USB device does. Config:  pcm.NAME { type mstest  file "/path"  format "S24_3LE"  fail_after 48000 }
 * with  pcm_type.mstest { lib "/path/libasound_module_pcm_mstest.so" }.  Build: gcc -shared -fPIC -o ... -lasound */
#include <alsa/asoundlib.h>
#include <alsa/pcm_external.h>
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

typedef struct {
    snd_pcm_ioplug_t io;
    FILE *file;
    int pipe_fds[2];
    long fail_after;
    long written;
    int bytes_per_frame;
} mstest_t;

static int mstest_start(snd_pcm_ioplug_t *io) { (void)io; return 0; }
static int mstest_stop(snd_pcm_ioplug_t *io) { (void)io; return 0; }

static int mstest_prepare(snd_pcm_ioplug_t *io)
{
    mstest_t *m = io->private_data;
    m->bytes_per_frame = snd_pcm_format_physical_width(io->format) / 8 * io->channels;
    return 0;
}

/* Everything written is consumed at once, but never a whole buffer in one step (that would look like no progress). */
static snd_pcm_sframes_t mstest_pointer(snd_pcm_ioplug_t *io)
{
    snd_pcm_uframes_t pending = io->appl_ptr - io->hw_ptr;
    if (pending >= io->buffer_size)
        pending = io->buffer_size - 1;
    return (io->hw_ptr + pending) % io->buffer_size;
}

static snd_pcm_sframes_t mstest_transfer(snd_pcm_ioplug_t *io, const snd_pcm_channel_area_t *areas,
                                         snd_pcm_uframes_t offset, snd_pcm_uframes_t size)
{
    mstest_t *m = io->private_data;
    if (m->fail_after >= 0 && m->written >= m->fail_after)
        return -ENODEV;
    const char *data = (const char *)areas[0].addr + (areas[0].first + areas[0].step * offset) / 8;
    fwrite(data, 1, size * m->bytes_per_frame, m->file);
    m->written += size;
    return size;
}

static int mstest_close(snd_pcm_ioplug_t *io)
{
    mstest_t *m = io->private_data;
    fclose(m->file);
    close(m->pipe_fds[0]);
    close(m->pipe_fds[1]);
    free(m);
    return 0;
}

static const snd_pcm_ioplug_callback_t callbacks = {
    .start = mstest_start, .stop = mstest_stop, .pointer = mstest_pointer, .transfer = mstest_transfer,
    .close = mstest_close, .prepare = mstest_prepare,
};

SND_PCM_PLUGIN_DEFINE_FUNC(mstest)
{
    (void)root;
    snd_config_iterator_t i, next;
    const char *path = NULL, *format_name = "S24_3LE";
    long fail_after = -1;
    snd_config_for_each(i, next, conf) {
        snd_config_t *n = snd_config_iterator_entry(i);
        const char *id;
        if (snd_config_get_id(n, &id) < 0) continue;
        if (!strcmp(id, "comment") || !strcmp(id, "type") || !strcmp(id, "hint")) continue;
        if (!strcmp(id, "file")) { snd_config_get_string(n, &path); continue; }
        if (!strcmp(id, "format")) { snd_config_get_string(n, &format_name); continue; }
        if (!strcmp(id, "fail_after")) { snd_config_get_integer(n, &fail_after); continue; }
        SNDERR("mstest: unknown field %s", id);
        return -EINVAL;
    }
    if (!path) { SNDERR("mstest: no file"); return -EINVAL; }
    if (stream != SND_PCM_STREAM_PLAYBACK) return -EINVAL;
    mstest_t *m = calloc(1, sizeof(*m));
    if (!m) return -ENOMEM;
    m->file = fopen(path, "wb");
    if (!m->file || pipe(m->pipe_fds) < 0) { free(m); return -errno; }
    m->fail_after = fail_after;
    m->io.version = SND_PCM_IOPLUG_VERSION;
    m->io.name = "midi-sampler test PCM";
    m->io.callback = &callbacks;
    m->io.private_data = m;
    m->io.poll_fd = m->pipe_fds[1]; /* a pipe's write end: always writable */
    m->io.poll_events = POLLOUT;
    int err = snd_pcm_ioplug_create(&m->io, name, stream, mode);
    if (err < 0) { fclose(m->file); free(m); return err; }
    unsigned int access[] = { SND_PCM_ACCESS_RW_INTERLEAVED };
    unsigned int formats[] = { (unsigned int)snd_pcm_format_value(format_name) };
    snd_pcm_ioplug_set_param_list(&m->io, SND_PCM_IOPLUG_HW_ACCESS, 1, access);
    snd_pcm_ioplug_set_param_list(&m->io, SND_PCM_IOPLUG_HW_FORMAT, 1, formats);
    snd_pcm_ioplug_set_param_minmax(&m->io, SND_PCM_IOPLUG_HW_CHANNELS, 2, 2);
    snd_pcm_ioplug_set_param_minmax(&m->io, SND_PCM_IOPLUG_HW_RATE, 44100, 48000);
    snd_pcm_ioplug_set_param_minmax(&m->io, SND_PCM_IOPLUG_HW_PERIOD_BYTES, 64, 64 * 1024);
    snd_pcm_ioplug_set_param_minmax(&m->io, SND_PCM_IOPLUG_HW_PERIODS, 2, 16);
    *pcmp = m->io.pcm;
    return 0;
}

SND_PCM_PLUGIN_SYMBOL(mstest);
