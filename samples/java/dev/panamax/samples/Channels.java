// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.nn.Functional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sample: channels — d2l 6.4: cross-correlation over several input channels (a sum of one per
 * channel) and several output channels (one kernel stack each), and the 1x1 convolution as a matrix
 * product over channels, each checked against panamax's {@code conv2d}.
 */
public final class Channels {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("channels",
            "d2l 6.4: multiple input and output channels, the 1x1 convolution as a matrix product",
            1, null, "seed");

    /** 6.4.1: the sum over input channels of each channel's cross-correlation with its own kernel. */
    static Tensor corr2dMultiIn(Tensor x, Tensor k) {
        Tensor sum = null;
        for (int c = 0; c < x.size(0); c++) {
            Tensor y = ConvLayer.corr2d(x.narrow(0, c, 1).squeeze(0), k.narrow(0, c, 1).squeeze(0));
            sum = sum == null ? y : sum.add(y);
        }
        return sum;
    }

    /** 6.4.2: one corr2dMultiIn per output channel, stacked. */
    static Tensor corr2dMultiInOut(Tensor x, Tensor k) {
        List<Tensor> outs = new ArrayList<>();
        for (int o = 0; o < k.size(0); o++) {
            outs.add(corr2dMultiIn(x, k.narrow(0, o, 1).squeeze(0)));
        }
        return Tensor.stack(outs, 0);
    }

    /** 6.4.3: a 1x1 convolution is K [c_o, c_i] times X [c_i, h * w]. */
    static Tensor corr2dMultiInOut1x1(Tensor x, Tensor k) {
        int ci = x.size(0), h = x.size(1), w = x.size(2), co = k.size(0);
        return k.reshape(co, ci).matmul(x.reshape(ci, h * w)).reshape(co, h, w);
    }

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Generator g = new Generator(args.seed);

        // 6.4.1 Multiple input channels
        Tensor x = Tensor.stack(List.of(Tensor.arange(9).reshape(3, 3), Tensor.arange(1, 10, 1).reshape(3, 3)), 0);
        Tensor k = Tensor.stack(List.of(Tensor.arange(4).reshape(2, 2), Tensor.arange(1, 5, 1).reshape(2, 2)), 0);
        Tensor y = corr2dMultiIn(x, k);
        System.out.println("corr2d_multi_in(X, K):");
        System.out.println(y);
        System.out.println("the book: [[56, 72], [104, 120]]");
        boolean multiIn = y.allClose(Tensor.of(56f, 72f, 104f, 120f).reshape(2, 2), 0, 0);

        // 6.4.2 Multiple output channels: K, K + 1, K + 2
        Tensor k3 = Tensor.stack(List.of(k, k.add(1), k.add(2)), 0);
        System.out.println();
        System.out.println("K.shape: " + java.util.Arrays.toString(k3.shape()) + " (the book: [3, 2, 2, 2])");
        Tensor y3 = corr2dMultiInOut(x, k3);
        System.out.println("corr2d_multi_in_out(X, K):");
        System.out.println(y3);
        System.out.println("the book: [[[56, 72], [104, 120]], [[76, 100], [148, 172]], [[96, 128], [192, 224]]]");
        Tensor book3 = Tensor.of(56f, 72f, 104f, 120f, 76f, 100f, 148f, 172f, 96f, 128f, 192f, 224f).reshape(3, 2, 2);
        boolean multiOut = y3.allClose(book3, 0, 0);
        // the same by panamax's conv2d on a batch of one
        Tensor viaConv = Functional.conv2d(x.reshape(1, 2, 3, 3), k3, null).reshape(3, 2, 2);
        boolean convAgrees = viaConv.allClose(book3, 0, 0);
        System.out.println("Functional.conv2d(X, K) gives the same: " + convAgrees);

        // 6.4.3 1x1 convolutional layer; in float64, so that the two ways' float32 rounding (about 1e-7 an
        // element) stays far below the book's bound on their summed difference
        Tensor x1 = Tensor.normal(DType.F64, 0, 1, g, 3, 3, 3);
        Tensor k1 = Tensor.normal(DType.F64, 0, 1, g, 2, 3, 1, 1);
        Tensor y1 = corr2dMultiInOut1x1(x1, k1);
        Tensor y2 = corr2dMultiInOut(x1, k1);
        Tensor y4 = Functional.conv2d(x1.reshape(1, 3, 3, 3), k1, null).reshape(2, 3, 3);
        double diff = y1.sub(y2).abs().sum().item(), diffConv = y1.sub(y4).abs().sum().item();
        System.out.println();
        System.out.printf(Locale.ROOT, "1x1 convolution as a matrix product: sum |Y1 - Y2| = %.2e (the book asserts < 1e-6),"
                + " against conv2d %.2e%n", diff, diffConv);

        new Result()
                .put("multi_in", y.toDoubleArray())
                .put("multi_in_as_book", multiIn)
                .put("multi_out_as_book", multiOut)
                .put("conv2d_agrees", convAgrees)
                .put("one_by_one_diff", Math.max(diff, diffConv))
                .print();
    }
}
