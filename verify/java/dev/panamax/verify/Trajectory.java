// SPDX-License-Identifier: Apache-2.0
package dev.panamax.verify;

import dev.panamax.DType;
import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;
import dev.panamax.data.FashionMnist;
import dev.panamax.io.SafeTensors;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Functional;
import dev.panamax.nn.Linear;
import dev.panamax.nn.ReLU;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.SGD;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * panamax's side of the trajectory check ({@code verify/trajectory}): PyTorch's initial weights and
 * batch order, 50 SGD steps of the 784-256-10 MLP (lr 0.1) and of d2l's LeNet (6.6: sigmoid, average
 * pooling, lr 0.9) on the first 12,800 Fashion-MNIST training images, per-step loss against
 * PyTorch's: within 1e-4 relative in float32, 1e-9 in float64. Exits 1 when a bound is broken.
 */
public final class Trajectory {
    static final int STEPS = 50, BATCH = 256, N = 12800;

    public static void main(String[] args) throws Exception {
        Map<String, Tensor> t = SafeTensors.read(Path.of(args[0]));
        System.out.println(dev.panamax.Backend.describe());
        FashionMnist.Data data = FashionMnist.load();
        Tensor xAll = data.train().head(N).images().reshape(N, 784);
        Tensor yAll = data.train().head(N).labels();
        Tensor order = t.get("order");
        boolean ok = mlp(t, xAll, yAll, order);
        ok &= lenet(t, data.train().head(N).images(), yAll);
        System.exit(ok ? 0 : 1);
    }

    static boolean mlp(Map<String, Tensor> t, Tensor xAll, Tensor yAll, Tensor order) {
        System.out.println("784-256-10 MLP, SGD lr 0.1");
        boolean ok = true;
        for (DType dt : new DType[] {DType.F32, DType.F64}) {
            Linear l1 = new Linear(784, 256, true, dt, new dev.panamax.Generator(0));
            Linear l2 = new Linear(256, 10, true, dt, new dev.panamax.Generator(0));
            try (var _ = Autograd.noGrad()) {
                l1.weight().copy_(t.get("w1"));
                l1.bias().copy_(t.get("b1"));
                l2.weight().copy_(t.get("w2"));
                l2.bias().copy_(t.get("b2"));
            }
            Sequential net = new Sequential(l1, new ReLU(), l2);
            SGD opt = new SGD(net.parameters(), 0.1);
            CrossEntropyLoss loss = new CrossEntropyLoss(Reduction.MEAN);
            ok &= steps(dt, t.get(dt == DType.F32 ? "f32.losses" : "f64.losses"), order,
                    idx -> loss.apply(net.forward(xAll.rows(idx).to(dt)), yAll.rows(idx).to(dt)), opt);
        }
        return ok;
    }

    /** The parameters of PyTorch's Sequential LeNet, by their state_dict names (lenet.0.weight, ...), in order. */
    static final String[] LENET = {"0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias",
        "11.weight", "11.bias"};

    /** d2l 6.6's LeNet written with the functional ops on the parameters p (in LENET's order). */
    static Tensor lenetForward(Tensor[] p, Tensor x) {
        Tensor h = Functional.avgPool2d(Functional.conv2d(x, p[0], p[1], 1, 2).sigmoid(), new int[] {2, 2}, null, new int[] {0, 0},
                false, true);
        h = Functional.avgPool2d(Functional.conv2d(h, p[2], p[3], 1, 0).sigmoid(), new int[] {2, 2}, null, new int[] {0, 0}, false, true);
        h = Functional.linear(h.flatten(1, -1), p[4], p[5]).sigmoid();
        h = Functional.linear(h, p[6], p[7]).sigmoid();
        return Functional.linear(h, p[8], p[9]);
    }

    static boolean lenet(Map<String, Tensor> t, Tensor images, Tensor yAll) {
        System.out.println("LeNet (d2l 6.6), SGD lr 0.9");
        Tensor order = t.get("lenet.order");
        boolean ok = true;
        for (DType dt : new DType[] {DType.F32, DType.F64}) {
            Tensor[] p = new Tensor[LENET.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = t.get("lenet." + LENET[i]).to(dt).detach().requiresGrad_();
            }
            SGD opt = new SGD(java.util.List.of(p), 0.9);
            ok &= steps(dt, t.get(dt == DType.F32 ? "lenet.f32.losses" : "lenet.f64.losses"), order,
                    idx -> Functional.crossEntropy(lenetForward(p, images.rows(idx).to(dt)), yAll.rows(idx).to(dt), Reduction.MEAN), opt);
        }
        return ok;
    }

    /**
     * STEPS SGD steps of the loss that loss gives for a batch's indices, the batches taken from
     * order; prints the loss beside PyTorch's (torch) and returns whether the
     * largest relative difference stays within 1e-4 (float32) or 1e-9 (float64).
     */
    static boolean steps(DType dt, Tensor torch, Tensor order, Function<int[], Tensor> loss, SGD opt) {
        double bound = dt == DType.F32 ? 1e-4 : 1e-9, worst = 0;
        int worstStep = 0;
        System.out.printf(Locale.ROOT, "%s: step  panamax loss        PyTorch loss        relative diff%n", dt);
        for (int s = 0; s < STEPS; s++) {
            int[] idx = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                idx[i] = (int) order.getFlat(s * BATCH + i);
            }
            Tensor l = loss.apply(idx);
            opt.zeroGrad();
            l.backward();
            opt.step();
            double mine = l.item(), theirs = torch.getFlat(s), rel = Math.abs(mine - theirs) / Math.abs(theirs);
            if (rel > worst) {
                worst = rel;
                worstStep = s;
            }
            if (s < 3 || s % 10 == 9) {
                System.out.printf(Locale.ROOT, "      %4d  %.15f  %.15f  %.2e%n", s + 1, mine, theirs, rel);
            }
        }
        boolean pass = worst <= bound;
        System.out.printf(Locale.ROOT, "%s: largest relative difference over %d steps %.2e at step %d (bound %.0e): %s%n%n",
                dt, STEPS, worst, worstStep + 1, bound, pass ? "PASS" : "FAIL");
        return pass;
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
