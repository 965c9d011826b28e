// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import static dev.panamax.GoldenTest.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.io.SafeTensors;
import dev.panamax.nn.Functional;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolutional ops against PyTorch 1.13's golden file ({@code /usr/bin/python3
 * verify/golden_conv.py} writes verify/golden/conv.safetensors): conv2d with every argument
 * combination, max and average pooling, adaptive average pooling, batch norm in training and
 * evaluation (with the running statistics after the step), and pad; forward and the gradient of
 * every input. Float64 within 1e-10 relative, float32 within 1e-5, on the same inputs (the file's are
 * exact in float32). Where a case's arguments fit one of the short overloads, that overload must
 * give the same output as the full one.
 */
class ConvGoldenTest {
    static Map<String, Tensor> golden;

    @BeforeAll
    static void read() throws IOException {
        golden = SafeTensors.read(Path.of("verify", "golden", "conv.safetensors"));
    }

    static Stream<Arguments> cases() throws IOException {
        if (golden == null) {
            read();
        }
        TreeSet<String> names = new TreeSet<>();
        golden.keySet().forEach(k -> names.add(k.substring(0, k.indexOf('.'))));
        return names.stream().flatMap(n -> Stream.of(Arguments.of(n, DType.F64), Arguments.of(n, DType.F32)));
    }

