// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.panamax.testing.Prop;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every public factory and shape argument, fed NaN, infinities, negatives, zeros and sizes past what
 * an array holds: each call must give a result or a documented exception (IllegalArgumentException,
 * or IndexOutOfBoundsException for an index) with a bounded message, never OutOfMemoryError,
 * NegativeArraySizeException, ArithmeticException or an array index error from inside.
 */
class ApiArgumentsTest {
    static final int[] SIZES = {-1, 0, 1, 3, 65536, 65537, Integer.MAX_VALUE, Integer.MIN_VALUE};
    static final double[] VALUES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1, 0, 0.5, 3, 1e10, 1e300,
            Double.MIN_VALUE, -1e10};

    record Call(String name, Function<Generator, Object> run) {}

    static int size(Generator g) {
        return SIZES[g.nextInt(SIZES.length)];
    }

    static double value(Generator g) {
        return VALUES[g.nextInt(VALUES.length)];
    }

    static int[] shape(Generator g) {
        int[] s = new int[g.nextInt(4)];
        for (int i = 0; i < s.length; i++) {
            s[i] = size(g);
        }
        return s;
    }

    static final List<Call> CALLS = List.of(
            new Call("zeros", g -> Tensor.zeros(DType.values()[g.nextInt(2)], shape(g))),
            new Call("full", g -> Tensor.full(value(g), shape(g))),
            new Call("randn", g -> Tensor.randn(g, shape(g))),
            new Call("rand", g -> Tensor.rand(DType.F64, g, shape(g))),
            new Call("normal", g -> Tensor.normal(value(g), value(g), g, shape(g))),
            new Call("uniform", g -> Tensor.uniform(value(g), value(g), g, shape(g))),
            new Call("arange", g -> Tensor.arange(value(g), value(g), value(g))),
            new Call("eye", g -> Tensor.eye(size(g))),
            new Call("permutation", g -> new Generator(1).permutation(size(g))),
            new Call("nextInt", g -> g.nextInt(size(g))),
            new Call("fromArray", g -> Tensor.fromArray(new float[6], shape(g))),
            new Call("reshape", g -> Tensor.zeros(2, 3).reshape(shape(g))),
            new Call("reshape empty", g -> Tensor.zeros(0, 3).reshape(shape(g))),
            new Call("narrow", g -> Tensor.zeros(4, 5).narrow(size(g), size(g), size(g))),
            new Call("slice", g -> Tensor.zeros(4, 5).slice(size(g), size(g), size(g))),
            new Call("rows", g -> Tensor.zeros(4, 2).rows(size(g), size(g))),
            new Call("get", g -> Tensor.zeros(4, 5).get(size(g), size(g))),
            new Call("size", g -> Tensor.zeros(4, 5).size(size(g))),
            new Call("flatten", g -> Tensor.zeros(2, 0, 3).flatten(size(g), size(g))),
            new Call("squeeze", g -> Tensor.zeros(1, 3).squeeze(size(g))),
            new Call("unsqueeze", g -> Tensor.zeros(2, 3).unsqueeze(size(g))),
            new Call("transpose", g -> Tensor.zeros(2, 3).transpose(size(g), size(g))),
            new Call("permute", g -> Tensor.zeros(2, 3).permute(size(g), size(g))),
            new Call("sum", g -> Tensor.zeros(2, 3).sum(new int[] {size(g)}, true)),
            new Call("max", g -> Tensor.zeros(2, 0).max(size(g), false)),
            new Call("softmax", g -> Tensor.zeros(2, 0).softmax(size(g))),
            new Call("clamp", g -> Tensor.zeros(3).clamp(value(g), value(g))),
            new Call("div", g -> Tensor.zeros(3).div(value(g))),
            new Call("pow", g -> Tensor.zeros(3).pow(value(g))),
            new Call("matmul", g -> Tensor.zeros(shape(g)).matmul(Tensor.zeros(shape(g)))),
            new Call("conv2d", g -> dev.panamax.nn.Functional.conv2d(Tensor.zeros(1, 1, 5, 5), Tensor.zeros(1, 1, 3, 3), null,
                    new int[] {size(g)}, new int[] {size(g), size(g)}, new int[] {size(g)}, size(g))),
            new Call("conv2d weight", g -> dev.panamax.nn.Functional.conv2d(Tensor.zeros(shape(g)), Tensor.zeros(shape(g)), null)),
            new Call("conv2d same", g -> dev.panamax.nn.Functional.conv2d(Tensor.zeros(1, 1, 5, 5), Tensor.zeros(1, 1, 2, 3), null,
                    new int[] {size(g)}, "same", new int[] {size(g)}, size(g))),
            new Call("maxPool2d", g -> dev.panamax.nn.Functional.maxPool2d(Tensor.zeros(1, 1, 5, 5), new int[] {size(g)},
                    new int[] {size(g)}, new int[] {size(g)}, new int[] {size(g)}, g.nextInt(2) == 0)),
            new Call("avgPool2d", g -> dev.panamax.nn.Functional.avgPool2d(Tensor.zeros(1, 1, 5, 5), new int[] {size(g), size(g)},
                    new int[] {size(g)}, new int[] {size(g)}, g.nextInt(2) == 0, g.nextInt(2) == 0)),
            new Call("adaptiveAvgPool2d", g -> dev.panamax.nn.Functional.adaptiveAvgPool2d(Tensor.zeros(1, 1, 5, 5), size(g), size(g))),
            new Call("pad", g -> dev.panamax.nn.Functional.pad(Tensor.zeros(2, 3), new int[] {size(g), size(g), size(g), size(g)}, 0)),
            new Call("batchNorm", g -> dev.panamax.nn.Functional.batchNorm(Tensor.zeros(shape(g)), null, null, null, null, true,
                    value(g), value(g))),
            new Call("Conv2d", g -> new dev.panamax.nn.Conv2d(size(g), size(g), size(g)).stride(size(g)).padding(size(g))),
            new Call("MaxPool2d", g -> new dev.panamax.nn.MaxPool2d(size(g)).stride(size(g)).padding(size(g)).dilation(size(g))),
            new Call("BatchNorm2d", g -> new dev.panamax.nn.BatchNorm2d(size(g)).eps(value(g)).momentum(value(g))));

    @Test
    void everyCallGivesAResultOrADocumentedException() {
        for (Call call : CALLS) {
            Prop.forAll("api." + call.name(), 60, g -> {
                try {
                    call.run().apply(g);
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    assertTrue(e.getMessage() != null && e.getMessage().length() < 400, () -> call.name() + ": message " + e.getMessage());
                    assertTrue(e.getClass() == IllegalArgumentException.class || e.getClass() == IndexOutOfBoundsException.class,
                            () -> call.name() + ": a " + e.getClass().getSimpleName() + " from inside: " + e.getMessage());
                } catch (RuntimeException | OutOfMemoryError e) {
                    fail(call.name() + ": " + e, e);
                }
            });
        }
    }
}
