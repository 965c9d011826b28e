// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op of {@link Functional} described once (its inputs and which of them get a gradient),
 * then swept: float32 forward and backward must agree with float64 within float rounding, and the
 * result must not depend on the dtype of the labels.
 */
class FunctionalSweepTest {
    /** An op over inputs made in a dtype; grads marks the inputs that get a gradient. */
    record Case(String name, Function<Tensor[], Tensor> op, Function<DType, Tensor[]> inputs, boolean[] grads) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Tensor[] make(DType dt, long seed, int[]... shapes) {
        Generator g = new Generator(seed);
        Tensor[] out = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            out[i] = Tensor.randn(DType.F64, g, shapes[i]).to(dt);
        }
        return out;
    }

    static Tensor labels(DType dt) {
        return Tensor.of(0.0, 4.0, 2.0, 2.0, 1.0, 3.0).to(dt);
    }

    static Stream<Case> cases() {
        boolean[] all3 = {true, true, true};
        return Stream.of(
                new Case("linear", t -> Functional.linear(t[0], t[1], t[2]), dt -> make(dt, 1, new int[] {6, 5}, new int[] {3, 5}, new int[] {3}), all3),
                new Case("linear 3-D input", t -> Functional.linear(t[0], t[1], t[2]), dt -> make(dt, 2, new int[] {2, 3, 5}, new int[] {4, 5}, new int[] {4}), all3),
                new Case("linear no bias", t -> Functional.linear(t[0], t[1], null), dt -> make(dt, 3, new int[] {6, 5}, new int[] {3, 5}), new boolean[] {true, true}),
                new Case("linearRelu", t -> Functional.linearRelu(t[0], t[1], t[2]), dt -> make(dt, 4, new int[] {6, 5}, new int[] {7, 5}, new int[] {7}), all3),
                new Case("crossEntropy none", t -> Functional.crossEntropy(t[0], labels(DType.F32), Reduction.NONE), dt -> make(dt, 5, new int[] {6, 5}), new boolean[] {true}),
                new Case("crossEntropy mean", t -> Functional.crossEntropy(t[0], labels(DType.F64), Reduction.MEAN), dt -> make(dt, 6, new int[] {6, 5}), new boolean[] {true}),
                new Case("crossEntropy sum", t -> Functional.crossEntropy(t[0].mul(50), labels(DType.F32), Reduction.SUM), dt -> make(dt, 7, new int[] {6, 5}), new boolean[] {true}),
                new Case("dropout", t -> Functional.dropout(t[0], 0.4, true, new Generator(9)), dt -> make(dt, 8, new int[] {4, 9}), new boolean[] {true}),
                new Case("mseLoss mean", t -> Functional.mseLoss(t[0], t[1], Reduction.MEAN), dt -> make(dt, 10, new int[] {5, 2}, new int[] {5, 2}), new boolean[] {true, true}),
                new Case("squaredLoss", t -> Functional.squaredLoss(t[0], t[1]), dt -> make(dt, 11, new int[] {5, 1}, new int[] {5}), new boolean[] {true, true}));
    }

    /** Forward output and input gradients (for a fixed random output gradient), all as double arrays. */
    static List<double[]> run(Case c, DType dt) {
        Tensor[] in = c.inputs.apply(dt);
        for (int i = 0; i < in.length; i++) {
            if (c.grads[i]) {
                in[i].requiresGrad_();
            }
        }
        Tensor out = c.op.apply(in);
        assertEquals(dt, out.dtype(), c.name + ": output dtype");
        Tensor gOut = Tensor.randn(DType.F64, new Generator(99), out.shape()).to(dt);
        out.backward(gOut);
        List<double[]> res = new java.util.ArrayList<>();
        res.add(out.toDoubleArray());
        for (int i = 0; i < in.length; i++) {
            if (c.grads[i]) {
                res.add(in[i].grad().toDoubleArray());
            }
        }
        return res;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32AgreesWithFloat64(Case c) {
        List<double[]> f64 = run(c, DType.F64);
        List<double[]> f32 = run(c, DType.F32);
        for (int k = 0; k < f64.size(); k++) {
            double scale = 1;
            for (double v : f64.get(k)) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertArrayEquals(f64.get(k), f32.get(k), 2e-5 * scale, c.name + (k == 0 ? " forward" : " gradient of input " + (k - 1)));
        }
    }
}
