// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.nn.Functional;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the places where an independent differential test found panamax and
 * PyTorch 1.13 disagreeing; each expected value is what torch printed for the same call.
 */
class TorchAgreementTest {

    // ------------------------------------------------------------ matmul of every rank

    @Test
    void matmulOfTwoVectorsIsTheDotProduct() {
        Tensor a = Tensor.of(1.0, 2.0, 3.0).requiresGrad_(), b = Tensor.of(4.0, 5.0, 6.0).requiresGrad_();
        Tensor dot = a.matmul(b);
        assertArrayEquals(new int[0], dot.shape());
        assertEquals(32.0, dot.item());
        dot.backward();
        assertArrayEquals(new double[] {4, 5, 6}, a.grad().toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 3}, b.grad().toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(1.0, 2.0).matmul(Tensor.of(1.0)));
        assertTrue(e.getMessage().contains("inner dimensions 2 and 1 differ"), e.getMessage());
    }

    @Test
    void matmulBroadcastsBatchDimsAndSumsTheirGradients() {
        // [2, 1, 2, 3] @ [3, 3, 1] -> [2, 3, 2, 1]; torch: out.sum().backward() gives these gradients.
        Tensor a = Tensor.arange(12).to(DType.F64).reshape(2, 1, 2, 3).detach().requiresGrad_();
        Tensor b = Tensor.arange(9).to(DType.F64).reshape(3, 3, 1).detach().requiresGrad_();
        Tensor out = a.matmul(b);
        assertArrayEquals(new int[] {2, 3, 2, 1}, out.shape());
        assertArrayEquals(new double[] {5, 14, 14, 50, 23, 86, 23, 32, 86, 122, 149, 212}, out.reshape(-1).toDoubleArray());
        out.sum().backward();
        assertArrayEquals(new double[] {9, 12, 15, 9, 12, 15, 9, 12, 15, 9, 12, 15}, a.grad().reshape(-1).toDoubleArray());
        assertArrayEquals(new double[] {18, 22, 26, 18, 22, 26, 18, 22, 26}, b.grad().reshape(-1).toDoubleArray());
        // A vector against a batch: [3] @ [2, 3, 1] -> [2, 1].
        assertArrayEquals(new double[] {5, 14}, Tensor.of(0.0, 1, 2).matmul(b.detach().narrow(0, 0, 2)).reshape(-1).toDoubleArray());
    }

    @Test
    void matmulWithZeroSizeDimsGivesZerosOrEmptyResults() {
        Tensor a = Tensor.zeros(DType.F64, 2, 0).requiresGrad_(), b = Tensor.zeros(DType.F64, 0, 3).requiresGrad_();
        Tensor c = a.matmul(b);
        assertArrayEquals(new int[] {2, 3}, c.shape());
        assertArrayEquals(new double[6], c.toDoubleArray());
        c.sum().backward();
        assertArrayEquals(new int[] {2, 0}, a.grad().shape());
        assertArrayEquals(new int[] {0, 3}, b.grad().shape());
        assertArrayEquals(new int[] {2, 0}, Tensor.ones(2, 3).matmul(Tensor.ones(3, 0)).shape());
        assertArrayEquals(new int[] {0, 2, 4}, Tensor.ones(0, 2, 3).matmul(Tensor.ones(3, 4)).shape());
        assertEquals(0.0, Tensor.zeros(0).matmul(Tensor.zeros(0)).item());
    }

    @Test
    void linearWithZeroInputsOrOutputsRunsBackward() {
        for (int[] io : new int[][] {{0, 3}, {3, 0}}) {
            Tensor x = Tensor.ones(4, io[0]).requiresGrad_(), w = Tensor.ones(io[1], io[0]).requiresGrad_();
            Tensor bias = Tensor.ones(io[1]).requiresGrad_();
            Tensor y = Functional.linear(x, w, bias);
            assertArrayEquals(new int[] {4, io[1]}, y.shape());
            y.sum().backward();
            assertArrayEquals(new float[4 * io[0]], x.grad().toFloatArray());
            assertArrayEquals(new int[] {io[1], io[0]}, w.grad().shape());
            assertArrayEquals(io[1] == 0 ? new float[0] : new float[] {4, 4, 4}, bias.grad().toFloatArray());
            if (io[1] == 3) {
                assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, y.reshape(-1).toFloatArray());
            }
        }
    }

    // ------------------------------------------------------------ negative dims and indices

    @Test
    void negativeStartsAndIndicesCountFromTheEnd() {
        Tensor x = Tensor.of(0.0, 1, 2, 3, 4);
        assertArrayEquals(new double[] {3, 4}, x.narrow(0, -2, 2).toDoubleArray());
        assertArrayEquals(new double[] {0, 1}, x.narrow(-1, -5, 2).toDoubleArray());
        assertArrayEquals(new double[0], x.narrow(0, 5, 0).toDoubleArray());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> x.narrow(0, -2, 3)).getMessage().contains("size 5"));
        assertThrows(IllegalArgumentException.class, () -> x.narrow(0, -6, 1));
        assertThrows(IllegalArgumentException.class, () -> x.narrow(0, 2, -1));
        assertArrayEquals(new double[] {4, 0}, x.rows(-1, -5).toDoubleArray());
        assertThrows(IndexOutOfBoundsException.class, () -> x.rows(-6));
        assertThrows(IndexOutOfBoundsException.class, () -> x.indexSelect(0, Tensor.of(-1.0)));
        assertThrows(IllegalArgumentException.class, () -> Tensor.full(1.0).narrow(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.full(1.0).slice(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.cat(List.of(Tensor.full(1.0)), 0));
    }

    // ------------------------------------------------------------ removable singularities in backward

    @Test
    void normOfZerosHasZeroGradientAndKeepsReluFedLeavesFinite() {
        Tensor x = Tensor.of(-1.0, -2.0).requiresGrad_();
        x.relu().norm().backward();
        assertArrayEquals(new double[] {0, 0}, x.grad().toDoubleArray());
        Tensor y = Tensor.of(3.0, 4.0).requiresGrad_();
        y.norm().backward();
        assertArrayEquals(new double[] {0.6, 0.8}, y.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void powWithAZeroBaseHasPyTorchsGradients() {
        Tensor a = Tensor.of(0.0, 0, 2).requiresGrad_(), b = Tensor.of(0.0, 2, 0).requiresGrad_();
        a.pow(b).sum().backward();
        assertArrayEquals(new double[] {0, 0, 0}, a.grad().toDoubleArray());
        assertArrayEquals(new double[] {0, 0, Math.log(2)}, b.grad().toDoubleArray(), 1e-15);
        // A negative exponent at 0 is a real pole: torch gives -inf to both.
        Tensor c = Tensor.of(0.0).requiresGrad_(), d = Tensor.of(-1.0).requiresGrad_();
        c.pow(d).sum().backward();
        assertEquals(Double.NEGATIVE_INFINITY, c.grad().item());
        assertEquals(Double.NEGATIVE_INFINITY, d.grad().item());
        // Scalar exponents: 0 gives 0, 0.5 gives +inf at 0, as torch.
        Tensor e = Tensor.of(0.0, 1.0).requiresGrad_();
        e.pow(0).sum().backward();
        assertArrayEquals(new double[] {0, 0}, e.grad().toDoubleArray());
        Tensor f = Tensor.of(0.0, 1.0).requiresGrad_();
        f.pow(0.5).sum().backward();
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.5}, f.grad().toDoubleArray());
    }

    @Test
    void maxOfTiesSharesTheGradientAndMaxDimGivesItToTheFirst() {
        Tensor x = Tensor.of(1.0, 3, 3, 2).requiresGrad_();
        x.max().backward();
        assertArrayEquals(new double[] {0, 0.5, 0.5, 0}, x.grad().toDoubleArray());
        Tensor y = Tensor.of(1.0, 3, 3, 2).reshape(1, 4).detach().requiresGrad_();
        y.max(1, false).sum().backward();
        assertArrayEquals(new double[] {0, 1, 0, 0}, y.grad().reshape(-1).toDoubleArray());
    }

    // ------------------------------------------------------------ scalars in the tensor's dtype

    @Test
    void clampComparesWithBoundsRoundedToTheDtype() {
        Tensor x = Tensor.of((float) 0.7, (float) 1.3, 0.5f, 2f).requiresGrad_();
        Tensor y = x.clamp(0.7, 1.3);
        assertArrayEquals(new float[] {(float) 0.7, (float) 1.3, (float) 0.7, (float) 1.3}, y.toFloatArray());
        y.sum().backward();
        assertArrayEquals(new float[] {1, 1, 0, 0}, x.grad().toFloatArray());
        Tensor z = Tensor.of(-1.0, 0, 2).requiresGrad_();
        Tensor w = z.clamp(1, 0.5); // min > max: max everywhere, no gradient
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, w.toDoubleArray());
        w.sum().backward();
        assertArrayEquals(new double[] {0, 0, 0}, z.grad().toDoubleArray());
    }

    @Test
    void scalarOpsRoundTheScalarToFloat32First() {
        // torch.tensor([1., 2., 7.]) / 3 in float32: a true division by 3f, not a product with 1/3.
        float[] x = {1f, 2f, 7f};
        float[] div = Tensor.of(x).div(3).toFloatArray();
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] / 3f, div[i], 0f);
        }
        // x + 0.1 adds (float) 0.1: for x = 2^24 the double 0.1 rounds differently.
        assertEquals(16777216f + (float) 0.1, Tensor.of(16777216f).add(0.1).item(), 0.0);
        assertEquals(3f * (float) 0.1, Tensor.of(3f).mul(0.1).item(), 0.0);
        assertEquals(1f, Tensor.of((float) 0.1).gt(0.1).add(Tensor.of((float) 0.1).eq(0.1)).item(), 0.0);
    }

    // ------------------------------------------------------------ reductions over a dim list

    @Test
    void anEmptyDimListReducesEveryDimAsPyTorch113() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        assertArrayEquals(new int[0], x.sum(new int[0], false).shape());
        assertEquals(15.0, x.sum(new int[0], false).item());
        assertArrayEquals(new int[] {1, 1}, x.mean(new int[0], true).shape());
        assertEquals(2.5, x.mean(new int[0], true).item());
    }

    // ------------------------------------------------------------ zero-size dims

    @Test
    void zeroSizeReductionsFollowPyTorch() {
        Tensor e = Tensor.zeros(2, 0).requiresGrad_();
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, e.logSumExp(1, false).toFloatArray());
        assertArrayEquals(new int[] {2, 0}, e.softmax(1).shape());
        assertArrayEquals(new int[] {2, 0}, e.logSoftmax(0).shape());
        assertArrayEquals(new int[] {0}, e.logSumExp(0, false).shape());
        Tensor lse = e.logSumExp(1, true);
        lse.sum().backward();
        assertArrayEquals(new int[] {2, 0}, e.grad().shape());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e.max(1, false)).getMessage().contains("size 0"));
        assertArrayEquals(new int[] {0}, Tensor.zeros(0, 3).max(1, false).shape());
        assertArrayEquals(new int[] {0, 1}, Tensor.zeros(0, 3).argmax(1, true).shape());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).max());
        assertTrue(Float.isNaN(Tensor.zeros(2, 0).mean(1, false).toFloatArray()[0]));
        assertArrayEquals(new float[] {0, 0}, Tensor.zeros(2, 0).sum(1, false).toFloatArray());
        assertEquals(0.0, Tensor.zeros(2, 0).norm().item());
    }

    @Test
    void emptyTensorsPrintAsPyTorch() {
        assertEquals("tensor([])", Tensor.zeros(0).toString());
        assertEquals("tensor([], size=(2, 0))", Tensor.zeros(2, 0).toString());
        assertEquals("tensor([], size=(0, 3), dtype=torch.float64)", Tensor.zeros(DType.F64, 0, 3).toString());
        assertThrows(IllegalArgumentException.class, () -> Tensor.full(1.0).size(0));
    }

    @Test
    void shapeArithmeticNeverOverflows() {
        assertEquals(0, Tensor.zeros(65536, 65536, 0).numel());
        assertEquals(0, Tensor.zeros(0, 65536, 65536).numel());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0, 65536, 65537).flatten(2, 3));
        assertTrue(e.getMessage().contains("flatten"), e.getMessage());
        assertArrayEquals(new int[] {2, 0, 65536}, Tensor.zeros(2, 0, 256, 256).flatten(2, 3).shape());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(65536, 65536));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, -1));
        assertArrayEquals(new int[] {0}, Tensor.zeros(0, 65536, 65536).reshape(-1).shape());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).reshape(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(4).reshape(-1, 65536, 65536, 65536, 65536));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(4).reshape(-1, -1));
    }

    // ------------------------------------------------------------ factories refuse bad arguments

    @Test
    void factoriesRefuseBadArgumentsWithIllegalArgumentException() {
        List<Supplier<Object>> bad = List.of(
                () -> Tensor.arange(0, 1e10, 1),
                () -> Tensor.arange(0, Double.POSITIVE_INFINITY, 1),
                () -> Tensor.arange(0, Double.NaN, 1),
                () -> Tensor.arange(0, 5, 0),
                () -> Tensor.arange(0, -5, 1),
                () -> Tensor.arange(-1e308, 1e308, 1e-300),
                () -> new Generator(1).permutation(-1),
                () -> new Generator(1).nextInt(0),
                () -> Tensor.randn(new Generator(1), -1),
                () -> Tensor.normal(0, -1, new Generator(1), 2),
                () -> Tensor.normal(0, Double.NaN, new Generator(1), 2),
                () -> Tensor.uniform(1, 0, new Generator(1), 2),
                () -> Tensor.uniform(0, Double.POSITIVE_INFINITY, new Generator(1), 2),
                () -> Tensor.zeros(2).uniform_(0, Double.NaN, new Generator(1)),
                () -> Tensor.eye(-1),
                () -> Tensor.eye(65536),
                () -> Tensor.full(1.0, 1 << 16, 1 << 16),
                () -> Tensor.fromArray(new float[3], 2, 2));
        for (int i = 0; i < bad.size(); i++) {
            Supplier<Object> s = bad.get(i);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::get, "case " + i);
            assertTrue(e.getMessage().length() < 300, () -> "case " + e.getMessage());
        }
        assertArrayEquals(new int[] {0}, Tensor.arange(0, 0, 1).shape());
        assertArrayEquals(new double[] {5, 3, 1}, Tensor.arange(5, 0, -2).to(DType.F64).toDoubleArray());
        assertArrayEquals(new int[0], new Generator(1).permutation(0));
    }
}
