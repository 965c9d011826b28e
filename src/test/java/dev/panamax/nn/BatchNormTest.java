// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.io.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch norm against the formulas computed by hand, its running statistics, buffers and checkpoints. */
class BatchNormTest {

    /** Per channel of x [N, C, S]: {mean, biased variance}. */
    static double[][] stats(double[] x, int n, int c, int s) {
        double[][] out = new double[c][2];
        for (int k = 0; k < c; k++) {
            double sum = 0, sq = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < s; j++) {
                    sum += x[(i * c + k) * s + j];
                }
            }
            double m = sum / (n * s);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < s; j++) {
                    double d = x[(i * c + k) * s + j] - m;
                    sq += d * d;
                }
            }
            out[k] = new double[] {m, sq / (n * s)};
        }
        return out;
    }

    @Test
    void trainingNormalisesWithBatchStatisticsAndMovesTheRunningOnes() {
        Generator g = new Generator(1);
        BatchNorm2d bn = new BatchNorm2d(3, true, true, DType.F64);
        try (var _ = dev.panamax.autograd.Autograd.noGrad()) {
            bn.weight().copy_(Tensor.of(0.5, 2.0, -1.0));
            bn.bias().copy_(Tensor.of(0.1, 0.0, 3.0));
        }
        Tensor x = Tensor.randn(DType.F64, g, 4, 3, 2, 5).mul(3).add(1);
        Tensor y = bn.forward(x);
        double[][] st = stats(x.toDoubleArray(), 4, 3, 10);
        double[] w = {0.5, 2.0, -1.0}, b = {0.1, 0.0, 3.0};
        for (int i = 0; i < x.numel(); i++) {
            int k = i / 10 % 3;
            double expect = (x.getFlat(i) - st[k][0]) / Math.sqrt(st[k][1] + 1e-5) * w[k] + b[k];
            assertEquals(expect, y.getFlat(i), 1e-12);
        }
        for (int k = 0; k < 3; k++) {
            assertEquals(0.9 * 0 + 0.1 * st[k][0], bn.runningMean().getFlat(k), 1e-14);
            assertEquals(0.9 * 1 + 0.1 * st[k][1] * 40 / 39, bn.runningVar().getFlat(k), 1e-14); // unbiased
        }
        assertEquals(1, bn.numBatchesTracked());
        // eval(): the running statistics normalise, and stay put
        bn.eval();
        double[] rm = bn.runningMean().toDoubleArray(), rv = bn.runningVar().toDoubleArray();
        Tensor ye = bn.forward(x);
        for (int i = 0; i < x.numel(); i++) {
            int k = i / 10 % 3;
            assertEquals((x.getFlat(i) - rm[k]) / Math.sqrt(rv[k] + 1e-5) * w[k] + b[k], ye.getFlat(i), 1e-12);
        }
        assertArrayEquals(rm, bn.runningMean().toDoubleArray(), 0.0);
        assertEquals(1, bn.numBatchesTracked());
    }

    @Test
    void gradientsMatchCentralDifferencesInTrainingAndEval() {
        Generator g = new Generator(2);
        for (boolean training : new boolean[] {true, false}) {
            Tensor x = Tensor.randn(DType.F64, g, 3, 2, 4), w = Tensor.randn(DType.F64, g, 2), b = Tensor.randn(DType.F64, g, 2);
            Tensor rm = Tensor.randn(DType.F64, g, 2), rv = Tensor.rand(DType.F64, g, 2).add(0.5);
            Tensor gy = Tensor.randn(DType.F64, g, 3, 2, 4);
            java.util.function.Function<Tensor[], Double> f = t -> Functional.batchNorm(t[0], rm.clone(), rv.clone(), t[1], t[2],
                    training, 0.1, 1e-5).mul(gy).sum().item();
            Tensor[] leaves = {x.clone().requiresGrad_(), w.clone().requiresGrad_(), b.clone().requiresGrad_()};
            Functional.batchNorm(leaves[0], rm.clone(), rv.clone(), leaves[1], leaves[2], training, 0.1, 1e-5).backward(gy);
            Tensor[] in = {x, w, b};
            for (int a = 0; a < 3; a++) {
                double[] v = in[a].f64();
                for (int i = 0; i < v.length; i++) {
                    double keep = v[i];
                    v[i] = keep + 1e-6;
                    double plus = f.apply(in);
                    v[i] = keep - 1e-6;
                    double minus = f.apply(in);
                    v[i] = keep;
                    assertEquals((plus - minus) / 2e-6, leaves[a].grad().getFlat(i), 1e-6, "training " + training + " input " + a + " [" + i + "]");
                }
            }
        }
    }

    @Test
    void oneValuePerChannelFailsInTrainingAsPyTorch() {
        BatchNorm1d bn = new BatchNorm1d(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(1, 3)));
        assertEquals("batchNorm: Expected more than 1 value per channel when training, got input size [1, 3]", e.getMessage());
        assertEquals(0, bn.numBatchesTracked()); // a failed call changes nothing
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).forward(Tensor.zeros(1, 3, 1, 1)));
        bn.eval();
        assertArrayEquals(new int[] {1, 3}, bn.forward(Tensor.zeros(1, 3)).shape());
        assertEquals("BatchNorm2d: expected 4D input (got 2D input [4, 3])",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).forward(Tensor.zeros(4, 3))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.zeros(4, 2))).getMessage()
                .contains("has 2 channels"));
    }

    @Test
    void buffersAreInTheStateDictUnderPyTorchsNamesButAreNotParameters(@TempDir Path dir) throws Exception {
        Generator g = new Generator(3);
        Sequential net = new Sequential(new Conv2d(1, 2, new int[] {3}, 1, true, DType.F32, g), new BatchNorm2d(2), new ReLU(),
                new Flatten(), new Linear(8, 4, true, DType.F32, g), new BatchNorm1d(4));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
                "4.weight", "4.bias", "5.weight", "5.bias", "5.running_mean", "5.running_var", "5.num_batches_tracked"),
                List.copyOf(net.stateDict().keySet()));
        assertEquals(8, net.parameters().size());
        assertFalse(net.namedParameters().containsKey("1.running_mean"));
        assertEquals(List.of("1.running_mean", "1.running_var", "1.num_batches_tracked", "5.running_mean", "5.running_var",
                "5.num_batches_tracked"), List.copyOf(net.namedBuffers().keySet()));
        for (int i = 0; i < 3; i++) {
            net.forward(Tensor.randn(g, 5, 1, 4, 4)).sum().backward();
        }
        Path file = dir.resolve("bn.safetensors");
        Checkpoint.save(net, file);
        Sequential fresh = new Sequential(new Conv2d(1, 2, 3), new BatchNorm2d(2), new ReLU(), new Flatten(), new Linear(8, 4),
                new BatchNorm1d(4));
        Checkpoint.load(fresh, file);
        Map<String, Tensor> a = net.stateDict(), b = fresh.stateDict();
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).toDoubleArray(), b.get(k).toDoubleArray(), 0.0, k);
        }
        assertEquals(3, ((BatchNorm) fresh.get(1)).numBatchesTracked());
        Tensor x = Tensor.randn(g, 2, 1, 4, 4);
        net.eval();
        fresh.eval();
        assertArrayEquals(net.forward(x).toDoubleArray(), fresh.forward(x).toDoubleArray(), 0.0);
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void printsAsPyTorch() {
        assertEquals("BatchNorm2d(6, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)", new BatchNorm2d(6).toString());
        assertEquals("BatchNorm1d(120, eps=0.001, momentum=0.2, affine=False, track_running_stats=False)",
                new BatchNorm1d(120, false, false, DType.F32).eps(1e-3).momentum(0.2).toString());
    }
}
