// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.nn.Conv2d;
import java.util.Arrays;

/**
 * Sample: padding-strides — d2l 6.3: how padding keeps a convolution's output as large as its input,
 * and how strides shrink it: the output shapes of four {@code Conv2d} layers on an 8x8 input.
 */
public final class PaddingStrides {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("padding-strides",
            "d2l 6.3: output shapes of convolutions with padding and strides",
            1, null, "seed");

    /** 6.3.1: the book's comp_conv2d: adds the batch and channel dimensions, drops them from the output. */
    static Tensor compConv2d(Conv2d conv2d, Tensor x) {
        int[] s = x.shape();
        Tensor y = conv2d.forward(x.reshape(1, 1, s[0], s[1]));
        return y.reshape(y.size(2), y.size(3));
    }

    /** nn.Conv2d(1, 1, kernel_size) with its weights drawn from g. */
    static Conv2d conv2d(int kernel, Generator g) {
        return conv2d(new int[] {kernel}, g);
    }

    static Conv2d conv2d(int[] kernel, Generator g) {
        return new Conv2d(1, 1, kernel, 1, true, DType.F32, g);
    }

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Generator g = new Generator(args.seed);
        Tensor x = Tensor.rand(g, 8, 8);

        // 6.3.1 Padding: a 3x3 kernel with padding 1 on each side, then a 5x3 kernel with padding (2, 1)
        Conv2d[] layers = {
            conv2d(3, g).padding(1),
            conv2d(new int[] {5, 3}, g).padding(2, 1),
            // 6.3.2 Stride: stride 2 halves both sides; then (3, 5) kernel, padding (0, 1), stride (3, 4)
            conv2d(3, g).padding(1).stride(2),
            conv2d(new int[] {3, 5}, g).padding(0, 1).stride(3, 4),
        };
        String[] what = {
            "kernel 3, padding 1", "kernel (5, 3), padding (2, 1)", "kernel 3, padding 1, stride 2",
            "kernel (3, 5), padding (0, 1), stride (3, 4)",
        };
        int[][] book = {{8, 8}, {8, 8}, {4, 4}, {2, 2}};
        double[] shapes = new double[2 * layers.length];
        boolean same = true;
        System.out.printf("%-46s %-10s %s%n", "8x8 input, Conv2d(1, 1, ...)", "the book", "panamax");
        for (int i = 0; i < layers.length; i++) {
            int[] s = compConv2d(layers[i], x).shape();
            System.out.printf("%-46s %-10s %s%n", what[i], Arrays.toString(book[i]), Arrays.toString(s));
            shapes[2 * i] = s[0];
            shapes[2 * i + 1] = s[1];
            same &= Arrays.equals(s, book[i]);
        }
        new Result().put("shapes", shapes).put("shapes_as_book", same).print();
    }
}
