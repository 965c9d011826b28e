// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.nn.Init;
import dev.panamax.nn.Linear;
import dev.panamax.nn.MSELoss;
import dev.panamax.nn.Sequential;
import dev.panamax.nn.Sigmoid;
import dev.panamax.optim.SGD;
import dev.panamax.train.Charts;
import java.nio.file.Files;
import java.util.List;

/**
 * Sample: numerical-stability — d2l-zh 4.8: vanishing sigmoid gradients, exploding matrix products, symmetry, Xavier initialization.
 *
 * <p>Four small experiments, in the order of the section:
 * <ol>
 *   <li>the sigmoid and its gradient on [-8, 8): the gradient vanishes away from 0;</li>
 *   <li>the product of 100 random 4x4 N(0, 1) matrices explodes;</li>
 *   <li>symmetry: a hidden layer whose units start equal stays equal under SGD, random init breaks it;</li>
 *   <li>Xavier initialization: the measured spread of a 1000x1000 weight against the formula.</li>
 * </ol>
 * --epochs sets the number of SGD steps of the symmetry experiment (default 20).
 */
public final class NumericalStability {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("numerical-stability",
            "d2l-zh 4.8: vanishing and exploding gradients, symmetry, Xavier initialization",
            20, "SGD steps of the symmetry experiment", "seed threads backend out");

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Files.createDirectories(args.out);
        Generator g = new Generator(args.seed);

        // ---- 1. Vanishing gradients: the sigmoid
        Tensor x = Tensor.arange(-8.0, 8.0, 0.1).requiresGrad_();
        Tensor y = x.sigmoid();
        y.backward(Tensor.ones(y.dtype(), y.shape()));
        double[] grad = x.grad().toDoubleArray();
        Charts.plot(args.out.resolve("sigmoid.png"), false, "sigmoid and its gradient", "x", "", false, x.toDoubleArray(),
                List.of(y.detach().toDoubleArray(), grad), List.of("sigmoid", "gradient"));
        double sigmoidGradMax = 0;
        for (double v : grad) {
            sigmoidGradMax = Math.max(sigmoidGradMax, v);
        }
        System.out.printf("sigmoid gradient: largest %.4f, at x = -8: %.2e, at x = 7.9: %.2e%n",
                sigmoidGradMax, grad[0], grad[grad.length - 1]);

        // ---- 2. Exploding gradients: a product of 100 random matrices
        Tensor m = Tensor.normal(0, 1, g, 4, 4);
        System.out.println();
        System.out.println("a single matrix ");
        System.out.println(m);
        for (int i = 0; i < 100; i++) {
            m = m.matmul(Tensor.normal(0, 1, g, 4, 4));
        }
        System.out.println("after multiplying 100 matrices");
        System.out.println(m);
        double productMaxAbs = m.abs().max().item();

        // ---- 3. Breaking the symmetry: two hidden units with identical initial weights
        System.out.println();
        Tensor features = Tensor.normal(0, 1, g, 32, 4);
        Tensor labels = Tensor.normal(0, 1, g, 32, 1);
        boolean constantIdentical = hiddenUnitsIdenticalAfterTraining(features, labels, true, args.epochs, g);
        boolean randomIdentical = hiddenUnitsIdenticalAfterTraining(features, labels, false, args.epochs, g);
        System.out.printf("after %d SGD steps: constant init -> hidden units identical: %b; random init -> identical: %b%n",
                args.epochs, constantIdentical, randomIdentical);

        // ---- 4. Xavier initialization on a 1000x1000 weight (fan_in = fan_out = 1000)
        System.out.println();
        Tensor w = Tensor.zeros(1000, 1000);
        int fanIn = 1000, fanOut = 1000;
        Init.xavierNormal_(w, 1.0, g);
        double xavierStd = std(w.toDoubleArray());
        double xavierStdExpected = Math.sqrt(2.0 / (fanIn + fanOut));
        System.out.printf("Xavier normal : measured std %.6f, sqrt(2 / (fan_in + fan_out)) = %.6f (%+.2f%%)%n",
                xavierStd, xavierStdExpected, 100 * (xavierStd / xavierStdExpected - 1));
        Init.xavierUniform_(w, 1.0, g);
        double[] u = w.toDoubleArray();
        double bound = Math.sqrt(6.0 / (fanIn + fanOut)), maxAbs = 0;
        for (double v : u) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        System.out.printf("Xavier uniform: largest |w| %.6f <= bound sqrt(6 / (fan_in + fan_out)) = %.6f; "
                + "measured std %.6f vs bound / sqrt(3) = %.6f%n", maxAbs, bound, std(u), bound / Math.sqrt(3));

        System.out.println();
        System.out.println("the book: the product of 100 matrices has entries of order 1e24 to 1e27; the sigmoid's gradient");
        System.out.println("          peaks at 0.25 at x = 0 and vanishes at both ends; Xavier std = sqrt(2 / (fan_in + fan_out)).");
        System.out.printf("here:     product max |entry| %.3g; sigmoid gradient max %.4f; Xavier std %.6f vs %.6f%n",
                productMaxAbs, sigmoidGradMax, xavierStd, xavierStdExpected);
        args.wrote("sigmoid.png");
        new Result()
                .put("product_max_abs", productMaxAbs)
                .put("sigmoid_grad_max", sigmoidGradMax)
                .put("xavier_std", xavierStd)
                .put("xavier_std_expected", xavierStdExpected)
                .put("symmetric_units_identical", constantIdentical && !randomIdentical)
                .print();
    }

    /**
     * Trains a 4-2-1 sigmoid MLP by SGD and reports whether its two hidden units (the rows of the
     * first weight, and the first bias) are still exactly equal.
     */
    private static boolean hiddenUnitsIdenticalAfterTraining(Tensor features, Tensor labels, boolean constantInit, int steps,
                                                             Generator g) {
        Linear hidden = new Linear(4, 2, true, features.dtype(), g);
        Linear output = new Linear(2, 1, true, features.dtype(), g);
        Sequential net = new Sequential(hidden, new Sigmoid(), output);
        if (constantInit) {
            // every weight the same: both hidden units compute the same function of the input
            for (Tensor p : net.parameters()) {
                Init.constant_(p, 0.5);
            }
        }
        SGD trainer = new SGD(net.parameters(), 0.1);
        MSELoss loss = new MSELoss();
        for (int i = 0; i < steps; i++) {
            trainer.zeroGrad();
            loss.apply(net.forward(features), labels).backward();
            trainer.step();
        }
        Tensor w1 = hidden.weight(), b1 = hidden.bias();
        boolean identical = w1.slice(0, 0, 1).eq(w1.slice(0, 1, 2)).sum().item() == w1.size(1)
                && b1.get(0) == b1.get(1);
        System.out.println((constantInit ? "constant" : "random  ") + " init, hidden weight after training:");
        System.out.println(w1.detach());
        return identical;
    }

    private static double std(double[] a) {
        double mean = 0;
        for (double v : a) {
            mean += v;
        }
        mean /= a.length;
        double ss = 0;
        for (double v : a) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (a.length - 1));
    }
}
