// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FunctionalTest {
    private static final Tensor LOGITS = Tensor.fromArray(new double[] {1, 2, 3, 1, 1, 1, -2, 0.5, 4}, 3, 3);
    private static final Tensor LABELS = Tensor.of(2.0, 0.0, 1.0);

    /** loss_i = log(sum_j exp z_ij) - z_{i, y_i}, by hand. */
    private static double[] handCe(Tensor z, Tensor y) {
        int n = z.size(0), c = z.size(1);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < c; j++) {
                s += Math.exp(z.get(i, j));
            }
            out[i] = Math.log(s) - z.get(i, (int) y.get(i));
        }
        return out;
    }

    @Test
    void crossEntropyMatchesHandComputationForEveryReduction() {
        double[] hand = handCe(LOGITS, LABELS);
        assertEquals(Math.log(1 + Math.exp(-1) + Math.exp(-2)), hand[0], 1e-15);
        Tensor none = new CrossEntropyLoss(Reduction.NONE).apply(LOGITS, LABELS);
        assertArrayEquals(new int[] {3}, none.shape());
        assertArrayEquals(hand, none.toDoubleArray(), 1e-14);
        double sum = hand[0] + hand[1] + hand[2];
        Tensor s = new CrossEntropyLoss(Reduction.SUM).apply(LOGITS, LABELS);
        assertArrayEquals(new int[0], s.shape());
        assertEquals(sum, s.item(), 1e-14);
        assertEquals(sum / 3, new CrossEntropyLoss().apply(LOGITS, LABELS).item(), 1e-14);
        // F32 agrees with F64 to float precision; F32 labels work the same.
        Tensor f32 = Functional.crossEntropy(LOGITS.to(DType.F32), LABELS.to(DType.F32), Reduction.NONE);
        assertEquals(DType.F32, f32.dtype());
        assertArrayEquals(hand, f32.toDoubleArray(), 1e-6);
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        for (DType dt : DType.values()) {
            Tensor z = Tensor.fromArray(new double[] {1e4, 0, -1e4, -1e4, 1e4, 1e4}, 2, 3).to(dt);
            Tensor loss = Functional.crossEntropy(z, Tensor.of(0.0, 0.0), Reduction.NONE);
            assertEquals(0.0, loss.get(0), 0.0, dt.toString());
            // Row 2: logsumexp = 1e4 + log 2, target logit -1e4.
            assertEquals(2e4 + Math.log(2), loss.get(1), dt == DType.F64 ? 1e-9 : 2e-3, dt.toString());
            Tensor zg = z.detach().requiresGrad_();
            Functional.crossEntropy(zg, Tensor.of(1.0, 2.0), Reduction.SUM).backward();
            double[] g = zg.grad().toDoubleArray();
            // softmax - onehot: row 1 is [1, 0, 0] - [0, 1, 0]; row 2 is [0, .5, .5] - [0, 0, 1].
            assertArrayEquals(new double[] {1, -1, 0, 0, 0.5, -0.5}, g, 1e-7);
        }
        // The naive formula overflows on the same logits: the fused op is the point.
        Tensor z = Tensor.fromArray(new double[] {1e4, 0, -1e4}, 1, 3);
        assertTrue(Double.isNaN(z.exp().div(z.exp().sum()).get(0, 0)));
    }

    @Test
    void crossEntropyGradientMatchesFiniteDifferences() {
        Generator g = new Generator(11);
        Tensor z = Tensor.randn(DType.F64, g, 5, 4).mul(3);
        Tensor y = Tensor.of(0.0, 3.0, 1.0, 1.0, 2.0);
        for (Reduction r : Reduction.values()) {
            Tensor gradOut = r == Reduction.NONE ? Tensor.randn(DType.F64, g, 5) : Tensor.full(DType.F64, 1.7);
            Function<Tensor, Double> f = t -> Functional.crossEntropy(t, y, r).mul(gradOut).sum().item();
            Tensor zg = z.detach().requiresGrad_();
            Functional.crossEntropy(zg, y, r).backward(gradOut);
            assertArrayEquals(numericGrad(f, z), zg.grad().toDoubleArray(), 1e-7, r.toString());
        }
    }

    @Test
    void linearGradientMatchesFiniteDifferences() {
        Generator g = new Generator(12);
        Tensor x = Tensor.randn(DType.F64, g, 4, 3);
        Tensor w = Tensor.randn(DType.F64, g, 2, 3);
        Tensor b = Tensor.randn(DType.F64, g, 2);
        Tensor gy = Tensor.randn(DType.F64, g, 4, 2);
        Tensor xg = x.detach().requiresGrad_(), wg = w.detach().requiresGrad_(), bg = b.detach().requiresGrad_();
        Functional.linear(xg, wg, bg).backward(gy);
        assertArrayEquals(numericGrad(t -> Functional.linear(t, w, b).mul(gy).sum().item(), x), xg.grad().toDoubleArray(), 1e-7);
        assertArrayEquals(numericGrad(t -> Functional.linear(x, t, b).mul(gy).sum().item(), w), wg.grad().toDoubleArray(), 1e-7);
        assertArrayEquals(numericGrad(t -> Functional.linear(x, w, t).mul(gy).sum().item(), b), bg.grad().toDoubleArray(), 1e-7);
        // Without bias, and in F32 against F64.
        Tensor w32 = w.to(DType.F32).requiresGrad_();
        Functional.linear(x.to(DType.F32), w32, null).backward(gy.to(DType.F32));
        Tensor w64 = w.detach().requiresGrad_();
        Functional.linear(x, w64, null).backward(gy);
        assertArrayEquals(w64.grad().toDoubleArray(), w32.grad().toDoubleArray(), 1e-5);
    }

    @Test
    void linearReluEqualsLinearThenReluInValueAndGradient() {
        Generator g = new Generator(13);
        Tensor x = Tensor.randn(DType.F64, g, 6, 5);
        Tensor w = Tensor.randn(DType.F64, g, 4, 5);
        Tensor b = Tensor.randn(DType.F64, g, 4);
        Tensor gy = Tensor.randn(DType.F64, g, 6, 4);
        Tensor[] fused = {x.detach().requiresGrad_(), w.detach().requiresGrad_(), b.detach().requiresGrad_()};
        Tensor[] plain = {x.detach().requiresGrad_(), w.detach().requiresGrad_(), b.detach().requiresGrad_()};
        Tensor yf = Functional.linearRelu(fused[0], fused[1], fused[2]);
        Tensor yp = Functional.linear(plain[0], plain[1], plain[2]).relu();
        assertArrayEquals(yp.toDoubleArray(), yf.toDoubleArray(), 0.0);
        assertTrue(yf.eq(0).sum().item() > 0, "some units are cut by the relu");
        yf.backward(gy);
        yp.backward(gy);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(plain[i].grad().toDoubleArray(), fused[i].grad().toDoubleArray(), 1e-12);
        }
        assertArrayEquals(numericGrad(t -> Functional.linearRelu(t, w, b).mul(gy).sum().item(), x), fused[0].grad().toDoubleArray(), 1e-6);
    }

    @Test
    void linearSigmoidEqualsLinearThenSigmoidBitForBit() {
        Generator g = new Generator(15);
        for (int[] s : new int[][] {{256, 400, 120}, {7, 5, 3}, {33, 17, 21}}) { // LeNet's first, odd sizes
            Tensor x = Tensor.randn(DType.F32, g, s[0], s[1]).mul(2);
            Tensor w = Tensor.randn(DType.F32, g, s[2], s[1]);
            Tensor b = Tensor.randn(DType.F32, g, s[2]);
            Tensor gy = Tensor.randn(DType.F32, g, s[0], s[2]);
            Tensor[] fused = {x.detach().requiresGrad_(), w.detach().requiresGrad_(), b.detach().requiresGrad_()};
            Tensor[] plain = {x.detach().requiresGrad_(), w.detach().requiresGrad_(), b.detach().requiresGrad_()};
            Tensor yf = Functional.linearSigmoid(fused[0], fused[1], fused[2]);
            Tensor yp = Functional.linear(plain[0], plain[1], plain[2]).sigmoid();
            assertEquals("linear_sigmoid", yf.gradFn().op());
            assertArrayEquals(yp.toFloatArray(), yf.toFloatArray(), 0f);
            assertTrue(yf.gt(0.99).sum().item() > 0 && yf.lt(0.01).sum().item() > 0, "both tails reached");
            yf.backward(gy);
            yp.backward(gy);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(plain[i].grad().toFloatArray(), fused[i].grad().toFloatArray(), 0f);
            }
        }
        Tensor x64 = Tensor.randn(DType.F64, g, 6, 5), w64 = Tensor.randn(DType.F64, g, 4, 5);
        assertArrayEquals(Functional.linear(x64, w64, null).sigmoid().toDoubleArray(),
                Functional.linearSigmoid(x64, w64, null).toDoubleArray(), 0.0);
    }

    @Test
    void sequentialFusesLinearSigmoidWithoutChangingResults() {
        Generator g = new Generator(16);
        Linear l1 = new Linear(5, 7, true, DType.F32, g), l2 = new Linear(7, 3, true, DType.F32, g);
        Sequential net = new Sequential(l1, new Sigmoid(), l2);
        Tensor x = Tensor.randn(DType.F32, g, 4, 5);
        Tensor viaSequential = net.forward(x);
        assertEquals("linear_sigmoid", viaSequential.gradFn().inputs()[0].gradFn().op());
        Tensor byHand = l2.forward(l1.forward(x).sigmoid());
        assertArrayEquals(byHand.toFloatArray(), viaSequential.toFloatArray(), 0f);
        viaSequential.sum().backward();
        Tensor fusedGrad = l1.weight().grad().clone();
        net.zeroGrad();
        byHand.sum().backward();
        assertArrayEquals(l1.weight().grad().toFloatArray(), fusedGrad.toFloatArray(), 0f);
    }

    @Test
    void sequentialFusesConvSigmoidAvgPoolBitForBit() {
        Generator g = new Generator(17);
        for (int[] s : new int[][] {{5, 2, 28, 3, 2}, {3, 1, 11, 4, 0}, {2, 3, 9, 2, 1}}) { // N, C, H = W, K, padding
            Conv2d conv = new Conv2d(s[1], s[3], 3).padding(s[4]);
            AvgPool2d pool = new AvgPool2d(2, 2);
            Sequential net = new Sequential(conv, new Sigmoid(), pool);
            Tensor x = Tensor.randn(DType.F32, g, s[0], s[1], s[2], s[2]).mul(3);
            Tensor gy = Tensor.randn(DType.F32, g, net.forward(x).shape());
            Tensor xf = x.detach().requiresGrad_(), xp = x.detach().requiresGrad_();
            Tensor yf = net.forward(xf);
            assertEquals("conv2d_sigmoid_avg_pool2d", yf.gradFn().op());
            Tensor yp = pool.forward(conv.forwardThen(xp, dev.panamax.kernel.conv.Activation.SIGMOID));
            assertEquals("avg_pool2d", yp.gradFn().op());
            assertArrayEquals(yp.toFloatArray(), yf.toFloatArray(), 0f);
            yf.backward(gy);
            float[] wf = conv.weight().grad().toFloatArray(), bf = conv.bias().grad().toFloatArray();
            conv.zeroGrad();
            yp.backward(gy);
            assertArrayEquals(conv.weight().grad().toFloatArray(), wf, 0f);
            assertArrayEquals(conv.bias().grad().toFloatArray(), bf, 0f);
            assertArrayEquals(xp.grad().toFloatArray(), xf.grad().toFloatArray(), 0f);
            assertTrue(xf.grad().abs().sum().item() > 0, "a gradient reaches the input");
        }
        // Not a 2 x 2, stride 2 floor pooling: not fused.
        Sequential ceil = new Sequential(new Conv2d(1, 2, 3), new Sigmoid(), new AvgPool2d(2, 2).ceilMode(true));
        assertEquals("avg_pool2d", ceil.forward(Tensor.randn(DType.F32, g, 1, 1, 7, 7)).gradFn().op());
        Sequential three = new Sequential(new Conv2d(1, 2, 3), new Sigmoid(), new AvgPool2d(3, 2));
        assertEquals("avg_pool2d", three.forward(Tensor.randn(DType.F32, g, 1, 1, 7, 7)).gradFn().op());
    }

    @Test
    void sequentialFusesLinearReluWithoutChangingResults() {
        Generator g = new Generator(14);
        Linear l1 = new Linear(5, 7, true, DType.F64, g), l2 = new Linear(7, 3, true, DType.F64, g);
        Sequential net = new Sequential(l1, new ReLU(), l2);
        Tensor x = Tensor.randn(DType.F64, g, 4, 5);
        Tensor viaSequential = net.forward(x);
        assertEquals("linear", viaSequential.gradFn().op());
        assertEquals("linear_relu", viaSequential.gradFn().inputs()[0].gradFn().op());
        Tensor byHand = l2.forward(l1.forward(x).relu());
        assertArrayEquals(byHand.toDoubleArray(), viaSequential.toDoubleArray(), 0.0);
        viaSequential.sum().backward();
        Tensor fusedGrad = l1.weight().grad().clone();
        net.zeroGrad();
        byHand.sum().backward();
        assertArrayEquals(l1.weight().grad().toDoubleArray(), fusedGrad.toDoubleArray(), 1e-12);
    }

    /** Central differences, eps 1e-6, as PyTorch's gradcheck. */
    private static double[] numericGrad(Function<Tensor, Double> f, Tensor at) {
        double[] v = at.toDoubleArray();
        double[] out = new double[v.length];
        double eps = 1e-6;
        for (int i = 0; i < v.length; i++) {
            double[] p = v.clone(), m = v.clone();
            p[i] += eps;
            m[i] -= eps;
            out[i] = (f.apply(Tensor.wrap(p, at.shape())) - f.apply(Tensor.wrap(m, at.shape()))) / (2 * eps);
        }
        return out;
    }

    @Test
    void crossEntropyRejectsBadLabelsAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functional.crossEntropy(LOGITS, Tensor.of(0.0, 3.0, 1.0), Reduction.MEAN));
        assertEquals("crossEntropy: label 3.0 at index 1 is not a class index in [0, 3) for logits [3, 3]", e.getMessage());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> Functional.crossEntropy(LOGITS, Tensor.of(0.0, 1.5, 1.0), Reduction.MEAN));
        assertEquals("crossEntropy: label 1.5 at index 1 is not a whole number: expected a class index in [0, 3) for logits [3, 3]",
                w.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> Functional.crossEntropy(LOGITS, Tensor.of(0.0, 1.0), Reduction.MEAN));
        assertEquals("crossEntropy: logits [3, 3] and labels [2]: expected labels of shape [3]", s.getMessage());
    }

    @Test
    void mseAndSquaredLossMatchHandComputation() {
        Tensor yHat = Tensor.of(1.0, 2.0, 4.0);
        Tensor y = Tensor.of(0.5, 2.0, 1.0);
        double[] sq = {0.25, 0, 9};
        assertArrayEquals(sq, new MSELoss(Reduction.NONE).apply(yHat, y).toDoubleArray(), 1e-15);
        assertEquals(9.25, new MSELoss(Reduction.SUM).apply(yHat, y).item(), 1e-15);
        assertEquals(9.25 / 3, new MSELoss().apply(yHat, y).item(), 1e-15);
        // The book's squared loss reshapes y and halves: (yHat - y)^2 / 2, not reduced.
        Tensor col = yHat.reshape(3, 1);
        Tensor l = Functional.squaredLoss(col, y);
        assertArrayEquals(new int[] {3, 1}, l.shape());
        assertArrayEquals(new double[] {0.125, 0, 4.5}, l.toDoubleArray(), 1e-15);
        Tensor p = col.detach().requiresGrad_();
        Functional.squaredLoss(p, y).sum().backward();
        assertArrayEquals(new double[] {0.5, 0, 3}, p.grad().toDoubleArray(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new MSELoss().apply(col, y));
    }

    @Test
    void dropoutScalesKeptValuesAndIsOffInEval() {
        Tensor x = Tensor.ones(DType.F64, 100_000).requiresGrad_();
        Tensor y = Functional.dropout(x, 0.3, true, new Generator(1));
        double[] v = y.toDoubleArray();
        int kept = 0;
        for (double e : v) {
            assertTrue(e == 0 || Math.abs(e - 1 / 0.7) < 1e-12, "value " + e);
            kept += e == 0 ? 0 : 1;
        }
        // Binomial(1e5, 0.7): sd about 145.
        assertEquals(70_000, kept, 800);
        assertEquals(1.0, y.mean().item(), 0.02);
        y.backward(Tensor.full(DType.F64, 2.0, 100_000));
        double[] g = x.grad().toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals(2 * v[i], g[i], 1e-12);
        }
        assertSame(x, Functional.dropout(x, 0.3, false, new Generator(1)));
        assertSame(x, Functional.dropout(x, 0.0, true, new Generator(1)));
        assertEquals(0.0, Functional.dropout(x, 1.0, true, new Generator(1)).abs().sum().item());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
        assertEquals("Dropout: probability has to be between 0 and 1, but got 1.5", e.getMessage());
    }

    @Test
    void dropoutModuleFollowsTrainingMode() {
        Dropout d = new Dropout(0.5, new Generator(3));
        Tensor x = Tensor.ones(1000);
        Tensor t = d.forward(x);
        double zeros = t.eq(0).sum().item();
        assertEquals(500, zeros, 80);
        d.eval();
        assertSame(x, d.forward(x));
        assertEquals(0.0, new Dropout(1.0).forward(x).sum().item());
        assertTrue(new Dropout(0.0).forward(x).allClose(x, 0, 0));
    }

    @org.junit.jupiter.api.Test
    void linearAddsIntoAnExistingGradBufferAndMatchesTheComposition() {
        for (dev.panamax.DType dt : dev.panamax.DType.values()) {
            dev.panamax.Generator g = new dev.panamax.Generator(9);
            Tensor x = Tensor.randn(dt, g, 5, 7), w = Tensor.randn(dt, g, 3, 7).requiresGrad_(), b = Tensor.randn(dt, g, 3).requiresGrad_();
            Tensor gOut = Tensor.randn(dt, g, 5, 3);
            Functional.linear(x, w, b).backward(gOut);
            double[] once = w.grad().toDoubleArray(), onceB = b.grad().toDoubleArray();
            Tensor buffer = w.grad();
            Functional.linear(x, w, b).backward(gOut); // second time: added in place into the same buffer
            org.junit.jupiter.api.Assertions.assertSame(buffer, w.grad());
            double[] twice = w.grad().toDoubleArray(), twiceB = b.grad().toDoubleArray();
            for (int i = 0; i < once.length; i++) {
                org.junit.jupiter.api.Assertions.assertEquals(2 * once[i], twice[i], 1e-5 * (1 + Math.abs(once[i])));
            }
            for (int i = 0; i < onceB.length; i++) {
                org.junit.jupiter.api.Assertions.assertEquals(2 * onceB[i], twiceB[i], 1e-5 * (1 + Math.abs(onceB[i])));
            }
            w.zeroGrad();
            b.zeroGrad();
            x.matmul(w.t()).add(b).backward(gOut); // the composition of primitives gives the same gradient
            double[] composed = w.grad().toDoubleArray();
            for (int i = 0; i < once.length; i++) {
                org.junit.jupiter.api.Assertions.assertEquals(once[i], composed[i], 1e-5 * (1 + Math.abs(once[i])));
            }
        }
    }
}
