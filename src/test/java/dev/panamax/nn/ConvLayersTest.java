// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The convolution and pooling layers on the book's figures, their printing, errors and gradients. */
class ConvLayersTest {
    static Tensor grid(int h, int w) {
        return Tensor.arange(h * w).reshape(1, 1, h, w);
    }

    @Test
    void crossCorrelationAndPoolingGiveTheBooksFigures() {
        Tensor x = grid(3, 3), k = Tensor.arange(4).reshape(1, 1, 2, 2);
        assertArrayEquals(new double[] {19, 25, 37, 43}, Functional.conv2d(x, k, null).toDoubleArray());
        assertArrayEquals(new double[] {4, 5, 7, 8}, Functional.maxPool2d(x, new int[] {2}, new int[] {1}, new int[] {0},
                new int[] {1}, false).toDoubleArray());
        assertArrayEquals(new double[] {2, 3, 5, 6}, Functional.avgPool2d(x, new int[] {2}, new int[] {1}, new int[] {0},
                false, true).toDoubleArray());
        // 4x4 grid: MaxPool2d(3) gives [[10]], MaxPool2d(3, padding 1, stride 2) [[5, 7], [13, 15]]
        Tensor x4 = grid(4, 4);
        assertArrayEquals(new double[] {10}, new MaxPool2d(3).forward(x4).toDoubleArray());
        assertArrayEquals(new double[] {5, 7, 13, 15}, new MaxPool2d(3).padding(1).stride(2).forward(x4).toDoubleArray());
        assertArrayEquals(new double[] {5, 7, 13, 15}, new MaxPool2d(new int[] {2, 3}).stride(2, 3).padding(0, 1)
                .forward(x4).toDoubleArray());
    }

    @Test
    void outputShapesOfTheBooksPaddingAndStrideSection() {
        Tensor x = Tensor.rand(new Generator(1), 1, 1, 8, 8);
        Generator g = new Generator(2);
        assertArrayEquals(new int[] {1, 1, 8, 8}, new Conv2d(1, 1, new int[] {3}, 1, true, DType.F32, g).padding(1).forward(x).shape());
        assertArrayEquals(new int[] {1, 1, 8, 8}, new Conv2d(1, 1, new int[] {5, 3}, 1, true, DType.F32, g).padding(2, 1).forward(x).shape());
        assertArrayEquals(new int[] {1, 1, 4, 4}, new Conv2d(1, 1, new int[] {3}, 1, true, DType.F32, g).padding(1).stride(2).forward(x).shape());
        assertArrayEquals(new int[] {1, 1, 2, 2}, new Conv2d(1, 1, new int[] {3, 5}, 1, true, DType.F32, g).padding(0, 1).stride(3, 4)
                .forward(x).shape());
        assertArrayEquals(new int[] {1, 1, 8, 8}, new Conv2d(1, 1, new int[] {4, 5}, 1, true, DType.F32, g).padding("same").forward(x).shape());
        assertArrayEquals(new int[] {1, 1, 5, 4}, new Conv2d(1, 1, new int[] {4, 5}, 1, true, DType.F32, g).padding("valid").forward(x).shape());
    }

    @Test
    void leNetRunsForwardAndBackward() {
        Generator g = new Generator(3);
        Sequential net = new Sequential(
                new Conv2d(1, 6, new int[] {5}, 1, true, DType.F32, g).padding(2), new Sigmoid(), new AvgPool2d(2, 2),
                new Conv2d(6, 16, new int[] {5}, 1, true, DType.F32, g), new Sigmoid(), new AvgPool2d(2, 2),
                new Flatten(), new Linear(16 * 5 * 5, 120, true, DType.F32, g), new Sigmoid(),
                new Linear(120, 84, true, DType.F32, g), new Sigmoid(), new Linear(84, 10, true, DType.F32, g));
        Tensor x = Tensor.rand(g, 2, 1, 28, 28);
        Tensor y = net.forward(x);
        assertArrayEquals(new int[] {2, 10}, y.shape());
        Functional.crossEntropy(y, Tensor.of(3.0, 7.0), Reduction.MEAN).backward();
        for (Tensor p : net.parameters()) {
            assertTrue(p.grad() != null && p.grad().abs().sum().item() > 0, "a gradient for every parameter");
        }
        assertEquals("""
                Sequential(
                  (0): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))
                  (1): Sigmoid()
                  (2): AvgPool2d(kernel_size=2, stride=2, padding=0)
                  (3): Conv2d(6, 16, kernel_size=(5, 5), stride=(1, 1))""", net.toString().lines().limit(5)
                .reduce((a, b) -> a + "\n" + b).orElseThrow());
        assertEquals("MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)",
                new MaxPool2d(3).stride(2).padding(1).toString());
        assertEquals("Conv2d(4, 8, kernel_size=(3, 3), stride=(1, 1), padding=same, dilation=(2, 2), groups=2, bias=False)",
                new Conv2d(4, 8, new int[] {3}, 2, false, DType.F32, g).padding("same").dilation(2).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=(5, 7))", new AdaptiveAvgPool2d(5, 7).toString());
    }

    @Test
    void defaultInitialisationIsPyTorchsBound() {
        Conv2d c = new Conv2d(6, 16, new int[] {5}, 2, true, DType.F64, new Generator(4));
        double bound = 1 / Math.sqrt(3 * 25); // fan_in = in / groups * kH * kW
        assertArrayEquals(new int[] {16, 3, 5, 5}, c.weight().shape());
        double max = c.weight().abs().max().item(), bmax = c.bias().abs().max().item();
        assertTrue(max <= bound && max > 0.9 * bound, "weight within U(-1/sqrt(fan_in), 1/sqrt(fan_in)): " + max);
        assertTrue(bmax <= bound && bmax > 0.5 * bound, "bias within the same bound: " + bmax);
        assertEquals(List.of("weight", "bias"), List.copyOf(c.namedParameters().keySet()));
    }