    @Test
    void theFileCoversEveryOpWithItsArgumentCombinations() throws IOException {
        if (golden == null) {
            read();
        }
        Map<String, Integer> perOp = new LinkedHashMap<>();
        golden.keySet().stream().filter(k -> k.endsWith(".args"))
                .forEach(k -> perOp.merge(k.substring(0, k.indexOf('_')), 1, Integer::sum));
        assertEquals(Map.of("conv2d", 16, "maxPool2d", 8, "avgPool2d", 8, "adaptiveAvgPool2d", 5, "batchNorm", 8, "pad", 4), perOp);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void opMatchesPyTorch(String name, DType dt) {
        double rtol = dt == DType.F64 ? 1e-10 : 1e-5, atol = dt == DType.F64 ? 1e-12 : 1e-5;
        String op = name.substring(0, name.indexOf('_'));
        double[] a = golden.get(name + ".args").toDoubleArray();
        Map<String, Tensor> in = new LinkedHashMap<>();
        for (String k : new String[] {"x", "w", "b", "weight", "bias", "running_mean", "running_var"}) {
            Tensor t = golden.get(name + "." + k);
            if (t != null) {
                // leaves of dtype dt; the running statistics are buffers, updated in place, not differentiated
                in.put(k, k.startsWith("running_") ? t.to(dt).clone() : t.to(dt).detach().requiresGrad_());
            }
        }
        Function<Map<String, Tensor>, Tensor> fn = switch (op) {
            case "conv2d" -> conv2d(a);
            case "maxPool2d" -> maxPool2d(a);
            case "avgPool2d" -> avgPool2d(a);
            case "adaptiveAvgPool2d" -> t -> Functional.adaptiveAvgPool2d(t.get("x"), i(a[0]), i(a[1]));
            case "batchNorm" -> t -> Functional.batchNorm(t.get("x"), t.get("running_mean"), t.get("running_var"), t.get("weight"),
                    t.get("bias"), a[0] != 0, a[1], a[2]);
            case "pad" -> t -> {
                int[] p = new int[a.length - 1];
                for (int j = 0; j < p.length; j++) {
                    p[j] = i(a[j]);
                }
                return Functional.pad(t.get("x"), p, a[a.length - 1]);
            };
            default -> throw new AssertionError("golden case " + name + " names no op this test knows");
        };
        Tensor out = fn.apply(in);
        String what = name + " " + dt;
        assertEquals(dt, out.dtype(), what + ": output dtype");
        close(golden.get(name + ".out"), out, rtol, atol, what + " forward");
        for (String k : new String[] {"running_mean", "running_var"}) {
            Tensor after = golden.get(name + "." + k + ".after");
            if (after != null) {
                close(after, in.get(k), rtol, atol, what + " " + k + " after the step");
            }
        }
        out.backward(golden.get(name + ".gout").to(dt));
        for (Map.Entry<String, Tensor> e : in.entrySet()) {
            Tensor want = golden.get(name + ".grad." + e.getKey());
            if (want != null) {
                assertTrue(e.getValue().grad() != null, what + ": no gradient reached " + e.getKey());
                close(want, e.getValue().grad(), rtol, atol, what + " gradient of " + e.getKey());
            }
        }
    }

    static int i(double v) {
        return (int) v;
    }

    static int[] pair(double[] a, int at) {
        return new int[] {i(a[at]), i(a[at + 1])};
    }

    /** args = [strideH, strideW, padH, padW, dilationH, dilationW, groups, mode (0 ints, 1 same, 2 valid)]. */
    static Function<Map<String, Tensor>, Tensor> conv2d(double[] a) {
        int[] stride = pair(a, 0), padding = pair(a, 2), dilation = pair(a, 4);
        int groups = i(a[6]), mode = i(a[7]);
        return t -> {
            Tensor x = t.get("x"), w = t.get("w"), b = t.get("b");
            if (mode != 0) {
                return Functional.conv2d(x, w, b, stride, mode == 1 ? "same" : "valid", dilation, groups);
            }
            Tensor full = Functional.conv2d(x, w, b, stride, padding, dilation, groups);
            boolean square = stride[0] == stride[1] && padding[0] == padding[1] && dilation[0] == 1 && dilation[1] == 1 && groups == 1;
            if (square) {
                try (var _ = dev.panamax.autograd.Autograd.noGrad()) {
                    close(full.detach(), Functional.conv2d(x, w, b, stride[0], padding[0]), 0, 0, "conv2d(x, w, b, stride, padding)");
                    if (stride[0] == 1 && padding[0] == 0) {
                        close(full.detach(), Functional.conv2d(x, w, b), 0, 0, "conv2d(x, w, b)");
                    }
                }
            }
            return full;
        };
    }

    /** args = [kernelH, kernelW, strideH, strideW (-1: the kernel), padH, padW, dilationH, dilationW, ceilMode]. */
    static Function<Map<String, Tensor>, Tensor> maxPool2d(double[] a) {
        int[] kernel = pair(a, 0), stride = a[2] < 0 ? null : pair(a, 2), padding = pair(a, 4), dilation = pair(a, 6);
        boolean ceil = a[8] != 0;
        return t -> {
            Tensor x = t.get("x");
            Tensor full = Functional.maxPool2d(x, kernel, stride, padding, dilation, ceil);
            boolean square = kernel[0] == kernel[1] && padding[0] == padding[1] && dilation[0] == 1 && dilation[1] == 1 && !ceil
                    && (stride == null || stride[0] == stride[1]);
            if (square) {
                try (var _ = dev.panamax.autograd.Autograd.noGrad()) {
                    close(full.detach(), Functional.maxPool2d(x, kernel[0], stride == null ? kernel[0] : stride[0], padding[0]), 0, 0,
                            "maxPool2d(x, kernel, stride, padding)");
                    if (stride == null && padding[0] == 0) {
                        close(full.detach(), Functional.maxPool2d(x, kernel[0]), 0, 0, "maxPool2d(x, kernel)");
                    }
                }
            }
            return full;
        };
    }

    /** args = [kernelH, kernelW, strideH, strideW (-1: the kernel), padH, padW, ceilMode, countIncludePad]. */
    static Function<Map<String, Tensor>, Tensor> avgPool2d(double[] a) {
        int[] kernel = pair(a, 0), stride = a[2] < 0 ? null : pair(a, 2), padding = pair(a, 4);
        boolean ceil = a[6] != 0, include = a[7] != 0;
        return t -> Functional.avgPool2d(t.get("x"), kernel, stride, padding, ceil, include);
    }
}
