// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.autograd.Autograd;
import dev.panamax.io.SafeTensors;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Flatten;
import dev.panamax.nn.Functional;
import dev.panamax.nn.Linear;
import dev.panamax.nn.ReLU;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.SGD;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * panamax against golden files that PyTorch wrote ({@code /usr/bin/python3 verify/golden.py}):
 * every op of the sweep, the chapter's MLP step, extreme cross-entropy, dropout. Float64 within
 * 1e-10 relative, float32 within 1e-5. The convolution family of the sweep ({@link ConvOpInfos}:
 * conv2d, the poolings, pad, batch norm) has a golden file of its own with every argument
 * combination, verify/golden/conv.safetensors, and is not looked for here.
 */
class GoldenTest {
    static Map<String, Tensor> ops, mlp;

    @BeforeAll
    static void read() throws IOException {
        ops = SafeTensors.read(Path.of("verify", "golden", "ops.safetensors"));
        mlp = SafeTensors.read(Path.of("verify", "golden", "mlp.safetensors"));
    }

    /** The sweep's ops whose golden values are in ops.safetensors: all but the convolution family. */
    static Stream<OpInfo> sweep() {
        TreeSet<String> conv = new TreeSet<>();
        ConvOpInfos.all().forEach(o -> conv.add(o.name()));
        return OpInfo.all().stream().filter(o -> !conv.contains(o.name()));
    }

    @Test
    void everyOpOfTheSweepHasAGoldenEntryAndNoGoldenEntryIsUnused() throws IOException {
        if (ops == null) {
            read();
        }
        TreeSet<String> golden = new TreeSet<>();
        ops.keySet().stream().filter(k -> !k.contains("~")).forEach(k -> golden.add(k.substring(0, k.indexOf('.'))));
        TreeSet<String> sweep = new TreeSet<>();
        sweep().forEach(o -> sweep.add(o.name()));
        assertEquals(sweep, golden, "verify/golden.py and OpInfo list the same ops");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sweep")
    void opMatchesPyTorch(OpInfo op) {
        List<Tensor> in = new ArrayList<>();
        for (int i = 0; ops.containsKey(op.name() + ".in" + i); i++) {
            in.add(ops.get(op.name() + ".in" + i));
        }
        Tensor[] leaves = OpSweepTest.leaves(in.toArray(new Tensor[0]));
        Tensor out = op.op().apply(leaves);
        close(ops.get(op.name() + ".out"), out, 1e-10, 1e-12, op + " forward f64");
        if (ops.containsKey(op.name() + ".gout")) {
            out.backward(ops.get(op.name() + ".gout"));
            for (int i = 0; i < leaves.length; i++) {
                Tensor want = ops.get(op.name() + ".grad" + i);
                if (want != null) {
                    close(want, leaves[i].grad(), 1e-10, 1e-12, op + " grad of input " + i);
                }
            }
        }
        Tensor[] in32 = in.stream().map(t -> t.to(DType.F32)).toArray(Tensor[]::new);
        close(ops.get(op.name() + ".out"), op.op().apply(in32), 1e-5, 1e-5, op + " forward f32");
    }

    /** pattern() of verify/golden.py: exact in both languages. */
    static Tensor pattern(DType dt, int rows, int cols, int a, int b, int mod, double scale) {
        Tensor t = Tensor.zeros(dt, rows * cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t.setRaw(i * cols + j, scale * ((((long) i * a + (long) j * b) % mod) - mod / 2) / (mod / 2));
            }
        }
        return t;
    }

    @Test
    void theChaptersMlpStepMatchesPyTorch() {
        for (DType dt : DType.values()) {
            String tag = dt == DType.F64 ? "f64" : "f32";
            double rtol = dt == DType.F64 ? 1e-10 : 1e-5, atol = dt == DType.F64 ? 1e-13 : 1e-6;
            Tensor x = pattern(dt, 32, 784, 7919, 104729, 1000, 1.0).add(1).div(2).reshape(32, 784);
            Tensor y = Tensor.zeros(dt, 32);
            for (int i = 0; i < 32; i++) {
                y.setRaw(i, i * 7 % 10);
            }
            Linear l1 = new Linear(784, 256, true, dt, new Generator(0)), l2 = new Linear(256, 10, true, dt, new Generator(0));
            Sequential net = new Sequential(new Flatten(), l1, new ReLU(), l2);
            try (var _ = Autograd.noGrad()) {
                l1.weight().copy_(pattern(dt, 256, 784, 31, 17, 201, 0.01).reshape(256, 784));
                l1.bias().copy_(pattern(dt, 256, 1, 13, 0, 51, 0.01).reshape(256));
                l2.weight().copy_(pattern(dt, 10, 256, 29, 11, 101, 0.05).reshape(10, 256));
                l2.bias().copy_(pattern(dt, 10, 1, 3, 0, 11, 0.01).reshape(10));
            }
            Tensor logits = net.forward(x);
            close(mlp.get(tag + ".logits"), logits, rtol, atol, tag + " logits");
            Tensor loss = new CrossEntropyLoss(Reduction.MEAN).apply(logits, y);
            close(mlp.get(tag + ".loss"), loss.reshape(1), rtol, atol, tag + " loss");
            loss.backward();
            Tensor sample = mlp.get("sample");
            checkW1(tag + ".grad.w1", l1.weight().grad(), sample, rtol, atol);
            close(mlp.get(tag + ".grad.b1"), l1.bias().grad(), rtol, atol, tag + " grad b1");
            close(mlp.get(tag + ".grad.w2"), l2.weight().grad(), rtol, atol, tag + " grad w2");
            close(mlp.get(tag + ".grad.b2"), l2.bias().grad(), rtol, atol, tag + " grad b2");
            new SGD(0.1, SGD.group(l1.weight(), l2.weight()).weightDecay(0.01), SGD.group(l1.bias(), l2.bias())).step();
            checkW1(tag + ".step.w1", l1.weight(), sample, rtol, atol);
            close(mlp.get(tag + ".step.b1"), l1.bias(), rtol, atol, tag + " step b1");
            close(mlp.get(tag + ".step.w2"), l2.weight(), rtol, atol, tag + " step w2");
            close(mlp.get(tag + ".step.b2"), l2.bias(), rtol, atol, tag + " step b2");
        }
    }

