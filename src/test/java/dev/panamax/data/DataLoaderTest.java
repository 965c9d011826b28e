// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.kernel.Gemm;
import dev.panamax.kernel.GemmBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

    /** x row i is [i, 100 + i, 200 + i]; y[i] = -i: every batch says which rows it holds. */
    private static Tensor x(int n) {
        float[] v = new float[n * 3];
        for (int i = 0; i < n; i++) {
            v[3 * i] = i;
            v[3 * i + 1] = 100 + i;
            v[3 * i + 2] = 200 + i;
        }
        return Tensor.wrap(v, n, 3);
    }

    private static Tensor y(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = -i;
        }
        return Tensor.wrap(v, n);
    }

    /** The example numbers of each batch of one epoch, checking x and y agree row by row. */
    private static List<int[]> epoch(DataLoader loader) {
        List<int[]> out = new ArrayList<>();
        for (DataLoader.Batch b : loader) {
            int m = b.size();
            assertEquals(3, b.x().size(1));
            assertArrayEquals(new int[] {m}, b.y().shape());
            int[] ids = new int[m];
            for (int r = 0; r < m; r++) {
                ids[r] = (int) b.x().get(r, 0);
                assertEquals(100 + ids[r], b.x().get(r, 1));
                assertEquals(200 + ids[r], b.x().get(r, 2));
                assertEquals(-ids[r], b.y().get(r));
            }
            out.add(ids);
        }
        return out;
    }

    private static int[] flat(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void batchesInOrderKeepingTheLastPartialBatch() {
        DataLoader l = DataLoader.loadArray(x(10), y(10), 4, false);
        List<int[]> e = epoch(l);
        assertEquals(3, e.size());
        assertArrayEquals(new int[] {0, 1, 2, 3}, e.get(0));
        assertArrayEquals(new int[] {4, 5, 6, 7}, e.get(1));
        assertArrayEquals(new int[] {8, 9}, e.get(2));
        assertEquals(3, l.numBatches());
        assertEquals(10, l.examplesPerEpoch());
    }

    @Test
    void dropsTheLastPartialBatchWhenAsked() {
        DataLoader l = DataLoader.of(x(10), y(10)).batchSize(4).dropLast(true).build();
        List<int[]> e = epoch(l);
        assertEquals(2, e.size());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, flat(e));
        assertEquals(2, l.numBatches());
        assertEquals(8, l.examplesPerEpoch());
        // an exact multiple drops nothing
        assertEquals(5, epoch(DataLoader.of(x(10), y(10)).batchSize(2).dropLast(true).build()).size());
        // fewer examples than one batch: nothing at all
        assertEquals(0, epoch(DataLoader.of(x(3), y(3)).batchSize(4).dropLast(true).build()).size());
    }

    @Test
    void shufflingIsAPermutationEachEpochAndReproducibleFromTheSeed() {
        DataLoader a = DataLoader.of(x(50), y(50)).batchSize(8).shuffle(42).build();
        DataLoader b = DataLoader.of(x(50), y(50)).batchSize(8).shuffle(42).build();
        int[] a1 = flat(epoch(a));
        int[] a2 = flat(epoch(a));
        int[] b1 = flat(epoch(b));
        int[] b2 = flat(epoch(b));
        assertArrayEquals(a1, b1, "same seed, same first epoch");
        assertArrayEquals(a2, b2, "same seed, same second epoch");
        assertFalse(Arrays.equals(a1, a2), "each epoch draws a new order");
        int[] identity = new int[50];
        Arrays.setAll(identity, i -> i);
        assertFalse(Arrays.equals(identity, a1), "shuffled");
        for (int[] e : List.of(a1, a2)) {
            int[] sorted = e.clone();
            Arrays.sort(sorted);
            assertArrayEquals(identity, sorted, "every example exactly once per epoch");
        }
        // the order is the generator's permutation: nothing else consumes randomness
        assertArrayEquals(new Generator(42).permutation(50), a1);
        int[] c1 = flat(epoch(DataLoader.of(x(50), y(50)).batchSize(8).shuffle(43).build()));
        assertFalse(Arrays.equals(a1, c1), "another seed, another order");
    }

    @Test
    void loadArrayForTrainingShufflesFromTheGlobalGenerator() {
        Generator.manualSeed(7);
        int[] first = flat(epoch(DataLoader.loadArray(x(20), y(20), 6, true)));
        Generator.manualSeed(7);
        int[] again = flat(epoch(DataLoader.loadArray(x(20), y(20), 6, true)));
        assertArrayEquals(first, again);
        assertArrayEquals(new Generator(7).permutation(20), first);
        assertArrayEquals(first, flat(epoch(DataLoader.loadArray(x(20), y(20), 6, true, new Generator(7)))));
    }

    @Test
    void batchesAreFreshTensorsThatShareNothing() {
        Tensor x = x(6);
        float[] before = x.f32().clone();
        DataLoader l = DataLoader.loadArray(x, y(6), 3, false);
        DataLoader.Batch first = l.iterator().next();
        first.x().f32()[0] = 999;
        assertArrayEquals(before, x.f32(), "the data set is untouched");
        DataLoader.Batch again = l.iterator().next();
        assertEquals(0, again.x().get(0, 0), "a later epoch is untouched");
        // two iterators at once are independent
        Iterator<DataLoader.Batch> i1 = l.iterator();
        Iterator<DataLoader.Batch> i2 = l.iterator();
        assertEquals(0, i1.next().x().get(0, 0));
        assertEquals(3, i1.next().x().get(0, 0));
        assertEquals(0, i2.next().x().get(0, 0));
        assertFalse(i1.hasNext());
        assertThrows(NoSuchElementException.class, i1::next);
    }

    @Test
    void batchesAnyDataset() {
        DataLoader.Dataset squares = new DataLoader.Dataset() {
            @Override
            public int size() {
                return 5;
            }

            @Override
            public DataLoader.Batch get(int[] idx) {
                double[] a = new double[idx.length];
                double[] b = new double[idx.length];
                for (int k = 0; k < idx.length; k++) {
                    a[k] = idx[k];
                    b[k] = idx[k] * idx[k];
                }
                return new DataLoader.Batch(Tensor.wrap(a, idx.length, 1), Tensor.wrap(b, idx.length));
            }
        };
        List<Double> ys = new ArrayList<>();
        for (DataLoader.Batch b : DataLoader.of(squares).batchSize(2).build()) {
            for (int k = 0; k < b.size(); k++) {
                ys.add(b.y().get(k));
            }
        }
        assertEquals(List.of(0.0, 1.0, 4.0, 9.0, 16.0), ys);
    }

    @Test
    void prefetchingGivesTheSameBatchesMadeOnAnotherThread() {
        for (boolean dropLast : new boolean[] {false, true}) {
            DataLoader plain = DataLoader.of(x(50), y(50)).batchSize(8).shuffle(42).dropLast(dropLast).build();
            DataLoader ahead = DataLoader.of(x(50), y(50)).batchSize(8).shuffle(42).dropLast(dropLast).prefetch(true).build();
            for (int epoch = 0; epoch < 3; epoch++) {
                List<int[]> a = epoch(plain), b = epoch(ahead);
                assertEquals(a.size(), b.size());
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(a.get(i), b.get(i), "epoch " + epoch + " batch " + i);
                }
            }
        }
        Iterator<DataLoader.Batch> empty = DataLoader.of(x(0), y(0)).batchSize(4).prefetch(true).build().iterator();
        assertFalse(empty.hasNext());
        assertThrows(NoSuchElementException.class, empty::next);

        List<String> threads = new ArrayList<>();
        DataLoader.Dataset where = new DataLoader.Dataset() {
            @Override
            public int size() {
                return 3;
            }

            @Override
            public DataLoader.Batch get(int[] idx) {
                synchronized (threads) {
                    threads.add(Thread.currentThread().getName());
                }
                if (idx[0] == 2) {
                    throw new IllegalStateException("example 2 is broken");
                }
                return new DataLoader.Batch(Tensor.zeros(idx.length, 1), Tensor.zeros(idx.length));
            }
        };
        Iterator<DataLoader.Batch> it = DataLoader.of(where).batchSize(1).prefetch(true).build().iterator();
        it.next();
        it.next();
        var e = assertThrows(IllegalStateException.class, it::next); // the failure of get, on the caller's thread
        assertEquals("example 2 is broken", e.getMessage());
        assertFalse(it.hasNext());
        // An epoch left early leaves nothing behind that changes the next one.
        DataLoader ahead = DataLoader.of(x(20), y(20)).batchSize(4).shuffle(7).prefetch(true).build();
        DataLoader plain = DataLoader.of(x(20), y(20)).batchSize(4).shuffle(7).build();
        ahead.iterator().next();
        plain.iterator().next();
        assertArrayEquals(flat(epoch(plain)), flat(epoch(ahead)));
    }

    @Test
    void prefetchingMakesBatchesOnAGemmThreadWhileTheCallerWorks() throws Exception {
        // The java backend's threads make the batches (with openblas on every core the caller would).
        GemmBackend saved = Gemm.backend();
        Gemm.setBackend("java");
        try {
            List<String> threads = Collections.synchronizedList(new ArrayList<>());
            DataLoader.Dataset slow = new DataLoader.Dataset() {
                @Override
                public int size() {
                    return 4;
                }

                @Override
                public DataLoader.Batch get(int[] idx) {
                    threads.add(Thread.currentThread().getName());
                    return new DataLoader.Batch(Tensor.full(idx[0], idx.length, 1), Tensor.zeros(idx.length));
                }
            };
            int i = 0;
            for (DataLoader.Batch b : DataLoader.of(slow).batchSize(1).prefetch(true).build()) {
                assertEquals(i++, b.x().getFlat(0));
                Thread.sleep(50); // the caller's work on this batch, while the next one is made
            }
            assertEquals(4, i);
            // The first batch may be the caller's (asked for at once); the ones made during the sleeps are not.
            assertTrue(threads.subList(1, 4).stream().allMatch(t -> t.startsWith("panamax-gemm-")), threads.toString());
        } finally {
            Gemm.setBackend(saved);
        }
    }

    /** Rows 0..n-1 of {@link #x} and {@link #y}, made in pieces of 3 examples, recording who made which. */
    private static DataLoader.Dataset inPieces(int n, List<String> makers, int failAt) {
        Tensor x = x(n), y = y(n);
        return new DataLoader.Dataset() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public DataLoader.Batch get(int[] idx) {
                return new DataLoader.Batch(x.rows(idx), y.rows(idx));
            }

            @Override
            public DataLoader.Parts parts(int[] idx) {
                float[] xs = new float[idx.length * 3], ys = new float[idx.length];
                return new DataLoader.Parts() {
                    @Override
                    public int count() {
                        return (idx.length + 2) / 3;
                    }

                    @Override
                    public void make(int piece) {
                        makers.add(Thread.currentThread().getName());
                        for (int k = 3 * piece; k < Math.min(idx.length, 3 * piece + 3); k++) {
                            if (idx[k] == failAt) {
                                throw new IllegalArgumentException("example " + failAt + " is broken");
                            }
                            for (int c = 0; c < 3; c++) {
                                xs[k * 3 + c] = (float) x.get(idx[k], c);
                            }
                            ys[k] = (float) y.get(idx[k]);
                        }
                    }

                    @Override
                    public DataLoader.Batch batch() {
                        return new DataLoader.Batch(Tensor.wrap(xs, idx.length, 3), Tensor.wrap(ys, idx.length));
                    }
                };
            }
        };
    }

    @Test
    void prefetchingMakesADataSetsBatchesInPiecesOnGemmThreadsAndTheCaller() throws Exception {
        GemmBackend saved = Gemm.backend();
        Gemm.setBackend("java");
        try {
            List<String> makers = Collections.synchronizedList(new ArrayList<>());
            DataLoader plain = DataLoader.of(x(50), y(50)).batchSize(8).shuffle(9).build();
            DataLoader ahead = DataLoader.of(inPieces(50, makers, -1)).batchSize(8).shuffle(9).prefetch(true).build();
            for (int epoch = 0; epoch < 3; epoch++) {
                assertArrayEquals(flat(epoch(plain)), flat(epoch(ahead)), "epoch " + epoch);
            }
            // Caller's work between batches: the GEMM threads then make the pieces.
            makers.clear();
            int batches = 0;
            for (DataLoader.Batch b : ahead) {
                batches++;
                Thread.sleep(30);
            }
            assertEquals(7, batches);
            assertEquals(6 * 3 + 1, makers.size(), makers.toString()); // every piece once
            // The first batch is asked for at once; the later ones are made during the caller's
            // sleeps (most of them: a busy machine may keep a GEMM thread from a piece in time).
            long byGemmThreads = makers.subList(3, makers.size()).stream().filter(t -> t.startsWith("panamax-gemm-")).count();
            assertTrue(byGemmThreads >= 8, makers.toString());
        } finally {
            Gemm.setBackend(saved);
        }
        // A piece that fails fails its batch on the caller's thread, wherever it was made.
        List<String> makers = Collections.synchronizedList(new ArrayList<>());
        Iterator<DataLoader.Batch> it = DataLoader.of(inPieces(12, makers, 7)).batchSize(6).prefetch(true).build().iterator();
        it.next();
        var e = assertThrows(IllegalArgumentException.class, it::next);
        assertEquals("example 7 is broken", e.getMessage());
        assertFalse(it.hasNext());
    }

    @Test
    void rejectsBadArguments() {
        var e = assertThrows(IllegalArgumentException.class, () -> DataLoader.loadArray(x(4), y(5), 2, false));
        assertTrue(e.getMessage().contains("[4, 3]") && e.getMessage().contains("[5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DataLoader.loadArray(x(4), y(4), 0, false));
        assertTrue(e.getMessage().contains("batch size must be positive, got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataLoader.syntheticData(Tensor.zeros(2, 1), 0, 3));
    }

    @Test
    void syntheticDataFollowsTheLinearModelWithTheBooksNoise() {
        Tensor w = Tensor.of(2f, -3.4f);
        double b = 4.2;
        int n = 20_000;
        DataLoader.Batch d = DataLoader.syntheticData(w, b, n, 0.01, new Generator(3));
        assertArrayEquals(new int[] {n, 2}, d.x().shape());
        assertArrayEquals(new int[] {n, 1}, d.y().shape());
        assertEquals(DType.F32, d.y().dtype());

        SummaryStatistics features = new SummaryStatistics();
        double[][] xs = new double[n][2];
        double[] ys = new double[n];
        SummaryStatistics noise = new SummaryStatistics();
        for (int i = 0; i < n; i++) {
            xs[i][0] = d.x().get(i, 0);
            xs[i][1] = d.x().get(i, 1);
            features.addValue(xs[i][0]);
            features.addValue(xs[i][1]);
            ys[i] = d.y().get(i, 0);
            noise.addValue(ys[i] - (xs[i][0] * 2f + xs[i][1] * -3.4f + b));
        }
        // X ~ N(0, 1): mean within 5 standard errors (1/sqrt(2n) = 0.005), std within 2%
        assertEquals(0, features.getMean(), 0.025);
        assertEquals(1, features.getStandardDeviation(), 0.02);
        // noise ~ N(0, 0.01^2)
        assertEquals(0, noise.getMean(), 5 * 0.01 / Math.sqrt(n));
        assertEquals(0.01, noise.getStandardDeviation(), 0.0005);
        // least squares recovers w and b to within a few standard errors (0.01 / sqrt(n) = 7e-5)
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(ys, xs);
        double[] beta = ols.estimateRegressionParameters();
        assertEquals(4.2, beta[0], 5e-4);
        assertEquals(2.0, beta[1], 5e-4);
        assertEquals(-3.4, beta[2], 5e-4);

        // fixed by the seed, and float64 in, float64 out
        DataLoader.Batch again = DataLoader.syntheticData(w, b, n, 0.01, new Generator(3));
        assertArrayEquals(d.x().f32(), again.x().f32());
        assertArrayEquals(d.y().f32(), again.y().f32());
        DataLoader.Batch d64 = DataLoader.syntheticData(Tensor.of(2.0, -3.4), b, 10, 0.0, new Generator(3));
        assertEquals(DType.F64, d64.y().dtype());
        assertEquals(d64.x().get(4, 0) * 2 + d64.x().get(4, 1) * -3.4 + 4.2, d64.y().get(4, 0), 1e-12);
        assertNotEquals(d.x().get(0, 0), DataLoader.syntheticData(w, b, 1, 0.01, new Generator(4)).x().get(0, 0));
    }
}
