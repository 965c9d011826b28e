// SPDX-License-Identifier: Apache-2.0
/* cblas_sgemm called from C, 1 thread: the baseline for OpenBlasSgemmBench (FFM). Prints the median
 * GFLOP/s of 15 samples of about 0.2 s each, after 1 s of warm-up, for square n = 64, 256, 512, 1024.
 * Build and run:  gcc -O2 -o /tmp/sgemm_bench bench/c/sgemm_bench.c -l:libopenblas.so.0 && flock /tmp/panamax-build.lock /tmp/sgemm_bench */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
void cblas_sgemm(int order, int ta, int tb, int m, int n, int k, float alpha, const float *a, int lda,
                 const float *b, int ldb, float beta, float *c, int ldc);   /* cblas.h: RowMajor 101, NoTrans 111 */
void openblas_set_num_threads(int n);
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int cmp(const void *x, const void *y) { double a = *(const double *) x, b = *(const double *) y; return (a > b) - (a < b); }
int main(void) {
    int sizes[] = {64, 256, 512, 1024};
    openblas_set_num_threads(1);
    for (int s = 0; s < 4; s++) {
        int n = sizes[s]; double flops = 2.0 * n * n * n, g[15];
        float *a = malloc(sizeof(float) * n * n), *b = malloc(sizeof(float) * n * n), *c = calloc((size_t) n * n, sizeof(float));
        for (int i = 0; i < n * n; i++) { a[i] = rand() / (float) RAND_MAX - 0.5f; b[i] = rand() / (float) RAND_MAX - 0.5f; }
        long reps = 1 + (long) (1.4e10 / flops);   /* about 0.2 s at 70 GFLOP/s */
        for (double t0 = now(); now() - t0 < 1.0;) cblas_sgemm(101, 111, 111, n, n, n, 1, a, n, b, n, 0, c, n);
        for (int r = 0; r < 15; r++) {
            double t0 = now();
            for (long i = 0; i < reps; i++) cblas_sgemm(101, 111, 111, n, n, n, 1, a, n, b, n, 0, c, n);
            g[r] = flops * reps / (now() - t0) / 1e9;
        }
        qsort(g, 15, sizeof(double), cmp);
        printf("C cblas_sgemm n=%4d 1 thread: median %.1f GFLOP/s (min %.1f, max %.1f)\n", n, g[7], g[0], g[14]);
        free(a); free(b); free(c);
    }
    return 0;
}