    private static void checkW1(String key, Tensor full, Tensor sample, double rtol, double atol) {
        Tensor picked = full.reshape(-1).indexSelect(0, sample.to(full.dtype()));
        close(mlp.get(key), picked, rtol, atol, key + " (2,000 sampled entries)");
        close(mlp.get(key + ".norm"), full.norm().reshape(1), rtol, atol, key + " norm");
    }

    @Test
    void crossEntropyOnExtremeLogitsMatchesPyTorch() {
        for (DType dt : DType.values()) {
            Tensor logits = mlp.get("ce.logits").to(dt).detach().requiresGrad_();
            Tensor loss = Functional.crossEntropy(logits, mlp.get("ce.labels").to(dt), Reduction.NONE);
            double rtol = dt == DType.F64 ? 1e-10 : 1e-5;
            close(mlp.get("ce.loss"), loss, rtol, rtol, dt + " loss");
            loss.backward(mlp.get("ce.gout").to(dt));
            close(mlp.get("ce.grad"), logits.grad(), rtol, rtol, dt + " grad");
        }
    }

    @Test
    void dropoutWithAGivenMaskMatchesPyTorch() {
        Tensor x = mlp.get("dropout.x").detach().requiresGrad_();
        double p = mlp.get("dropout.p").item();
        Tensor out = x.mul(mlp.get("dropout.mask")).div(1 - p);
        close(mlp.get("dropout.out"), out, 1e-10, 1e-12, "dropout forward");
        out.backward(mlp.get("dropout.gout"));
        close(mlp.get("dropout.grad"), x.grad(), 1e-10, 1e-12, "dropout backward");
        // panamax's own dropout keeps the same law: out = x * mask / (1 - p) for the mask it drew.
        Tensor own = Functional.dropout(mlp.get("dropout.x"), p, true, new Generator(4));
        Tensor xs = mlp.get("dropout.x");
        for (int i = 0; i < xs.numel(); i++) {
            double o = own.getFlat(i);
            assertTrue(o == 0 || Math.abs(o - xs.getFlat(i) / (1 - p)) < 1e-12, "kept elements are scaled by 1/(1-p)");
        }
    }

    static Stream<String> kinks() {
        return ops.keySet().stream().filter(k -> k.contains("~") && k.endsWith(".out")).map(k -> k.substring(0, k.indexOf('.'))).sorted();
    }

    /**
     * The values on and near kinks (and float32 inputs with large offsets) that golden.py lists:
     * forward and the gradient for an upstream of ones, in the inputs' dtype (for the large offsets,
     * the float64 result on the same values and no gradient). Float32 within 1e-6 + 1e-6 relative:
     * torch's float kernels round differently from panamax's double-then-round.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinks")
    void valuesOnAndNearKinksMatchPyTorch(String key) throws IOException {
        String name = key.substring(0, key.indexOf('~'));
        OpInfo op = OpInfo.all().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("golden kink " + key + " names no op of the sweep"));
        List<Tensor> in = new ArrayList<>();
        for (int i = 0; ops.containsKey(key + ".in" + i); i++) {
            in.add(ops.get(key + ".in" + i));
        }
        Tensor[] leaves = OpSweepTest.leaves(in.toArray(new Tensor[0]));
        Tensor out = op.op().apply(leaves);
        double rtol = leaves[0].dtype() == DType.F64 ? 1e-12 : 1e-6, atol = leaves[0].dtype() == DType.F64 ? 0 : 1e-6;
        close(ops.get(key + ".out"), out, rtol, atol, key + " forward");
        out.backward(Tensor.onesLike(out));
        for (int i = 0; i < leaves.length; i++) {
            Tensor want = ops.get(key + ".grad" + i);
            if (want != null) {
                close(want, leaves[i].grad(), rtol, atol, key + " grad of input " + i);
            }
        }
    }

    static void close(Tensor want, Tensor got, double rtol, double atol, String what) {
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        for (int i = 0; i < want.numel(); i++) {
            double w = want.getFlat(i), g = got.getFlat(i);
            if (!(Math.abs(w - g) <= atol + rtol * Math.abs(w)) && !(w == g) && !(Double.isNaN(w) && Double.isNaN(g))) {
                throw new AssertionError(what + ": element " + i + " is " + g + ", PyTorch " + w + " (rtol " + rtol + ")");
            }
        }
    }
}
