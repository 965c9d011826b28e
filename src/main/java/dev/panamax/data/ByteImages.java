// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import dev.panamax.Tensor;
import dev.panamax.kernel.Kernels;
import java.util.Arrays;

/**
 * Grayscale images kept as the unsigned bytes an IDX file holds, with their labels: a data set
 * whose batches come out as float32 [b, 1, h, w] in [0, 1] (pixel / 255, torchvision's
 * {@code ToTensor}). A quarter of the memory of a float tensor: all of Fashion-MNIST takes 55 MB,
 * so a training run fits in a small heap.
 */
public final class ByteImages implements DataLoader.Dataset {
    private final byte[] pixels;
    private final float[] labels;
    private final int count, height, width;
    /** Keeps the touching loads of {@link #get} from being removed as dead code. */
    private static int sink;

    /**
     * count images of height x width unsigned bytes and their labels, kept as given.
     *
     * @param pixels count * height * width bytes, image after image, row-major; not copied, not modified
     * @param labels one label per image; not copied, not modified
     */
    public ByteImages(byte[] pixels, float[] labels, int count, int height, int width) {
        if (count < 0 || height <= 0 || width <= 0 || (long) count * height * width != pixels.length || labels.length != count) {
            throw new IllegalArgumentException("ByteImages: " + pixels.length + " bytes and " + labels.length + " labels do not make "
                    + count + " images of " + height + " x " + width);
        }
        this.pixels = pixels;
        this.labels = labels;
        this.count = count;
        this.height = height;
        this.width = width;
    }

    @Override
    public int size() {
        return count;
    }

    /** The images at the given positions as float32 [b, 1, h, w] / 255, and their labels [b]. */
    @Override
    public DataLoader.Batch get(int[] indices) {
        Pieces p = new Pieces(indices);
        p.fill(0, indices.length);
        return p.batch();
    }

    /**
     * The same batch as {@link #get}, in pieces of about {@value #PIECE_PIXELS} pixels (one image
     * at least): about 10 microseconds of work each on a current x86 core.
     */
    @Override
    public DataLoader.Parts parts(int[] indices) {
        return new Pieces(indices);
    }

    /** Pixels per piece of {@link #parts}. */
    static final int PIECE_PIXELS = 1 << 15;

    /** A batch's arrays, filled image range by image range. */
    private final class Pieces implements DataLoader.Parts {
        private final int[] indices;
        private final float[] x, y;
        private final int perPiece;

        Pieces(int[] indices) {
            int hw = height * width;
            for (int i : indices) {
                if (i < 0 || i >= count) {
                    throw new IndexOutOfBoundsException("ByteImages: index " + i + " out of range for " + count + " images");
                }
            }
            this.indices = indices;
            x = new float[indices.length * hw];
            y = new float[indices.length];
            perPiece = Math.max(1, PIECE_PIXELS / hw);
        }

        @Override
        public int count() {
            return (indices.length + perPiece - 1) / perPiece;
        }

        @Override
        public void make(int piece) {
            fill(piece * perPiece, Math.min(indices.length, (piece + 1) * perPiece));
        }

        /** Images [from, to) of the batch. */
        void fill(int from, int to) {
            int hw = height * width;
            // A shuffled batch reads images from all over the array: one load per cache line of every
            // image first, independent of each other, so the memory fetches them all at once instead
            // of one image after the other (the conversion below then reads from the cache).
            int touched = 0;
            for (int k = from; k < to; k++) {
                for (int off = indices[k] * hw, end = off + hw; off < end; off += 64) {
                    touched += pixels[off];
                }
            }
            sink = touched;
            for (int k = from; k < to; k++) {
                int i = indices[k];
                Kernels.unsignedBytesToFloat(pixels, i * hw, x, k * hw, hw, 255f); // as ToTensor: float32 division by 255
                y[k] = labels[i];
            }
        }

        @Override
        public DataLoader.Batch batch() {
            return new DataLoader.Batch(Tensor.wrap(x, indices.length, 1, height, width), Tensor.wrap(y, indices.length));
        }
    }

    /** All images as one float32 tensor [count, 1, h, w] in [0, 1]. Allocates 4 bytes a pixel. */
    public Tensor images() {
        return get(range(0, count)).x();
    }

    /** The labels as a float32 tensor [count] (a copy). */
    public Tensor labels() {
        return Tensor.fromArray(labels, count);
    }

    /** The first n images (all if fewer), sharing nothing with this set. */
    public ByteImages head(int n) {
        int m = Math.min(Math.max(n, 0), count);
        return new ByteImages(Arrays.copyOf(pixels, m * height * width), Arrays.copyOf(labels, m), m, height, width);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
