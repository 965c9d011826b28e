// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;
import dev.panamax.nn.Conv2d;
import dev.panamax.nn.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sample: conv-layer — d2l 6.2: the two-dimensional cross-correlation from scratch, a convolutional
 * layer built on it, the {@code [1, -1]} edge detector on an image and on its transpose, and
 * learning that kernel back from the image and its edges with a 1x2 {@code Conv2d}.
 */
public final class ConvLayer {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("conv-layer",
            "d2l 6.2: cross-correlation from scratch, edge detection, learning a 1x2 kernel",
            10, "steps of learning the kernel", "seed");

    /** 6.2.1: Y[i, j] = sum(X[i:i+h, j:j+w] * K); built of differentiable ops, so a layer can learn K. */
    static Tensor corr2d(Tensor x, Tensor k) {
        int h = k.size(0), w = k.size(1);
        List<Tensor> rows = new ArrayList<>();
        for (int i = 0; i < x.size(0) - h + 1; i++) {
            List<Tensor> row = new ArrayList<>();
            for (int j = 0; j < x.size(1) - w + 1; j++) {
                row.add(x.slice(0, i, i + h).slice(1, j, j + w).mul(k).sum().reshape(1));
            }
            rows.add(Tensor.cat(row, 0));
        }
        return Tensor.stack(rows, 0);
    }

    /** 6.2.2: the book's Conv2D from scratch: a random kernel and a scalar bias around corr2d. */
    static final class Conv2D extends Module {
        final Tensor weight, bias;

        Conv2D(int kh, int kw, Generator g) {
            weight = registerParameter("weight", Tensor.rand(g, kh, kw).requiresGrad_());
            bias = registerParameter("bias", Tensor.zeros(1).requiresGrad_());
        }

        @Override
        public Tensor forward(Tensor x) {
            return corr2d(x, weight).add(bias);
        }
    }

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Generator g = new Generator(args.seed);

        // 6.2.1 The cross-correlation operation
        Tensor x = Tensor.arange(9).reshape(3, 3);
        Tensor k = Tensor.of(0f, 1f, 2f, 3f).reshape(2, 2);
        Tensor y = corr2d(x, k);
        System.out.println("corr2d(X, K):");
        System.out.println(y);
        System.out.println("the book: [[19, 25], [37, 43]]");
        boolean crossCorrelation = y.allClose(Tensor.of(19f, 25f, 37f, 43f).reshape(2, 2), 0, 0);

        // 6.2.2 A convolutional layer from scratch: its output on the same X
        Conv2D scratch = new Conv2D(2, 2, g);
        System.out.println("Conv2D (from scratch, random 2x2 kernel) on X: shape " + shape(scratch.forward(x)));

        // 6.2.3 Object edge detection in images: ones with a black band in columns 2 to 5
        float[] pixels = new float[6 * 8];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 8; j++) {
                pixels[i * 8 + j] = j >= 2 && j < 6 ? 0 : 1;
            }
        }
        Tensor image = Tensor.fromArray(pixels, 6, 8);
        System.out.println();
        System.out.println("X:");
        System.out.println(image);
        Tensor edge = Tensor.of(1f, -1f).reshape(1, 2);
        Tensor edges = corr2d(image, edge);
        System.out.println("corr2d(X, [[1, -1]]): 1 where white turns black, -1 where black turns white");
        System.out.println(edges);
        Tensor transposed = corr2d(image.t(), edge);
        System.out.println("corr2d(X.t(), [[1, -1]]): the kernel sees only horizontal changes, so nothing");
        System.out.println(transposed);
        boolean edgesAsTheBook = true;
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 7; j++) {
                edgesAsTheBook &= edges.get(i, j) == (j == 1 ? 1 : j == 5 ? -1 : 0);
            }
        }
        boolean transposedZero = transposed.abs().sum().item() == 0 && transposed.size(0) == 8 && transposed.size(1) == 5;

        // 6.2.4 Learning a kernel: a 1x2 Conv2d without bias, squared error, plain gradient steps (lr 3e-2)
        Conv2d conv2d = new Conv2d(1, 1, new int[] {1, 2}, 1, false, DType.F32, g);
        Tensor xb = image.reshape(1, 1, 6, 8), yb = edges.reshape(1, 1, 6, 7);
        double lr = 3e-2, loss = Double.NaN;
        System.out.println();
        for (int i = 0; i < args.epochs; i++) {
            Tensor yHat = conv2d.forward(xb);
            Tensor l = yHat.sub(yb).pow(2);
            conv2d.zeroGrad();
            l.sum().backward();
            try (var _ = Autograd.noGrad()) {
                conv2d.weight().sub_(conv2d.weight().grad().mul(lr));
            }
            loss = l.sum().item();
            if ((i + 1) % 2 == 0) {
                System.out.printf(Locale.ROOT, "epoch %d, loss %.3f%n", i + 1, loss);
            }
        }
        Tensor learned = conv2d.weight().detach().reshape(1, 2);
        System.out.println("learned kernel: " + learned + "   the kernel that made Y: [[1, -1]]");
        double[] w = learned.toDoubleArray();

        new Result()
                .put("corr2d", y.toDoubleArray())
                .put("cross_correlation_as_book", crossCorrelation)
                .put("edges_as_book", edgesAsTheBook)
                .put("transposed_all_zero", transposedZero)
                .put("learned_kernel", w)
                .put("final_loss", loss)
                .print();
    }

    static String shape(Tensor t) {
        return java.util.Arrays.toString(t.shape());
    }
}
