// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.kernel.Gemm;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Minibatches of a data set, as PyTorch's {@code DataLoader} and the book's {@code load_array}:
 * each pass over the loader (each {@code for (Batch b : loader)}) is one epoch.
 *
 * <p>With shuffling, each epoch draws a new permutation of the examples from the loader's
 * {@link Generator} (or from {@link Generator#global()} at the start of the epoch if none was
 * given), so a fixed seed reproduces the whole sequence of epochs. Every batch is a pair of new
 * tensors (rows copied out of the data set): a caller may keep or modify a batch without affecting
 * the data set, other batches or later epochs. Iterators are independent of each other; the only
 * state shared between epochs is the generator.
 *
 * <pre>{@code
 * DataLoader train = DataLoader.loadArray(features, labels, 10, true, new Generator(0));
 * for (int epoch = 0; epoch < 3; epoch++) {
 *     for (DataLoader.Batch b : train) {      // a new permutation each epoch
 *         Tensor l = loss.apply(net.forward(b.x()), b.y());
 *     }
 * }
 * }</pre>
 */
public final class DataLoader implements Iterable<DataLoader.Batch> {

    /** Features and targets of one minibatch: dim 0 of both is the batch. */
    public record Batch(Tensor x, Tensor y) {
        /** The number of examples. */
        public int size() {
            return x.size(0);
        }
    }

    /** Indexable examples: what a loader batches. */
    public interface Dataset {
        /** The number of examples. */
        int size();

        /**
         * The examples at the given positions, in that order, as new tensors.
         *
         * @param indices positions in [0, size()); not modified
         */
        Batch get(int[] indices);

        /**
         * Optional: the batch of the given positions, to be made in pieces (the same batch as {@code
         * get} makes). A prefetching loader then makes one piece at a time between the GEMM's
         * products, so a GEMM thread is never long away from a product; a data set whose {@code get}
         * takes more than some tens of microseconds gains from it. By default null: the loader calls
         * {@code get}.
         *
         * @param indices positions in [0, size()); not modified, and not changed by the loader while
         *     the pieces are made
         */
        default Parts parts(int[] indices) {
            return null;
        }
    }

    /**
     * A batch made in pieces ({@link Dataset#parts}): {@link #make} for every piece in [0, {@link
     * #count}), in any order, each once, on any threads, at the same time or one after another; then
     * {@link #batch}, on a thread that has seen every {@code make} return (the loader sees to that).
     */
    public interface Parts {
        /** The number of pieces. */
        int count();

        /** Makes piece {@code piece}: writes its part of the batch and of nothing else. */
        void make(int piece);

        /** The batch, once every piece is made. */
        Batch batch();
    }

    /**
     * A data set over two tensors whose dim 0 indexes the examples (PyTorch's
     * {@code TensorDataset}). The tensors are not copied; batches copy rows out of them.
     */
    public static Dataset tensorDataset(Tensor x, Tensor y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.dim() == 0 || y.dim() == 0 || x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("tensorDataset: x " + Arrays.toString(x.shape()) + " and y "
                    + Arrays.toString(y.shape()) + " must have the same size in dim 0 (one row per example)");
        }
        return new Dataset() {
            @Override
            public int size() {
                return x.size(0);
            }

            @Override
            public Batch get(int[] indices) {
                return new Batch(x.rows(indices), y.rows(indices));
            }
        };
    }

    private final Dataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final Generator generator;
    private final boolean dropLast;
    private final boolean prefetch;

    private DataLoader(Dataset data, int batchSize, boolean shuffle, Generator generator, boolean dropLast) {
        this(data, batchSize, shuffle, generator, dropLast, false);
    }

    private DataLoader(Dataset data, int batchSize, boolean shuffle, Generator generator, boolean dropLast,
                       boolean prefetch) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("DataLoader: batch size must be positive, got " + batchSize);
        }
        this.data = Objects.requireNonNull(data, "data");
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.generator = generator;
        this.dropLast = dropLast;
        this.prefetch = prefetch;
    }

    /**
     * The book's {@code load_array((features, labels), batch_size, is_train)}: batches of rows of x
     * and y, shuffled from the global generator when {@code isTrain}, the last batch kept even if
     * partial.
     *
     * @param x features, examples in dim 0; not modified
     * @param y targets, examples in dim 0; not modified
     */
    public static DataLoader loadArray(Tensor x, Tensor y, int batchSize, boolean isTrain) {
        return new DataLoader(tensorDataset(x, y), batchSize, isTrain, null, false);
    }

    /** As {@link #loadArray(Tensor, Tensor, int, boolean)}, shuffling from the given generator. */
    public static DataLoader loadArray(Tensor x, Tensor y, int batchSize, boolean isTrain, Generator g) {
        return new DataLoader(tensorDataset(x, y), batchSize, isTrain, Objects.requireNonNull(g, "generator"), false);
    }

    /** A builder over two tensors (see {@link #tensorDataset}). */
    public static Builder of(Tensor x, Tensor y) {
        return new Builder(tensorDataset(x, y));
    }

    /** A builder over any data set. */
    public static Builder of(Dataset data) {
        return new Builder(data);
    }

    /** Settings of a loader: batch size 1, in order, last partial batch kept, until changed. */
    public static final class Builder {
        private final Dataset data;
        private int batchSize = 1;
        private boolean shuffle;
        private Generator generator;
        private boolean dropLast;
        private boolean prefetch;

        private Builder(Dataset data) {
            this.data = Objects.requireNonNull(data, "data");
        }

        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        /** Shuffle each epoch with this generator (it advances with each epoch). */
        public Builder shuffle(Generator g) {
            this.shuffle = true;
            this.generator = Objects.requireNonNull(g, "generator");
            return this;
        }

        /** Shuffle each epoch with a new generator seeded so. */
        public Builder shuffle(long seed) {
            return shuffle(new Generator(seed));
        }

        /** Shuffle or not; with no generator given, the global one is used at each epoch's start. */
        public Builder shuffle(boolean on) {
            this.shuffle = on;
            return this;
        }

        /** Drop the last batch if it is smaller than the batch size (default: keep it). */
        public Builder dropLast(boolean on) {
            this.dropLast = on;
            return this;
        }

        /**
         * Make the next batch ahead, while the caller works on this one (default: off), as PyTorch's
         * {@code DataLoader} with a worker does. The batches are the same either way. The next batch
         * is made by one of the java GEMM backend's threads between its products
         * ({@link Gemm#runWhenIdle}), so on a machine whose cores the GEMM uses it takes no core
         * from the GEMM; when no such thread has started on it by the time it is needed, the caller
         * makes it. With the openblas backend using as many threads as there are cores, the caller
         * makes every batch (a thread of panamax's would compete with OpenBLAS's). A data set that
         * makes its batches in {@linkplain Dataset#parts pieces} is asked for one piece at a time,
         * so a GEMM thread is back for the next product within a piece: made whole, a
         * Fashion-MNIST batch kept the GEMM's second thread away from the next forward product for
         * about 50 us on average, in pieces for 10. The data set's {@code get} and {@code parts} may
         * therefore run on another thread, one call at a time, and pieces on two threads at once:
         * they must not depend on the caller's thread or on data the caller changes during the
         * epoch. On a 2-core machine, Fashion-MNIST's MLP trained 3-6 % faster with it on two GEMM
         * threads and about as fast or faster on one, so {@code FashionMnist.Data.trainIter} turns
         * it on.
         */
        public Builder prefetch(boolean on) {
            this.prefetch = on;
            return this;
        }

        public DataLoader build() {
            return new DataLoader(data, batchSize, shuffle, generator, dropLast, prefetch);
        }
    }

    /** The number of examples in the data set. */
    public int datasetSize() {
        return data.size();
    }

    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch: ceil(n / batchSize), or floor(n / batchSize) when dropping the last. */
    public int numBatches() {
        int n = data.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Examples per epoch (fewer than the data set's size when the last partial batch is dropped). */
    public int examplesPerEpoch() {
        return dropLast ? numBatches() * batchSize : data.size();
    }

    /** One epoch: draws its permutation now if shuffling. */
    @Override
    public Iterator<Batch> iterator() {
        int n = data.size();
        int[] order;
        if (shuffle) {
            order = (generator != null ? generator : Generator.global()).permutation(n);
        } else {
            order = new int[n];
            Arrays.setAll(order, i -> i);
        }
        Positions positions = new Positions(order, numBatches(), batchSize);
        return prefetch ? new Prefetching(data, positions) : new Iterator<>() {
            @Override
            public boolean hasNext() {
                return positions.hasNext();
            }

            @Override
            public Batch next() {
                return data.get(positions.next());
            }
        };
    }

    /** The positions of an epoch's batches, batch after batch. */
    private static final class Positions {
        private final int[] order;
        private final int batches, batchSize;
        private int next;

        Positions(int[] order, int batches, int batchSize) {
            this.order = order;
            this.batches = batches;
            this.batchSize = batchSize;
        }

        boolean hasNext() {
            return next < batches;
        }

        int[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException("DataLoader: the epoch has " + batches + " batches");
            }
            int from = next++ * batchSize;
            return Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
        }
    }

    /**
     * Hands out an epoch's batches, each made while the previous one is in use: by the java GEMM
     * backend's threads between their products ({@link Gemm#runWhenIdle}), a piece at a time when
     * the data set makes its batches in {@linkplain Dataset#parts pieces}, and by the caller for
     * whatever no GEMM thread has made by the time the batch is needed.
     */
    private static final class Prefetching implements Iterator<Batch> {
        private final Dataset data;
        private final Positions positions;
        private Ahead pending;

        Prefetching(Dataset data, Positions positions) {
            this.data = data;
            this.positions = positions;
            pending = submit();
        }

        private Ahead submit() {
            if (!positions.hasNext()) {
                return null;
            }
            Ahead next = new Ahead(data, positions.next());
            if (Gemm.backend() == Gemm.javaBackend() || Gemm.threads() < Runtime.getRuntime().availableProcessors()) {
                Gemm.runWhenIdle(next);
            }
            return next;
        }

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public Batch next() {
            if (pending == null) {
                throw new NoSuchElementException("DataLoader: the epoch is over");
            }
            Ahead b = pending;
            pending = null;
            Batch batch = b.finish(); // a failure of the data set's is thrown here, on the caller's thread
            pending = submit();
            return batch;
        }
    }

    /**
     * One batch being made ahead. Step 0 asks the data set for the batch's {@linkplain Dataset#parts
     * pieces} (or, without them, makes the whole batch with {@code get}); step 1 + i makes piece i.
     * A GEMM thread runs one step and puts the rest back in the pool's queue, so it returns to the
     * GEMM after at most one step; the caller takes the steps left when it needs the batch.
     */
    private static final class Ahead implements Runnable {
        private final Dataset data;
        private final int[] indices;
        /** Steps claimed, and steps finished (made or failed). */
        private final AtomicInteger claimed = new AtomicInteger(), finished = new AtomicInteger();
        /** The step count: 1 until step 0 has asked for pieces, then 1 + pieces. */
        private volatile int steps = 1;
        private volatile Parts parts;
        private volatile Batch whole;
        private volatile Throwable failure;

        Ahead(Dataset data, int[] indices) {
            this.data = data;
            this.indices = indices;
        }

        @Override
        public void run() {
            if (step() && claimed.get() < steps) {
                Gemm.runWhenIdle(this);
            }
        }

        /** Claims and runs the next step; false when every step was claimed already. */
        private boolean step() {
            int s = claimed.getAndIncrement();
            if (s == 0) {
                try {
                    Parts p = data.parts(indices);
                    if (p == null) {
                        whole = data.get(indices);
                    } else {
                        parts = p;
                        steps = 1 + p.count();
                    }
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    finished.incrementAndGet();
                }
                return true;
            }
            while (steps == 1 && finished.get() == 0) { // step 0 is still asking for the pieces
                Thread.onSpinWait();
            }
            if (s >= steps) {
                return false;
            }
            try {
                if (failure == null) {
                    parts.make(s - 1);
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                finished.incrementAndGet();
            }
            return true;
        }

        /** The batch, made to the end on this thread where no GEMM thread has made it. */
        Batch finish() {
            while (step()) {
                // the steps no GEMM thread has taken
            }
            for (long t0 = System.nanoTime(); finished.get() < steps; ) { // a GEMM thread's last step
                if (System.nanoTime() - t0 < 100_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
            return parts != null ? parts.batch() : whole;
        }
    }

    /**
     * The book's {@code synthetic_data(w, b, num_examples)}: X with n rows of standard normal
     * features and y = X w + b + noise with noise ~ N(0, 0.01^2), drawn from the global generator.
     *
     * @see #syntheticData(Tensor, double, int, double, Generator)
     */
    public static Batch syntheticData(Tensor w, double b, int n) {
        return syntheticData(w, b, n, 0.01, Generator.global());
    }

    /**
     * A linear-regression data set: X ~ N(0, 1) of shape [n, d] and y = X w + b + e of shape
     * [n, 1] with e ~ N(0, noiseStd^2), in the dtype of w. X is drawn first, row-major, then the n
     * noise values, all from g, so a seed fixes the result. Sums are taken in double precision.
     *
     * @param w the true weights, a 1-D tensor of length d; not modified
     * @param g the random source; advanced by n * d + n normal draws
     * @return new tensors (X, y)
     */
    public static Batch syntheticData(Tensor w, double b, int n, double noiseStd, Generator g) {
        if (w.dim() != 1) {
            throw new IllegalArgumentException("syntheticData: w must be 1-D (one weight per feature), got shape "
                    + Arrays.toString(w.shape()));
        }
        if (n < 0 || !(noiseStd >= 0)) {
            throw new IllegalArgumentException("syntheticData: need n >= 0 and noiseStd >= 0, got " + n + " and " + noiseStd);
        }
        int d = w.size(0);
        DType dtype = w.dtype();
        Tensor x = Tensor.normal(dtype, 0, 1, g, n, d);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b;
            for (int j = 0; j < d; j++) {
                s += x.getFlat(i * d + j) * w.getFlat(j);
            }
            y[i] = s;
        }
        for (int i = 0; i < n; i++) {
            y[i] += noiseStd * g.nextGaussian();
        }
        Tensor yt = dtype == DType.F64 ? Tensor.wrap(y, n, 1) : Tensor.wrap(Tensor.wrap(y, n).toFloatArray(), n, 1);
        return new Batch(x, yt);
    }
}
