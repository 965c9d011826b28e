// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.DType;
import dev.panamax.Shape;
import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;
import dev.panamax.autograd.Graph;
import dev.panamax.kernel.conv.BatchNormKernels;

/** batchNorm, a recorded op over {@link BatchNormKernels}; the public entry point is {@link Functional}'s. */
final class BatchNormFunctional {
    private BatchNormFunctional() {}

    static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias, boolean training,
                            double momentum, double eps) {
        String at = "batchNorm: input " + Shape.str(x.shape());
        if (x.dim() < 2) {
            throw new IllegalArgumentException(at + ": expected at least 2 dims [N, C, ...]");
        }
        int n = x.size(0), c = x.size(1), s = Shape.product("batchNorm", x.shape(), 2, x.dim());
        String[] names = {"running_mean", "running_var", "weight", "bias"};
        Tensor[] perChannel = {runningMean, runningVar, weight, bias};
        for (int i = 0; i < 4; i++) {
            Tensor t = perChannel[i];
            if (t == null) {
                continue;
            }
            if (t.dim() != 1 || t.size(0) != c) {
                throw new IllegalArgumentException(at + " has " + c + " channels, " + names[i] + " " + Shape.str(t.shape())
                        + " expects " + (t.dim() == 1 ? t.size(0) : "a 1-D tensor"));
            }
            if (t.dtype() != x.dtype()) {
                throw new IllegalArgumentException(at + " is " + x.dtype() + ", " + names[i] + " " + t.dtype()
                        + ": all must have the same dtype");
            }
        }
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException(at + ": give both running_mean and running_var, or neither");
        }
        if (!training && runningMean == null) {
            throw new IllegalArgumentException(at + ": running_mean and running_var must be given in evaluation mode");
        }
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(at + ": eps " + eps + " must be positive and momentum " + momentum + " in [0, 1]");
        }
        long count = (long) n * s;
        if (training && count == 1) {
            throw new IllegalArgumentException("batchNorm: Expected more than 1 value per channel when training, got input size "
                    + Shape.str(x.shape()));
        }
        boolean f32 = x.dtype() == DType.F32;
        Tensor y = Tensor.zeros(x.dtype(), x.shape());
        double[] mean = new double[c], var = new double[c], invstd = new double[c];
        if (training) {
            if (f32) {
                BatchNormKernels.forwardTrain(n, c, s, x.f32(), arr32(weight), arr32(bias), eps, y.f32(), mean, var, invstd);
            } else {
                BatchNormKernels.forwardTrain(n, c, s, x.f64(), arr64(weight), arr64(bias), eps, y.f64(), mean, var, invstd);
            }
            if (runningMean != null && count > 1) { // the running variance takes the unbiased batch variance; an empty batch leaves it
                double unbias = (double) count / (count - 1);
                for (int k = 0; k < c; k++) {
                    set(runningMean, k, (1 - momentum) * runningMean.getFlat(k) + momentum * mean[k]);
                    set(runningVar, k, (1 - momentum) * runningVar.getFlat(k) + momentum * var[k] * unbias);
                }
                runningMean.bumpVersion();
                runningVar.bumpVersion();
            }
        } else {
            for (int k = 0; k < c; k++) {
                mean[k] = runningMean.getFlat(k);
                invstd[k] = 1 / Math.sqrt(runningVar.getFlat(k) + eps);
            }
            if (f32) {
                BatchNormKernels.forwardEval(n, c, s, x.f32(), runningMean.f32(), runningVar.f32(), arr32(weight), arr32(bias), eps, y.f32());
            } else {
                BatchNormKernels.forwardEval(n, c, s, x.f64(), runningMean.f64(), runningVar.f64(), arr64(weight), arr64(bias), eps, y.f64());
            }
        }
        Tensor[] inputs = weight == null ? new Tensor[] {x} : bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        if (weight == null && bias != null) {
            inputs = new Tensor[] {x, bias};
        }
        Tensor[] in = inputs;
        return Graph.of(y, "batch_norm", in).saves(weight == null ? new Tensor[] {x} : new Tensor[] {x, weight}).backward(gy -> {
            // With xhat = (x - mean) invstd: db = sum g, dw = sum g xhat, dx = w invstd (g - mean g - xhat mean(g xhat))
            // in training (the statistics depend on x), dx = w invstd g in evaluation.
            Tensor accW = weight == null ? null : Autograd.accumulationBuffer(weight);
            Tensor accB = bias == null ? null : Autograd.accumulationBuffer(bias);
            Tensor gx = x.requiresGrad() ? Tensor.zeros(x.dtype(), x.shape()) : null;
            Tensor gw = weight != null && weight.requiresGrad() && accW == null ? Tensor.zeros(x.dtype(), c) : null;
            Tensor gb = bias != null && bias.requiresGrad() && accB == null ? Tensor.zeros(x.dtype(), c) : null;
            Tensor intoW = accW != null ? accW : gw, intoB = accB != null ? accB : gb;
            if (f32) {
                BatchNormKernels.backward(n, c, s, x.f32(), gy.f32(), mean, invstd, arr32(weight), training,
                        gx == null ? null : gx.f32(), arr32(intoW), arr32(intoB));
            } else {
                BatchNormKernels.backward(n, c, s, x.f64(), gy.f64(), mean, invstd, arr64(weight), training,
                        gx == null ? null : gx.f64(), arr64(intoW), arr64(intoB));
            }
            if (accW != null) {
                accW.bumpVersion();
            }
            if (accB != null) {
                accB.bumpVersion();
            }
            Tensor[] out = new Tensor[in.length];
            out[0] = gx;
            int i = 1;
            if (weight != null) {
                out[i++] = gw;
            }
            if (bias != null) {
                out[i] = gb;
            }
            return out;
        });
    }

    private static float[] arr32(Tensor t) {
        return t == null ? null : t.f32();
    }

    private static double[] arr64(Tensor t) {
        return t == null ? null : t.f64();
    }

    private static void set(Tensor t, int i, double v) {
        if (t.dtype() == DType.F32) {
            t.f32()[i] = (float) v;
        } else {
            t.f64()[i] = v;
        }
    }
}
