/* The floor the loader is measured against: libyaml's event loop over the same bytes, doing
 * nothing with the events. Prints: bytes, wall seconds, event count, CPU seconds (best of N). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <yaml.h>

static double clock_seconds(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s FILE [RUNS]\n", argv[0]); return 2; }
    int runs = argc > 2 ? atoi(argv[2]) : 3;
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *bytes = malloc(size ? size : 1);
    if (fread(bytes, 1, size, f) != (size_t)size) { perror("read"); return 2; }
    fclose(f);
    double best = 1e30, best_cpu = 1e30;
    long events = 0;
    for (int r = 0; r < runs; r++) {
        double start = clock_seconds(CLOCK_MONOTONIC), start_cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
        yaml_parser_t parser;
        yaml_event_t event;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, bytes, size);
        events = 0;
        for (;;) {
            if (!yaml_parser_parse(&parser, &event)) { fprintf(stderr, "parse error: %s\n", parser.problem); return 1; }
            int done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            events++;
            if (done) break;
        }
        yaml_parser_delete(&parser);
        double t = clock_seconds(CLOCK_MONOTONIC) - start;
        double c = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - start_cpu;
        if (t < best) best = t;
        if (c < best_cpu) best_cpu = c;
    }
    printf("%ld %.6f %ld %.6f\n", size, best, events, best_cpu);
    free(bytes);
    return 0;
}
