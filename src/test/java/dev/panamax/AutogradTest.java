// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.autograd.Autograd;
import dev.panamax.testing.Prop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutogradTest {

    @Test
    void gradientsAccumulateUntilZeroGrad() {
        Tensor x = Tensor.of(1.0, 2.0, 3.0).requiresGrad_();
        x.mul(x).sum().backward();
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {4, 8, 12}, x.grad().toDoubleArray());
        x.zeroGrad();
        x.mul(3).sum().backward();
        assertArrayEquals(new double[] {3, 3, 3}, x.grad().toDoubleArray());
    }

    @Test
    void aTensorUsedTwiceGetsBothContributions() {
        Tensor x = Tensor.of(2.0).requiresGrad_();
        Tensor y = x.mul(x).add(x.exp()).add(x); // 2x + e^x + 1
        y.sum().backward();
        assertEquals(2 * 2 + Math.exp(2) + 1, x.grad().item(), 1e-12);
    }

    @Test
    void leavesNonLeavesRetainGradAndDetach() {
        Tensor x = Tensor.of(1.0, -1.0).requiresGrad_();
        Tensor h = x.mul(2).retainGrad();
        Tensor h2 = x.mul(3);
        h.add(h2).pow(2).sum().backward();
        assertTrue(x.isLeaf());
        assertFalse(h.isLeaf());
        assertArrayEquals(new double[] {10, -10}, h.grad().toDoubleArray(), 1e-12); // 2 * (5x)
        assertNull(h2.grad(), "non-leaf without retainGrad keeps no grad");
        assertArrayEquals(new double[] {50, -50}, x.grad().toDoubleArray(), 1e-12);
        Tensor d = h.detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        assertEquals("MulBackward0", h.gradFn().name());
    }

    @Test
    void noGradRecordsNothingAndRestores() {
        Tensor x = Tensor.of(1.0).requiresGrad_();
        try (var _ = Autograd.noGrad()) {
            Tensor y = x.mul(2);
            assertFalse(y.requiresGrad());
            assertNull(y.gradFn());
            try (var _ = Autograd.noGrad()) {
                assertFalse(Autograd.isGradEnabled());
            }
            assertFalse(Autograd.isGradEnabled(), "nested scopes restore to the outer one");
        }
        assertTrue(Autograd.isGradEnabled());
        assertTrue(x.mul(2).requiresGrad());
    }

    @Test
    void backwardOnANonScalarNeedsAGradient() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad_();
        Tensor y = x.mul(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
        assertTrue(e.getMessage().contains("only for scalar outputs"), e.getMessage());
        y.backward(Tensor.of(1.0, 10.0));
        assertArrayEquals(new double[] {2, 20}, x.grad().toDoubleArray());
        Tensor z = x.mul(2);
        assertThrows(IllegalArgumentException.class, () -> z.backward(Tensor.of(Double.NaN, 1.0)), "NaN seed");
        assertThrows(IllegalArgumentException.class, () -> z.backward(Tensor.of(1.0, 2.0, 3.0)), "wrong shape");
        assertThrows(IllegalStateException.class, () -> Tensor.of(1.0).backward(), "no grad required");
    }

    @Test
    void anInPlaceChangeToASavedTensorIsCaught() {
        Tensor w = Tensor.of(1.0, 2.0).requiresGrad_();
        Tensor a = Tensor.of(3.0, 4.0);
        Tensor y = w.mul(a).sum();
        a.add_(Tensor.of(1.0, 1.0));
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("modified by an in-place operation"), e.getMessage());
        // add saves nothing: changing its input afterwards is fine, as in PyTorch.
        Tensor b = Tensor.of(1.0, 1.0);
        Tensor z = w.add(b).sum();
        b.add_(Tensor.of(1.0, 1.0));
        z.backward();
        assertArrayEquals(new double[] {1, 1}, w.grad().toDoubleArray());
    }

    @Test
    void inPlaceOnALeafThatRequiresGradNeedsNoGrad() {
        Tensor w = Tensor.of(1.0).requiresGrad_();
        assertThrows(IllegalStateException.class, () -> w.add_(Tensor.of(1.0)));
        try (var _ = Autograd.noGrad()) {
            w.add_(Tensor.of(1.0));
        }
        assertEquals(2.0, w.item());
    }

    @Test
    void anomalyModeNamesTheOpAndTheUsersLine() {
        Autograd.detectAnomaly(true);
        try {
            Tensor x = Tensor.of(-1.0).requiresGrad_();
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> x.sqrt());
            assertTrue(e.getMessage().contains("sqrt"), e.getMessage());
            assertTrue(e.getMessage().contains("AutogradTest"), "points at the user's code: " + e.getMessage());
            Tensor z = Tensor.of(0.0).requiresGrad_();
            Tensor y = z.sqrt(); // forward is 0, fine; backward divides by 0
            ArithmeticException b = assertThrows(ArithmeticException.class, () -> y.sum().backward());
            assertTrue(b.getMessage().contains("backward of sqrt") && b.getMessage().contains("AutogradTest"), b.getMessage());
        } finally {
            Autograd.detectAnomaly(false);
        }
    }

    @Test
    void errorsNameTheOpAndShapes() {
        Tensor a = Tensor.zeros(256, 784), b = Tensor.zeros(256, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(b));
        assertEquals("matmul: [256, 784] @ [256, 10]: inner dimensions 784 and 256 differ", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).sum(2, false));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(4, 2));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(DType.F64, 2, 3)));
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.zeros(2, 3).rows(2));
    }

    @Test
    void viewsShareStorageAndVersions() {
        Tensor x = Tensor.zeros(2, 3);
        Tensor v = x.reshape(3, 2);
        v.fill_(1);
        assertEquals(6.0, x.sum().item());
        assertEquals(x.version(), v.version());
    }

    /** Random graphs of 3 to 8 ops over a few leaves, reused several times: accumulation exercised. */
    @Test
    void randomCompositionsMatchFiniteDifferences() {
        Prop.forAll("compositions", 100, g -> {
            int[] shape = Prop.shape(g, 1 + g.nextInt(2), 1, 4);
            int leaves = 1 + g.nextInt(3);
            Tensor[] in = new Tensor[leaves];
            for (int i = 0; i < leaves; i++) {
                in[i] = Tensor.uniform(DType.F64, 0.5, 1.5, g, shape);
            }
            int ops = 3 + g.nextInt(6);
            int[] kinds = new int[ops], pickA = new int[ops], pickB = new int[ops];
            for (int i = 0; i < ops; i++) {
                kinds[i] = g.nextInt(8);
                pickA[i] = g.nextInt(leaves + i);
                pickB[i] = g.nextInt(leaves + i);
            }
            OpSweepTest.gradcheck("composition of " + ops, in, t -> {
                List<Tensor> vals = new ArrayList<>(List.of(t));
                for (int i = 0; i < ops; i++) {
                    Tensor a = vals.get(pickA[i]), b = vals.get(pickB[i]);
                    vals.add(switch (kinds[i]) {
                        case 0 -> a.add(b);
                        case 1 -> a.mul(b);
                        case 2 -> a.sub(b).tanh();
                        case 3 -> a.sigmoid().mul(b);
                        case 4 -> a.mul(a).add(1).log();
                        case 5 -> a.div(b.mul(b).add(1));
                        case 6 -> a.exp().mul(0.1).add(b);
                        default -> a.softmax(-1).mul(b);
                    });
                }
                Tensor out = vals.get(vals.size() - 1);
                for (Tensor leaf : t) {
                    out = out.add(leaf.mul(0.5)); // every leaf gets a gradient
                }
                return out;
            }, g);
        });
    }

    @Test
    void generatorIsReproducible() {
        Tensor a = Tensor.randn(new Generator(3), 5), b = Tensor.randn(new Generator(3), 5);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        Generator.manualSeed(11);
        Tensor c = Tensor.rand(4);
        Generator.manualSeed(11);
        assertArrayEquals(c.toFloatArray(), Tensor.rand(4).toFloatArray());
        Tensor big = Tensor.randn(DType.F64, new Generator(1), 100_000);
        assertEquals(0, big.mean().item(), 0.02);
        assertEquals(1, big.sub(big.mean()).pow(2).mean().sqrt().item(), 0.02);
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("tensor([1., 2., 3.])", Tensor.of(1f, 2f, 3f).toString());
        assertEquals("tensor([[0.5000, 1.2500],\n        [3.0000, 4.0000]])", Tensor.fromArray(new float[] {0.5f, 1.25f, 3, 4}, 2, 2).toString());
        assertEquals("tensor([1., 2.], dtype=torch.float64, requires_grad=True)", Tensor.of(1.0, 2.0).requiresGrad_().toString());
        assertEquals("tensor(6., grad_fn=<SumBackward0>)", Tensor.of(1f, 2f, 3f).requiresGrad_().sum().toString());
        assertEquals("tensor([1.0000e-05, 3.0000e+00])", Tensor.of(1e-5f, 3f).toString());
        assertTrue(Tensor.zeros(50, 50).toString().contains("..."));
        // blocks of rank 3 and 4 are separated by one and two empty lines, as PyTorch prints them
        assertEquals("tensor([[[0., 1.],\n         [2., 3.]],\n\n        [[4., 5.],\n         [6., 7.]]])",
                Tensor.arange(8).reshape(2, 2, 2).toString());
        assertEquals("tensor([[[[0., 1.],\n          [2., 3.]]],\n\n\n        [[[4., 5.],\n          [6., 7.]]]])",
                Tensor.arange(8).reshape(2, 1, 2, 2).toString());
    }
}
