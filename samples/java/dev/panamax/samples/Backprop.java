// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;

/**
 * Sample: backprop — d2l-zh 4.7: the computational graph J = L + s of a one-hidden-layer net, gradients by hand against autograd.
 *
 * <p>The section's model, one example x in R^d, no bias terms, in float64:
 * <pre>
 *   z = W1 x            (W1: h x d)
 *   h = phi(z)          (phi = ReLU)
 *   o = W2 h            (W2: q x h)
 *   L = l(o, y)         the squared loss l = 1/2 ||o - y||^2 (the book leaves l open: we pick squared)
 *   s = lambda/2 (||W1||_F^2 + ||W2||_F^2)
 *   J = L + s
 * </pre>
 * Backpropagation walks this graph from J back to W1, multiplying by each node's local derivative
 * (the chain rule), exactly as the book's equations do. Autograd does the same
 * walk mechanically; the two must agree to rounding. Only --seed matters here.
 */
public final class Backprop {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("backprop",
            "d2l-zh 4.7: the gradients of a one-hidden-layer net by hand against autograd",
            1, null, "seed");

    public static void main(String[] argv) {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Generator g = new Generator(args.seed);
        int d = 4, hidden = 5, q = 3;
        double lambda = 0.1;

        // The example, its label, and the parameters: all float64, as exactness is the point here.
        Tensor x = Tensor.randn(DType.F64, g, d, 1);
        Tensor y = Tensor.randn(DType.F64, g, q, 1);
        Tensor W1 = Tensor.randn(DType.F64, g, hidden, d).requiresGrad_();
        Tensor W2 = Tensor.randn(DType.F64, g, q, hidden).requiresGrad_();

        // ---- forward propagation, keeping every intermediate so we can look at its gradient
        Tensor z = W1.matmul(x).retainGrad();
        Tensor h = z.relu().retainGrad();
        Tensor o = W2.matmul(h).retainGrad();
        Tensor L = o.sub(y).pow(2).sum().div(2);
        Tensor s = W1.pow(2).sum().add(W2.pow(2).sum()).mul(lambda / 2);
        Tensor J = L.add(s);
        System.out.printf("forward: L = %.6f, s = %.6f, J = L + s = %.6f  (lambda = %s)%n", L.item(), s.item(), J.item(), lambda);

        // ---- backpropagation by autograd
        J.backward();

        // ---- backpropagation by hand, the chain rule one node at a time, with no graph recorded
        try (Autograd.Scope _ = Autograd.noGrad()) {
            Tensor w1 = W1.detach(), w2 = W2.detach();
            Tensor zv = z.detach(), hv = h.detach(), ov = o.detach();
            // dJ/dL = 1, dJ/ds = 1
            Tensor dJdo = ov.sub(y);                                      // dL/do of 1/2 ||o - y||^2
            Tensor dJdW2 = dJdo.matmul(hv.t()).add(w2.mul(lambda));       // dJ/dW2 = dJ/do h^T + lambda W2
            Tensor dJdh = w2.t().matmul(dJdo);                            // dJ/dh = W2^T dJ/do
            Tensor dJdz = dJdh.mul(zv.gt(0));                             // dJ/dz = dJ/dh (.) phi'(z), phi' = [z > 0]
            Tensor dJdW1 = dJdz.matmul(x.t()).add(w1.mul(lambda));        // dJ/dW1 = dJ/dz x^T + lambda W1

            double worst = 0;
            worst = Math.max(worst, compare("dJ/do ", dJdo, o.grad()));
            worst = Math.max(worst, compare("dJ/dW2", dJdW2, W2.grad()));
            worst = Math.max(worst, compare("dJ/dh ", dJdh, h.grad()));
            worst = Math.max(worst, compare("dJ/dz ", dJdz, z.grad()));
            worst = Math.max(worst, compare("dJ/dW1", dJdW1, W1.grad()));

            System.out.println();
            System.out.printf("largest |by hand - autograd| over all gradients: %.3g%n", worst);
            System.out.println();
            System.out.println("the book: no numbers; the gradients derived by hand are what autograd computes,");
            System.out.println("          so they must agree to float64 rounding (here: <= 1e-10).");
            new Result().put("max_abs_diff", worst).print();
        }
    }

    /** Prints both gradients and returns the largest absolute difference. */
    private static double compare(String name, Tensor byHand, Tensor autograd) {
        double diff = byHand.sub(autograd).abs().max().item();
        System.out.println();
        System.out.println(name + " by hand:   " + indent(byHand.toString()));
        System.out.println(name + " autograd:  " + indent(autograd.toString()));
        System.out.printf("%s max |difference| = %.3g%n", name, diff);
        return diff;
    }

    private static String indent(String s) {
        return s.replace("\n", "\n" + " ".repeat(18));
    }
}
