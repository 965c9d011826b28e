// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.Tensor;
import dev.panamax.train.Charts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Sample: activations — d2l-zh 4.1.2: ReLU, sigmoid and tanh on [-8, 8), and their gradients by autograd.
 *
 * <p>For each function the book draws two plots: the function itself, and its derivative, taken by
 * calling {@code backward} on the output with a vector of ones (the sum of the outputs), so that
 * x.grad holds f'(x) at every point. Nothing here is trained; --epochs and --seed are accepted
 * and ignored (the output is fully determined).
 */
public final class Activations {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("activations",
            "d2l-zh 4.1.2: ReLU, sigmoid and tanh on [-8, 8) and their gradients by autograd",
            1, null, "out");

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Files.createDirectories(args.out);

        // x = torch.arange(-8.0, 8.0, 0.1, requires_grad=True)
        Tensor x = Tensor.arange(-8.0, 8.0, 0.1).requiresGrad_();
        double[] xs = x.toDoubleArray();

        double[] relu = plotWithGradient(args.out, "relu", x, Tensor::relu);
        double[] sigmoid = plotWithGradient(args.out, "sigmoid", x, Tensor::sigmoid);
        double[] tanh = plotWithGradient(args.out, "tanh", x, Tensor::tanh);

        int at1 = indexOf(xs, 1.0);
        int at0 = indexOf(xs, 0.0);
        System.out.printf("relu'(1)    = %.4f   relu'(-1) = %.4f%n", relu[at1], relu[indexOf(xs, -1.0)]);
        System.out.printf("sigmoid'(0) = %.4f   largest sigmoid' = %.4f   sigmoid'(±8) = %.6f, %.6f%n",
                sigmoid[at0], max(sigmoid), sigmoid[0], sigmoid[xs.length - 1]);
        System.out.printf("tanh'(0)    = %.4f   largest tanh' = %.4f   tanh'(±8) = %.2e, %.2e%n",
                tanh[at0], max(tanh), tanh[0], tanh[xs.length - 1]);
        args.wrote("relu.png", "relu-grad.png", "sigmoid.png", "sigmoid-grad.png", "tanh.png", "tanh-grad.png");

        System.out.println();
        System.out.println("the book: the derivative of ReLU is 0 for negative x and 1 for positive x;");
        System.out.println("          sigmoid's derivative peaks at 0.25 at x = 0, tanh's at 1, both vanish toward ±8.");
        new Result()
                .put("relu_grad_at_1", relu[at1])
                .put("sigmoid_grad_max", max(sigmoid))
                .put("tanh_grad_max", max(tanh))
                .print();
    }

    /** Plots f(x) to NAME.png and f'(x) to NAME-grad.png; returns f'(x). Clears x.grad after. */
    private static double[] plotWithGradient(Path out, String name, Tensor x, UnaryOperator<Tensor> f) {
        Tensor y = f.apply(x);
        // y.backward(torch.ones_like(x)): the gradient of sum(y), i.e. f'(x) elementwise
        y.backward(Tensor.ones(y.dtype(), y.shape()));
        double[] grad = x.grad().toDoubleArray();
        x.zeroGrad();
        double[] xs = x.toDoubleArray();
        Charts.plot(out.resolve(name + ".png"), false, name, "x", name + "(x)", false, xs,
                List.of(y.detach().toDoubleArray()), List.of(name + "(x)"));
        Charts.plot(out.resolve(name + "-grad.png"), false, "gradient of " + name, "x", "grad of " + name, false, xs,
                List.of(grad), List.of("grad of " + name));
        return grad;
    }

    private static int indexOf(double[] xs, double v) {
        int best = 0;
        for (int i = 1; i < xs.length; i++) {
            if (Math.abs(xs[i] - v) < Math.abs(xs[best] - v)) {
                best = i;
            }
        }
        return best;
    }

    private static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
