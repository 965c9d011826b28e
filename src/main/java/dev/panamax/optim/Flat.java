// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import dev.panamax.DType;
import dev.panamax.Tensor;

/**
 * A tensor's elements read and written as doubles, for the updates that have no fused kernel. On a
 * float32 tensor every result is rounded to float32 ({@link #r}) after each operation, which gives
 * the float32 operation's own result: double has more than twice float's precision, so rounding
 * twice is harmless for +, -, *, / and sqrt.
 */
final class Flat {
    private final float[] f;
    private final double[] d;
    final int n;

    Flat(Tensor t) {
        f = t.dtype() == DType.F32 ? t.f32() : null;
        d = f == null ? t.f64() : null;
        n = t.numel();
    }

    double get(int i) {
        return f != null ? f[i] : d[i];
    }

    void set(int i, double v) {
        if (f != null) {
            f[i] = (float) v;
        } else {
            d[i] = v;
        }
    }

    /** v rounded to this tensor's precision. */
    double r(double v) {
        return f != null ? (float) v : v;
    }
}
