// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.panamax.testing.Prop;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every op of {@link OpInfo#all()} through forward, F32-vs-F64, gradient check and errors. */
class OpSweepTest {
    /** PyTorch gradcheck's defaults. */
    static final double EPS = 1e-6, ATOL = 1e-5, RTOL = 1e-3;

    static Stream<OpInfo> ops() {
        return OpInfo.all().stream();
    }

    static Stream<OpInfo> differentiable() {
        return ops().filter(OpInfo::differentiable);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void forwardMatchesReference(OpInfo op) {
        Prop.forAll(op.name() + ".forward", 20, g -> {
            Tensor[] in = op.sampler().sample(g);
            Tensor out = op.op().apply(in), ref = op.ref().apply(in);
            assertArrayEquals(ref.shape(), out.shape(), () -> "shape of " + op + " on " + shapes(in));
            assertEquals(DType.F64, out.dtype());
            for (int i = 0; i < ref.numel(); i++) {
                double r = ref.getFlat(i), o = out.getFlat(i);
                assertEquals(r, o, 1e-12 * (1 + Math.abs(r)), op + " element " + i + " on " + shapes(in));
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void float32AgreesWithFloat64(OpInfo op) {
        Prop.forAll(op.name() + ".f32", 20, g -> {
            Tensor[] in = op.sampler().sample(g);
            // Round the inputs to float first, so both runs see the same values.
            Tensor[] in32 = Arrays.stream(in).map(t -> t.to(DType.F32)).toArray(Tensor[]::new);
            Tensor[] in64 = Arrays.stream(in32).map(t -> t.to(DType.F64)).toArray(Tensor[]::new);
            Tensor o32 = op.op().apply(in32), o64 = op.op().apply(in64);
            assertEquals(DType.F32, o32.dtype(), op + " keeps float32");
            assertArrayEquals(o64.shape(), o32.shape());
            for (int i = 0; i < o64.numel(); i++) {
                assertEquals(o64.getFlat(i), o32.getFlat(i), 1e-5 + 1e-4 * Math.abs(o64.getFlat(i)), op + " element " + i);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiable")
    void gradientMatchesCentralDifferences(OpInfo op) {
        Prop.forAll(op.name() + ".grad", 100, g -> {
            Tensor[] in = op.sampler().sample(g);
            gradcheck(op.name(), in, t -> op.op().apply(t), g);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiable")
    void backwardTwiceAgreesExactly(OpInfo op) {
        Prop.forAll(op.name() + ".twice", 10, g -> {
            Tensor[] in = op.sampler().sample(g);
            Tensor w = Tensor.randn(DType.F64, g, op.op().apply(in).shape());
            Tensor[] first = grads(in, t -> op.op().apply(t), w);
            Tensor[] second = grads(in, t -> op.op().apply(t), w);
            for (int i = 0; i < first.length; i++) {
                if (first[i] != null) {
                    assertArrayEquals(first[i].toDoubleArray(), second[i].toDoubleArray(), 0.0, op + " input " + i);
                }
            }
            // With retainGraph the same graph runs twice, and the gradients add up.
            Tensor[] leaves = leaves(in);
            Tensor out = op.op().apply(leaves);
            out.backward(w, true);
            out.backward(w, false);
            for (int i = 0; i < leaves.length; i++) {
                if (first[i] != null && leaves[i].grad() != null) {
                    double[] twice = leaves[i].grad().toDoubleArray(), once = first[i].toDoubleArray();
                    for (int j = 0; j < once.length; j++) {
                        assertEquals(2 * once[j], twice[j], 1e-12 * (1 + Math.abs(once[j])));
                    }
                }
            }
            Tensor freed = out;
            assertThrows(IllegalStateException.class, () -> freed.backward(w), "a freed graph must not run again");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void badInputsFailWithTheOpAndShapesInTheMessage(OpInfo op) {
        for (OpInfo.ErrorCase e : op.errors()) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> op.op().apply(e.inputs()),
                    () -> op + " should reject " + shapes(e.inputs()));
            assertTrue(ex.getMessage().contains(e.text()), () -> op + ": message '" + ex.getMessage() + "' lacks '" + e.text() + "'");
        }
    }

    // ------------------------------------------------------------ edges every op must meet

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void everyOpDeclaresItsEdgesAndItsZeroSizeVariantsCoverEveryDim(OpInfo op) {
        OpInfo.Edges e = op.edges();
        assertTrue(e != null && e.zeroSize() != null && e.zeroError() != null && e.specials() != null, op + " declares no edges");
        assertTrue(!e.specials().isEmpty() || (e.smooth() != null && !e.smooth().isBlank()),
                () -> op + ": declare its values on and near kinks, or say why it has none (Edges.smooth)");
        Prop.forAll(op.name() + ".zeroCover", 5, g -> {
            Tensor[] base = op.sampler().sample(g);
            List<Tensor[]> variants = e.zeroSize().apply(base);
            for (int i = 0; i < base.length; i++) {
                for (int d = 0; d < base[i].dim() && !isConstant(base[i]); d++) {
                    int input = i, dim = d;
                    assertTrue(variants.stream().anyMatch(v -> v[input].dim() == base[input].dim() && v[input].size(dim) == 0),
                            () -> op + ": no zero-size variant has a 0 in dim " + dim + " of input " + input + " " + shapes(base));
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void zeroSizeDimsInEveryPositionGiveTheReferenceOrTheDeclaredError(OpInfo op) {
        Prop.forAll(op.name() + ".zero", 3, g -> {
            for (Tensor[] in : op.edges().zeroSize().apply(op.sampler().sample(g))) {
                String error = op.edges().zeroError().apply(in);
                for (DType dtype : DType.values()) {
                    Tensor[] typed = Arrays.stream(in).map(t -> isConstant(t) ? t : t.to(dtype)).toArray(Tensor[]::new);
                    if (error != null) {
                        RuntimeException ex = assertThrows(RuntimeException.class, () -> op.op().apply(typed),
                                () -> op + " should reject " + shapes(in));
                        assertTrue(ex instanceof IllegalArgumentException || ex instanceof IndexOutOfBoundsException, () -> op + ": " + ex);
                        assertTrue(ex.getMessage().contains(error), () -> op + ": message '" + ex.getMessage() + "' lacks '" + error + "'");
                        continue;
                    }
                    Tensor out = op.op().apply(typed), ref = op.ref().apply(in);
                    assertEquals(dtype, out.dtype(), () -> op + " on " + shapes(in));
                    assertArrayEquals(ref.shape(), out.shape(), () -> "shape of " + op + " on " + shapes(in));
                    for (int i = 0; i < ref.numel(); i++) {
                        assertEquals(ref.getFlat(i), out.getFlat(i), 0.0, op + " element " + i + " on " + shapes(in));
                    }
                }
                if (error == null && op.differentiable()) {
                    Tensor[] leaves = leaves(in);
                    Tensor out = op.op().apply(leaves);
                    out.backward(Tensor.onesLike(out));
                    for (Tensor leaf : leaves) {
                        if (leaf.requiresGrad()) {
                            assertTrue(leaf.grad() != null, () -> op + ": no gradient on " + shapes(in));
                            assertArrayEquals(leaf.shape(), leaf.grad().shape(), () -> op + ": gradient shape on " + shapes(in));
                            for (int i = 0; i < leaf.numel() && out.numel() == 0; i++) {
                                assertEquals(0.0, leaf.grad().getFlat(i), () -> op + ": an empty output gives zero gradients, " + shapes(in));
                            }
                        }
                    }
                }
            }
        });
    }

    static Stream<Object[]> specials() {
        return ops().flatMap(op -> op.edges().specials().stream().map(s -> new Object[] {op, s}));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("specials")
    void valuesOnAndNearKinksMatchTheReferenceAndPyTorchsGradients(OpInfo op, OpInfo.Special s) {
        Tensor[] in = s.inputs();
        Tensor out = op.op().apply(in);
        Tensor ref = op.ref().apply(Arrays.stream(in).map(t -> t.to(DType.F64)).toArray(Tensor[]::new));
        assertEquals(in[0].dtype(), out.dtype());
        assertArrayEquals(ref.shape(), out.shape());
        for (int i = 0; i < ref.numel(); i++) {
            double r = ref.getFlat(i), o = out.getFlat(i);
            assertTrue(r == o || Double.isNaN(r) && Double.isNaN(o) || Math.abs(r - o) <= s.atol() + s.rtol() * Math.abs(r),
                    () -> op + " " + s + ": " + Arrays.toString(out.toDoubleArray()) + ", reference " + Arrays.toString(ref.toDoubleArray()));
        }
        if (s.grads() != null) {
            Tensor[] leaves = leaves(in);
            Tensor y = op.op().apply(leaves);
            y.backward(Tensor.onesLike(y));
            int j = 0;
            for (Tensor leaf : leaves) {
                if (leaf.requiresGrad()) {
                    assertArrayEquals(s.grads()[j++], leaf.grad().toDoubleArray(), 0.0, () -> op + " " + s + ": gradient of input "
                            + Arrays.asList(leaves).indexOf(leaf));
                }
            }
            assertEquals(s.grads().length, j, () -> op + " " + s + ": gradients declared for " + s.grads().length + " inputs");
        }
    }

    // ------------------------------------------------------------ gradcheck

    interface Fn {
        Tensor apply(Tensor[] inputs);
    }

    /** Leaves that require grad for the float64 inputs; dim/keepdim holders (1 element, integral) stay constant. */
    static Tensor[] leaves(Tensor[] in) {
        return Arrays.stream(in).map(t -> t.detach().clone().requiresGrad_(!isConstant(t))).toArray(Tensor[]::new);
    }

    static boolean isConstant(Tensor t) {
        return t.dim() == 1 && t.numel() == 1 && t.getFlat(0) == Math.rint(t.getFlat(0)) && Math.abs(t.getFlat(0)) < 8;
    }

    static Tensor[] grads(Tensor[] in, Fn f, Tensor w) {
        Tensor[] leaves = leaves(in);
        f.apply(leaves).backward(w);
        return Arrays.stream(leaves).map(t -> t.requiresGrad() ? t.grad() : null).toArray(Tensor[]::new);
    }

    /** Checks autograd against central differences of sum(f(x) * w) for a random w. */
    static void gradcheck(String name, Tensor[] in, Fn f, Generator g) {
        Tensor w = Tensor.randn(DType.F64, g, f.apply(in).shape());
        Tensor[] analytic = grads(in, f, w);
        for (int k = 0; k < in.length; k++) {
            if (analytic[k] == null && !isConstant(in[k])) {
                fail(name + ": no gradient reached input " + k);
            }
            if (analytic[k] == null) {
                continue;
            }
            double[] x = in[k].f64();
            for (int i = 0; i < x.length; i++) {
                double keep = x[i];
                x[i] = keep + EPS;
                double plus = f.apply(in).mul(w).sum().item();
                x[i] = keep - EPS;
                double minus = f.apply(in).mul(w).sum().item();
                x[i] = keep;
                double numeric = (plus - minus) / (2 * EPS), a = analytic[k].getFlat(i);
                if (!(Math.abs(a - numeric) <= ATOL + RTOL * Math.abs(numeric))) {
                    fail(name + ": d/d input " + k + " element " + i + " of " + shapes(in) + ": autograd " + a + ", numeric " + numeric);
                }
            }
        }
    }

    static String shapes(Tensor[] in) {
        return Arrays.toString(Arrays.stream(in).map(t -> Shape.str(t.shape())).toArray());
    }
}
