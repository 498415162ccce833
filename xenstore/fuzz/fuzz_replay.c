/*
 * fuzz_replay.c: run saved fuzzer inputs (the regression and seed corpora)
 * through the fuzz target, one "PASS:" line per directory; an invariant
 * violation aborts, which the test runner reports as a failure.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    if ( !d )
        return -1;
    while ( (e = readdir(d)) )
    {
        char path[4096];
        static uint8_t buf[1 << 20];
        size_t len;
        FILE *f;

        if ( e->d_name[0] == '.' )
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        f = fopen(path, "rb");
        if ( !f )
            continue;
        len = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        fprintf(stderr, "replaying %s\n", path);
        LLVMFuzzerTestOneInput(buf, len);
        n++;
    }
    closedir(d);
    return n;
}

int main(int argc, char **argv)
{
    int i;

    for ( i = 1; i < argc; i++ )
    {
        int n = run_dir(argv[i]);

        if ( n < 0 )
        {
            printf("FAIL: xenstore/fuzz-replay/%s (cannot read)\n", argv[i]);
            return 1;
        }
        printf("PASS: xenstore/fuzz-replay/%s (%d inputs)\n", argv[i], n);
    }
    return 0;
}
