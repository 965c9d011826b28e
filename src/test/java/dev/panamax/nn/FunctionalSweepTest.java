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
                new Case("squaredLoss", t -> Functional.squaredLoss(t[0], t[1]), dt -> make(dt, 11, new int[] {5, 1}, new int[] {5}), new boolean[] {true, true}),
                new Case("conv2d LeNet's second layer", t -> Functional.conv2d(t[0], t[1], t[2]),
                        dt -> make(dt, 12, new int[] {3, 6, 14, 14}, new int[] {16, 6, 5, 5}, new int[] {16}), all3),
                new Case("conv2d strided, dilated, grouped", t -> Functional.conv2d(t[0], t[1], t[2], new int[] {2, 1}, new int[] {1, 2},
                        new int[] {2, 1}, 2), dt -> make(dt, 13, new int[] {2, 4, 9, 8}, new int[] {6, 2, 3, 4}, new int[] {6}), all3),
                new Case("conv2d same", t -> Functional.conv2d(t[0], t[1], null, new int[] {1}, "same", new int[] {1}, 1),
                        dt -> make(dt, 14, new int[] {2, 3, 7, 6}, new int[] {4, 3, 4, 2}), new boolean[] {true, true}),
                new Case("maxPool2d", t -> Functional.maxPool2d(t[0], new int[] {3}, new int[] {2}, new int[] {1}, new int[] {1}, true),
                        dt -> make(dt, 15, new int[] {2, 3, 9, 8}), new boolean[] {true}),
                new Case("avgPool2d", t -> Functional.avgPool2d(t[0], new int[] {3, 2}, new int[] {2}, new int[] {1}, true, false),
                        dt -> make(dt, 16, new int[] {2, 3, 9, 8}), new boolean[] {true}),
                new Case("adaptiveAvgPool2d", t -> Functional.adaptiveAvgPool2d(t[0], 3, 5),
                        dt -> make(dt, 17, new int[] {2, 3, 7, 8}), new boolean[] {true}),
                new Case("batchNorm training", t -> Functional.batchNorm(t[0], null, null, t[1], t[2], true, 0.1, 1e-5),
                        dt -> make(dt, 18, new int[] {8, 3, 4, 4}, new int[] {3}, new int[] {3}), all3),
                new Case("batchNorm eval", t -> Functional.batchNorm(t[0], Tensor.zeros(t[0].dtype(), 3).add(0.5),
                        Tensor.ones(t[0].dtype(), 3).mul(2), t[1], t[2], false, 0.1, 1e-5),
                        dt -> make(dt, 19, new int[] {8, 3}, new int[] {3}, new int[] {3}), all3));
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