    @Test
    void initialisersUseTheConvolutionFans() {
        Tensor w = new Conv2d(6, 16, new int[] {5, 3}, 2, false, DType.F64, new Generator(6)).weight();
        assertArrayEquals(new int[] {3 * 15, 16 * 15}, Init.fans(w)); // fan_in = in / groups * kH * kW, fan_out = out * kH * kW
        double xavier = Math.sqrt(6.0 / (45 + 240));
        Init.xavierUniform_(w, 1.0, new Generator(7));
        assertTrue(w.abs().max().item() <= xavier && w.abs().max().item() > 0.95 * xavier);
        Init.kaimingNormal_(w, 0, Init.FanMode.FAN_OUT, "relu", new Generator(8));
        double std = Math.sqrt(w.mul(w).mean().item()), expected = Math.sqrt(2.0 / 240);
        assertEquals(expected, std, 0.1 * expected);
    }

    @Test
    void unbatchedInputsKeepTheirRank() {
        Generator g = new Generator(9);
        Tensor x = Tensor.randn(DType.F64, g, 2, 6, 5), w = Tensor.randn(DType.F64, g, 3, 2, 3, 3);
        Tensor y = Functional.conv2d(x, w, null, 1, 1);
        assertArrayEquals(new int[] {3, 6, 5}, y.shape());
        assertArrayEquals(Functional.conv2d(x.reshape(1, 2, 6, 5), w, null, 1, 1).toDoubleArray(), y.toDoubleArray(), 0.0);
        assertArrayEquals(new int[] {2, 3, 2}, Functional.maxPool2d(x, 2).shape());
        assertArrayEquals(new int[] {2, 1, 1}, Functional.adaptiveAvgPool2d(x, 1, 1).shape());
    }

    @Test
    void gradientsAccumulateIntoExistingBuffers() {
        Generator g = new Generator(5);
        Tensor x = Tensor.randn(DType.F64, g, 2, 2, 5, 5).requiresGrad_();
        Tensor w = Tensor.randn(DType.F64, g, 3, 2, 3, 3).requiresGrad_(), b = Tensor.randn(DType.F64, g, 3).requiresGrad_();
        Functional.conv2d(x, w, b, 1, 1).sum().backward();
        double[] gw = w.grad().toDoubleArray(), gb = b.grad().toDoubleArray(), gx = x.grad().toDoubleArray();
        Functional.conv2d(x, w, b, 1, 1).sum().backward();
        for (int i = 0; i < gw.length; i++) {
            assertEquals(2 * gw[i], w.grad().getFlat(i), 1e-12);
        }
        for (int i = 0; i < gb.length; i++) {
            assertEquals(50.0, gb[i], 0.0); // 2 images of 5 x 5 outputs
            assertEquals(100.0, b.grad().getFlat(i), 0.0);
        }
        assertEquals(2 * gx[7], x.grad().getFlat(7), 1e-12);
    }

    @Test
    void badInputGetsOneLineNamingTheOpAndShapes() {
        Conv2d one = new Conv2d(1, 6, 5);
        assertEquals("conv2d: input [2, 3, 8, 8] has 3 channels, weight [6, 1, 5, 5] expects 1 (in_channels / groups = 1)",
                assertThrows(IllegalArgumentException.class, () -> one.forward(Tensor.zeros(2, 3, 8, 8))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> one.forward(Tensor.zeros(2, 1, 4, 4))).getMessage()
                .contains("the kernel can't be greater than the padded input"));
        Tensor x = Tensor.zeros(1, 2, 6, 6), w = Tensor.zeros(2, 2, 3, 3);
        assertTrue(message(() -> Functional.conv2d(x, w, null, new int[] {0}, new int[] {0}, new int[] {1}, 1)).contains("stride"));
        assertTrue(message(() -> Functional.conv2d(x, w, null, new int[] {1}, new int[] {0}, new int[] {0}, 1)).contains("dilation"));
        assertTrue(message(() -> Functional.conv2d(x, w, null, new int[] {1}, new int[] {-1}, new int[] {1}, 1)).contains("negative padding"));
        assertTrue(message(() -> Functional.conv2d(x, w, null, new int[] {2}, "same", new int[] {1}, 1))
                .contains("padding='same' is not supported for strided convolutions"));
        assertTrue(message(() -> Functional.conv2d(x, Tensor.zeros(3, 1, 3, 3), null, new int[] {1}, new int[] {0}, new int[] {1}, 2))
                .contains("not divisible by groups 2"));
        assertTrue(message(() -> Functional.conv2d(x, w.to(DType.F64), null)).contains("same dtype"));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, new int[] {3}, 2, true, DType.F32, null));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 1, 3).stride(2).padding("same"));
        assertTrue(message(() -> Functional.maxPool2d(Tensor.zeros(1, 1, 5, 5), 2, 2, 2)).contains("pad should be at most half of kernel size"));
        assertTrue(message(() -> Functional.maxPool2d(Tensor.zeros(1, 1, 1, 1), 2)).contains("too small"));
        assertTrue(message(() -> Functional.avgPool2d(Tensor.zeros(1, 0, 4, 4), 2)).contains("only the batch may be empty"));
    }

    static String message(Runnable r) {
        String m = assertThrows(IllegalArgumentException.class, r::run).getMessage();
        assertTrue(m.startsWith("conv2d") || m.startsWith("maxPool2d") || m.startsWith("avgPool2d"), m);
        assertTrue(!m.contains("\n"), m);
        return m;
    }
}
