/*
 * The offline example of the original design (design_offline.c, kept verbatim) leaves two placeholders to the
 * reader: `running` and write_to_audio_device(buffer). This file, force-included with `gcc -include`, supplies
 * them: the loop renders $MS_EXAMPLE_BLOCKS blocks (default 375: one second at 48 kHz in 128-frame blocks) and each
 * 128-frame stereo block is appended to $MS_EXAMPLE_OUTPUT as raw 32-bit floats for the test to analyse.
 */
#include <stdio.h>
#include <stdlib.h>

static int ms_example_blocks_written;

static int ms_example_block_limit(void)
{
    const char *blocks = getenv("MS_EXAMPLE_BLOCKS");
    return blocks != NULL ? atoi(blocks) : 375;
}

#define running (ms_example_blocks_written < ms_example_block_limit())

static void write_to_audio_device(const float *buffer)
{
    static FILE *out;
    if (out == NULL) {
        const char *path = getenv("MS_EXAMPLE_OUTPUT");
        out = fopen(path != NULL ? path : "example.f32", "wb");
        if (out == NULL) {
            perror("write_to_audio_device: fopen");
            exit(1);
        }
    }
    if (fwrite(buffer, sizeof(float), 128 * 2, out) != 128 * 2) {
        perror("write_to_audio_device: fwrite");
        exit(1);
    }
    fflush(out);
    ms_example_blocks_written++;
}
