// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.Tensor;
import dev.panamax.nn.AvgPool2d;
import dev.panamax.nn.MaxPool2d;
import java.util.ArrayList;
import java.util.List;

/**
 * Sample: pooling — d2l 6.5: maximum and average pooling from scratch, then {@code MaxPool2d} with
 * its default stride (the window), with padding and stride, with a rectangular window, and on two
 * channels (each pooled on its own).
 */
public final class Pooling {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("pooling",
            "d2l 6.5: maximum and average pooling, padding, stride, multiple channels",
            1, null, "");

    /** 6.5.1: the book's pool2d: the maximum or the mean of each window, stride 1, no padding. */
    static Tensor pool2d(Tensor x, int ph, int pw, String mode) {
        List<Tensor> rows = new ArrayList<>();
        for (int i = 0; i < x.size(0) - ph + 1; i++) {
            List<Tensor> row = new ArrayList<>();
            for (int j = 0; j < x.size(1) - pw + 1; j++) {
                Tensor window = x.slice(0, i, i + ph).slice(1, j, j + pw);
                row.add((mode.equals("max") ? window.max() : window.mean()).reshape(1));
            }
            rows.add(Tensor.cat(row, 0));
        }
        return Tensor.stack(rows, 0);
    }

    public static void main(String[] argv) throws Exception {
        SampleArgs.parse(USAGE, argv);
        List<Boolean> checks = new ArrayList<>();

        // 6.5.1 Maximum pooling and average pooling
        Tensor x = Tensor.arange(9).reshape(3, 3);
        checks.add(show("pool2d(X, (2, 2)) max", pool2d(x, 2, 2, "max"), "[[4, 5], [7, 8]]", 4, 5, 7, 8));
        checks.add(show("pool2d(X, (2, 2), 'avg')", pool2d(x, 2, 2, "avg"), "[[2, 3], [5, 6]]", 2, 3, 5, 6));
        checks.add(show("AvgPool2d(2, stride 1) on X", new AvgPool2d(2).stride(1).forward(x.reshape(1, 1, 3, 3)),
                "[[2, 3], [5, 6]]", 2, 3, 5, 6));

        // 6.5.2 Padding and stride
        Tensor x4 = Tensor.arange(16).reshape(1, 1, 4, 4);
        System.out.println("X:");
        System.out.println(x4);
        checks.add(show("MaxPool2d(3)", new MaxPool2d(3).forward(x4), "[[[[10]]]]", 10));
        checks.add(show("MaxPool2d(3, padding 1, stride 2)", new MaxPool2d(3).padding(1).stride(2).forward(x4),
                "[[[[5, 7], [13, 15]]]]", 5, 7, 13, 15));
        checks.add(show("MaxPool2d((2, 3), stride (2, 3), padding (0, 1))",
                new MaxPool2d(new int[] {2, 3}).stride(2, 3).padding(0, 1).forward(x4), "[[[[5, 7], [13, 15]]]]", 5, 7, 13, 15));

        // 6.5.3 Multiple channels: X and X + 1 stacked on the channel dimension
        Tensor x2 = Tensor.cat(List.of(x4, x4.add(1)), 1);
        System.out.println("X (two channels):");
        System.out.println(x2);
        checks.add(show("MaxPool2d(3, padding 1, stride 2), two channels", new MaxPool2d(3).padding(1).stride(2).forward(x2),
                "[[[[5, 7], [13, 15]], [[6, 8], [14, 16]]]]", 5, 7, 13, 15, 6, 8, 14, 16));

        boolean all = checks.stream().allMatch(b -> b);
        new Result()
                .put("max", pool2d(x, 2, 2, "max").toDoubleArray())
                .put("avg", pool2d(x, 2, 2, "avg").toDoubleArray())
                .put("all_as_book", all)
                .put("checks", (double) checks.size())
                .put("checks_passed", (double) checks.stream().filter(b -> b).count())
                .print();
    }

    /** Prints what, panamax's tensor and the book's, and says whether they hold the same values. */
    static boolean show(String what, Tensor got, String book, double... want) {
        double[] v = got.toDoubleArray();
        boolean same = java.util.Arrays.equals(v, want);
        System.out.println(what + ":");
        System.out.println(got);
        System.out.println("the book: " + book + (same ? "  (same)" : "  (DIFFERENT)"));
        System.out.println();
        return same;
    }
}
