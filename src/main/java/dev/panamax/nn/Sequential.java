// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.Tensor;
import dev.panamax.kernel.conv.Activation;

/** Modules applied in order, named "0", "1", ... ({@code nn.Sequential}). */
public class Sequential extends Module {
    private int size;

    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /** Appends a layer under the next index. Returns this. */
    public final Sequential add(Module layer) {
        register(Integer.toString(size++), layer);
        return this;
    }

    /** The i-th layer (negative counts from the end). */
    public final Module get(int i) {
        int k = i < 0 ? i + size : i;
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException("Sequential.get: index " + i + " is out of range for " + size + " layers");
        }
        return namedChildren().get(Integer.toString(k));
    }

    public final int size() {
        return size;
    }

    /**
     * Applies the layers in order. A {@link Linear} directly followed by a {@link ReLU} (both of
     * exactly those classes, so an overridden forward is respected) runs as one
     * {@link Functional#linearRelu} op: the same values and gradients, one buffer fewer; a Linear
     * followed by a {@link Sigmoid} likewise runs as {@link Functional#linearSigmoid}. Likewise a
     * {@link Conv2d} (with numeric padding) followed by a {@link Sigmoid} or a {@link ReLU} runs as one
     * convolution whose store applies the activation, and a Conv2d, a Sigmoid and a 2 x 2, stride 2
     * {@link AvgPool2d} (LeNet's) as one op whose backward takes both gradients in one pass.
     */
    @Override
    public Tensor forward(Tensor x) {
        Module[] layers = namedChildren().values().toArray(new Module[0]);
        for (int i = 0; i < layers.length; i++) {
            Class<?> next = i + 1 < layers.length ? layers[i + 1].getClass() : null;
            Tensor fused;
            if (layers[i].getClass() == Linear.class && next == ReLU.class) {
                Linear l = (Linear) layers[i++];
                x = Functional.linearRelu(x, l.weight(), l.bias());
            } else if (layers[i].getClass() == Linear.class && next == Sigmoid.class) {
                Linear l = (Linear) layers[i++];
                x = Functional.linearSigmoid(x, l.weight(), l.bias());
            } else if (layers[i].getClass() == Conv2d.class && next == Sigmoid.class && i + 2 < layers.length
                    && layers[i + 2].getClass() == AvgPool2d.class && ((AvgPool2d) layers[i + 2]).is2x2()
                    && (fused = ((Conv2d) layers[i]).forwardSigmoidPool(x)) != null) {
                x = fused;
                i += 2;
            } else if (layers[i].getClass() == Conv2d.class && (next == Sigmoid.class || next == ReLU.class)
                    && (fused = ((Conv2d) layers[i]).forwardThen(x, next == ReLU.class ? Activation.RELU : Activation.SIGMOID)) != null) {
                x = fused;
                i++;
            } else {
                x = layers[i].forward(x);
            }
        }
        return x;
    }
}
