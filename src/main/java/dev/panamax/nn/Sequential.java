package dev.panamax.nn;

import dev.panamax.Tensor;

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

    @Override
    public Tensor forward(Tensor x) {
        for (Module m : namedChildren().values()) {
            x = m.forward(x);
        }
        return x;
    }
}
