/* The floor under plan-rollup's reading: libcsv alone over the same export files, counting fields
 * and records and doing nothing else. The job's own time is stated as a multiple of this.
 *
 *   cc -O2 -o csv-floor scripts/csv-floor.c -lcsv && ./csv-floor FILE...
 *
 * Reads each file's raw bytes in 64 KiB blocks with libcsv's block size at 64 KiB, as the job does, but
 * not strict (so a malformed stretch never stops it early) and without decoding UTF-16 or Thai code
 * pages first (the job does): a lower bound. Prints files, bytes, records, fields, seconds. */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static unsigned long long fields, records;

static void on_field(void *data, size_t len, void *user) { (void)data; (void)len; (void)user; fields++; }
static void on_record(int c, void *user) { (void)c; (void)user; records++; }

int main(int argc, char **argv) {
    struct timespec start, end;
    unsigned long long bytes = 0;
    static char block[64 * 1024];
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 1; i < argc; i++) {
        struct csv_parser parser;
        if (csv_init(&parser, 0) != 0) return 2;
        csv_set_blk_size(&parser, 64 * 1024);
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) { perror(argv[i]); return 2; }
        ssize_t n;
        while ((n = read(fd, block, sizeof block)) > 0) {
            bytes += (unsigned long long)n;
            if (csv_parse(&parser, block, (size_t)n, on_field, on_record, NULL) != (size_t)n) {
                fprintf(stderr, "%s: %s\n", argv[i], csv_strerror(csv_error(&parser)));
                break;
            }
        }
        csv_fini(&parser, on_field, on_record, NULL);
        csv_free(&parser);
        close(fd);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("files %d  bytes %llu  records %llu  fields %llu  seconds %.3f  MB/s %.1f\n", argc - 1, bytes, records,
           fields, seconds, (double)bytes / 1e6 / seconds);
    return 0;
}
