// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.DType;
import dev.panamax.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Gradient clipping, as {@code torch.nn.utils}: call between backward() and the optimizer's step(). */
public final class Utils {
    private Utils() {}

    /** {@link #clipGradNorm_(List, double, double, boolean)} with the 2-norm, not failing on a non-finite norm. */
    public static double clipGradNorm_(List<Tensor> params, double maxNorm) {
        return clipGradNorm_(params, maxNorm, 2, false);
    }

    /**
     * Scales the gradients of params (those that have one) by min(1, maxNorm / (total + 1e-6)), where
     * total is the normType-norm of all their elements together (normType may be
     * {@code Double.POSITIVE_INFINITY}: the largest magnitude). The total is computed in double and
     * rounded to the gradients' dtype, as PyTorch returns it in theirs. Returns the total norm (0
     * when no parameter has a gradient). Modified: the gradients.
     *
     * @throws IllegalStateException if errorIfNonfinite and the total norm is NaN or infinite; then
     *     nothing is changed
     */
    public static double clipGradNorm_(List<Tensor> params, double maxNorm, double normType, boolean errorIfNonfinite) {
        if (!(normType > 0)) {
            throw new IllegalArgumentException("clipGradNorm_: normType must be > 0 (or infinity), got " + normType);
        }
        List<Tensor> grads = new ArrayList<>();
        for (Tensor p : params) {
            if (p.grad() != null) {
                grads.add(p.grad());
            }
        }
        if (grads.isEmpty()) {
            return 0;
        }
        boolean f32 = grads.get(0).dtype() == DType.F32;
        double total = 0;
        for (Tensor g : grads) {
            double norm = 0;
            for (int i = 0; i < g.numel(); i++) {
                double a = Math.abs(g.getFlat(i));
                norm = normType == Double.POSITIVE_INFINITY ? Math.max(norm, a) : normType == 2 ? norm + a * a : norm + Math.pow(a, normType);
                if (Double.isNaN(a)) {
                    norm = Double.NaN;
                    break;
                }
            }
            if (normType == Double.POSITIVE_INFINITY) {
                total = Double.isNaN(norm) || Double.isNaN(total) ? Double.NaN : Math.max(total, norm);
            } else {
                total += norm;
            }
        }
        if (normType != Double.POSITIVE_INFINITY) {
            total = normType == 2 ? Math.sqrt(total) : Math.pow(total, 1 / normType);
        }
        if (f32) {
            total = (float) total;
        }
        if (errorIfNonfinite && !Double.isFinite(total)) {
            throw new IllegalStateException("clipGradNorm_: the total norm of order " + normType + " of the gradients of "
                    + grads.size() + " parameters is " + total + "; pass errorIfNonfinite false to clip anyway");
        }
        double coef = Math.min(maxNorm / (total + 1e-6), 1.0);
        if (f32) {
            coef = (float) coef;
        }
        for (Tensor g : grads) {
            g.mul_(coef);
        }
        return total;
    }

    /** Clamps every gradient element of params into [-clipValue, clipValue]. Modified: the gradients. */
    public static void clipGradValue_(List<Tensor> params, double clipValue) {
        if (!(clipValue >= 0)) {
            throw new IllegalArgumentException("clipGradValue_: clipValue must be >= 0, got " + clipValue);
        }
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g != null) {
                g.copy_(g.clamp(-clipValue, clipValue));
            }
        }
    }
}
