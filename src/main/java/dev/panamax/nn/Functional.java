// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Shape;
import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;
import dev.panamax.autograd.Graph;
import dev.panamax.kernel.Gemm;
import dev.panamax.kernel.Kernels;
import dev.panamax.kernel.DropoutKernel;
import dev.panamax.kernel.SoftmaxCrossEntropyKernel;
import dev.panamax.kernel.LinearKernel;
import java.util.Arrays;

/**
 * The ops behind the layers and losses, each one recorded op whose forward and backward work
 * directly on the arrays, in float32 and float64 ({@code torch.nn.functional}).
 *
 * <p>This class is the seam for the fused kernels of {@code dev.panamax.kernel}: {@link #linear},
 * {@link #linearRelu}, {@link #crossEntropy} and {@link #dropout} are the only places the modules
 * and losses call, so pointing one of them at a fused kernel changes no module. Every method allocates its result and
 * modifies none of its arguments.
 */
public final class Functional {
    private Functional() {}

    // ------------------------------------------------------------------ linear

    /**
     * y = x W^T + b, PyTorch's {@code F.linear}.
     *
     * <p>Backward, with G = dL/dy: dx = G W, dW = G^T x, db = sum of G over the rows. Each is
     * computed only when its input requires grad (the first layer never needs dx).
     *
     * @param x input [N, in] (also [in], or [..., in]: leading dims are flattened and restored).
     *     Not modified.
     * @param w weight [out, in]. Not modified.
     * @param b bias [out], or null for none. Not modified.
     * @return a new tensor [N, out] (or [out], or [..., out])
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        return linear("linear", x, w, b, false, false);
    }

    /**
     * relu(x W^T + b) as one op, the shape of the fused GEMM-store kernel; {@link Sequential} calls
     * it for a {@link Linear} directly followed by a {@link ReLU}. Same arguments and result as
     * {@code linear(x, w, b).relu()}, with one output buffer and one graph node instead of two.
     *
     * <p>Backward: G' = G * [y > 0], then the rules of {@link #linear} with G'.
     */
    public static Tensor linearRelu(Tensor x, Tensor w, Tensor b) {
        return linear("linearRelu", x, w, b, true, false);
    }

    /**
     * sigmoid(x W^T + b) as one op; {@link Sequential} calls it for a {@link Linear} directly followed
     * by a {@link Sigmoid}. The same values and gradients, bit for bit, as
     * {@code linear(x, w, b).sigmoid()} (the same kernels in the same order: the GEMM with the bias in
     * its store, then the sigmoid in place), with one buffer and one graph node instead of two.
     * In double it is that composition.
     *
     * <p>Backward: G' = G * (y (1 - y)), then the rules of {@link #linear} with G'.
     */
    public static Tensor linearSigmoid(Tensor x, Tensor w, Tensor b) {
        if (x.dtype() != DType.F32 || w.dtype() != DType.F32) {
            return linear("linearSigmoid", x, w, b, false, false).sigmoid();
        }
        return linear("linearSigmoid", x, w, b, false, true);
    }

    private static Tensor linear(String op, Tensor x, Tensor w, Tensor b, boolean relu, boolean sigmoid) {
        if (w.dim() != 2) {
            throw new IllegalArgumentException(op + ": weight must be 2-D [out, in], got " + Shape.str(w.shape()));
        }
        int out = w.size(0), in = w.size(1);
        if (x.dim() == 0 || x.size(-1) != in) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(x.shape()) + " against weight " + Shape.str(w.shape())
                    + ": the last dim of the input must be in_features = " + in);
        }
        if (b != null && (b.dim() != 1 || b.size(0) != out)) {
            throw new IllegalArgumentException(op + ": bias " + Shape.str(b.shape()) + " does not match weight "
                    + Shape.str(w.shape()) + ": expected [" + out + "]");
        }
        if (x.dtype() != w.dtype() || (b != null && b.dtype() != w.dtype())) {
            throw new IllegalArgumentException(op + ": input is " + x.dtype() + ", weight " + w.dtype()
                    + (b == null ? "" : ", bias " + b.dtype()) + ": all must have the same dtype");
        }
        if (x.dim() != 2) {
            int[] s = x.shape();
            int[] outShape = Arrays.copyOf(s, s.length);
            outShape[s.length - 1] = out;
            return linear2d(x.reshape(-1, in), w, b, relu, sigmoid).reshape(outShape);
        }
        return linear2d(x, w, b, relu, sigmoid);
    }

    private static Tensor linear2d(Tensor x, Tensor w, Tensor b, boolean relu, boolean sigmoid) {
        int n = x.size(0), in = w.size(1), out = w.size(0);
        Tensor y = Tensor.zeros(x.dtype(), n, out);
        boolean f32 = x.dtype() == DType.F32;
        // On the java backend the bias and the ReLU are applied in the GEMM's store (LinearKernel).
        if (f32) {
            LinearKernel.forward(n, out, in, x.f32(), 0, w.f32(), 0, b == null ? null : b.f32(), 0, relu, y.f32(), 0);
            if (sigmoid) { // in place, the kernel Tensor.sigmoid runs: the same bits
                Kernels.sigmoid(y.f32(), 0, y.f32(), 0, n * out);
            }
        } else {
            LinearKernel.forward(n, out, in, x.f64(), 0, w.f64(), 0, b == null ? null : b.f64(), 0, relu, y.f64(), 0);
        }
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        // Only the fused ops read their output back (the ReLU mask, the sigmoid's derivative); plain
        // linear leaves y free to change.
        Tensor[] saved = relu || sigmoid ? new Tensor[] {x, w, y} : new Tensor[] {x, w};
        return Graph.of(y, relu ? "linear_relu" : sigmoid ? "linear_sigmoid" : "linear", inputs).saves(saved).backward(gIn -> {
            // The sigmoid's derivative first (a new buffer: the incoming gradient may be shared), as
            // Tensor.sigmoid's backward computes it; then the plain linear rules.
            Tensor gOut = gIn;
            if (sigmoid) {
                gOut = Tensor.zeros(DType.F32, n, out);
                Kernels.sigmoidBackward(gIn.f32(), 0, y.f32(), 0, gOut.f32(), 0, n * out);
            }
            // A leaf that already has a grad buffer gets its gradient added in place (beta = 1).
            Tensor accW = Autograd.accumulationBuffer(w), accB = b == null ? null : Autograd.accumulationBuffer(b);
            Tensor gx = x.requiresGrad() ? Tensor.zeros(x.dtype(), n, in) : null;
            Tensor gw = w.requiresGrad() && accW == null ? Tensor.zeros(w.dtype(), out, in) : null;
            Tensor gb = b != null && b.requiresGrad() && accB == null ? Tensor.zeros(b.dtype(), out) : null;
            Tensor intoW = accW != null ? accW : gw, intoB = accB != null ? accB : gb;
            // One pass: G = gradOut masked by the ReLU (a new buffer: gradOut may be shared), and the
            // bias gradient's column sums. Without ReLU, G is gradOut itself.
            Tensor g = relu ? Tensor.zeros(gOut.dtype(), n, out) : gOut;
            if (relu || intoB != null) {
                if (f32) {
                    LinearKernel.backward(n, out, gOut.f32(), 0, y.f32(), 0, relu, g.f32(), 0, intoB == null ? null : intoB.f32(), 0);
                } else {
                    LinearKernel.backward(n, out, gOut.f64(), 0, y.f64(), 0, relu, g.f64(), 0, intoB == null ? null : intoB.f64(), 0);
                }
            }
            if (f32) {
                if (gx != null) { // dx = G W: [n, out] @ [out, in]
                    Gemm.sgemm(false, false, n, in, out, 1f, g.f32(), 0, out, w.f32(), 0, in, 0f, gx.f32(), 0, in);
                }
                if (intoW != null) { // dW += G^T x: [out, n] @ [n, in]
                    Gemm.sgemm(true, false, out, in, n, 1f, g.f32(), 0, out, x.f32(), 0, in, 1f, intoW.f32(), 0, in);
                }
            } else {
                if (gx != null) {
                    Gemm.dgemm(false, false, n, in, out, 1d, g.f64(), 0, out, w.f64(), 0, in, 0d, gx.f64(), 0, in);
                }
                if (intoW != null) {
                    Gemm.dgemm(true, false, out, in, n, 1d, g.f64(), 0, out, x.f64(), 0, in, 1d, intoW.f64(), 0, in);
                }
            }
            if (accW != null) {
                accW.bumpVersion();
            }
            if (accB != null) {
                accB.bumpVersion();
            }
            return b == null ? new Tensor[] {gx, gw} : new Tensor[] {gx, gw, gb};
        });
    }



    // ------------------------------------------------------------------ convolution and pooling (ConvFunctional, PoolFunctional)

    /** {@code conv2d(x, w, b, 1, 0)}. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b) {
        return conv2d(x, w, b, new int[] {1}, new int[] {0}, new int[] {1}, 1);
    }

    /** {@code conv2d} with the same stride and padding for height and width, no dilation, one group. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        return conv2d(x, w, b, new int[] {stride}, new int[] {padding}, new int[] {1}, 1);
    }

    /**
     * 2-D cross-correlation, PyTorch's {@code F.conv2d}: y[n, k, p, q] = b[k] + sum over c, i, j of
     * w[k, c, i, j] x[n, g C/groups + c, p s_h - pad_h + i d_h, q s_w - pad_w + j d_w], g = k's
     * group, zero outside the input.
     *
     * <p>Backward: dx is the transposed convolution of G with w, dw the correlation of x with G,
     * db the sum of G over batch and pixels; each only when its input requires grad, dw and db
     * added straight into a leaf's existing grad.
     *
     * @param x input [N, C, H, W], or [C, H, W] unbatched. Not modified.
     * @param w weight [K, C / groups, kH, kW]. Not modified.
     * @param b bias [K], or null. Not modified.
     * @param stride, padding, dilation one int for both dims or [h, w]; stride and dilation positive, padding non-negative
     * @return a new tensor [N, K, OH, OW], OH = (H + 2 pad_h - d_h (kH - 1) - 1) / s_h + 1, OW likewise
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        return ConvFunctional.conv2d(x, w, b, stride, padding, dilation, groups);
    }

    /**
     * conv2d with padding "valid" (none) or "same" (output as large as the input, stride 1 only;
     * an odd total padding puts the extra row and column at the bottom and right, as PyTorch).
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, String padding, int[] dilation, int groups) {
        return ConvFunctional.conv2d(x, w, b, stride, padding, dilation, groups);
    }

    /**
     * Constant padding, PyTorch's {@code F.pad(x, pad, value=value)}: pad = (left, right) for the last
     * dim, then (top, bottom) for the one before, and so on; a negative amount crops. Backward:
     * the gradient of the kept elements.
     *
     * @param x any shape. Not modified.
     * @return a new tensor
     */
    public static Tensor pad(Tensor x, int[] pad, double value) {
        return ConvFunctional.pad(x, pad, value);
    }

    /** {@code maxPool2d(x, kernel, kernel, 0, 1, false)}. */
    public static Tensor maxPool2d(Tensor x, int kernel) {
        return maxPool2d(x, new int[] {kernel}, null, new int[] {0}, new int[] {1}, false);
    }

    /** maxPool2d with square kernel, stride and padding. */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        return maxPool2d(x, new int[] {kernel}, new int[] {stride}, new int[] {padding}, new int[] {1}, false);
    }

    /**
     * Max pooling, PyTorch's {@code F.max_pool2d}: the maximum of each (dilated) window, padding
     * counting as -inf. With ceilMode the output size rounds up, but the last window must start
     * inside the input or its left padding.
     *
     * <p>Backward: each output's gradient goes to its window's maximum (the first on ties, as
     * PyTorch), found in the forward pass.
     *
     * @param x [N, C, H, W] or [C, H, W]. Not modified.
     * @param kernel, stride, padding, dilation one int or [h, w]; stride null means the kernel; padding at most half the kernel
     */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return PoolFunctional.maxPool2d(x, kernel, stride, padding, dilation, ceilMode);
    }

    /** {@code avgPool2d(x, kernel, kernel, 0, false, true)}. */
    public static Tensor avgPool2d(Tensor x, int kernel) {
        return avgPool2d(x, new int[] {kernel}, null, new int[] {0}, false, true);
    }

    /** avgPool2d with square kernel, stride and padding, padding counted in the divisor. */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        return avgPool2d(x, new int[] {kernel}, new int[] {stride}, new int[] {padding}, false, true);
    }

    /**
     * Average pooling, PyTorch's {@code F.avg_pool2d}: each window's sum divided by its size clipped
     * to the padded input (countIncludePad) or to the input; a ceilMode window never counts the
     * part beyond the padded input.
     *
     * <p>Backward: each output's gradient divided by the same divisor, added to its window.
     *
     * @param x [N, C, H, W] or [C, H, W]. Not modified.
     * @param kernel, stride, padding one int or [h, w]; stride null means the kernel; padding at most half the kernel
     */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        return PoolFunctional.avgPool2d(x, kernel, stride, padding, ceilMode, countIncludePad);
    }

    /**
     * Adaptive average pooling, PyTorch's {@code F.adaptive_avg_pool2d}: output (p, q) is the mean of
     * rows [floor(p H / outH), ceil((p + 1) H / outH)) and the columns likewise.
     *
     * @param x [N, C, H, W] or [C, H, W]. Not modified.
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        return PoolFunctional.adaptiveAvgPool2d(x, outH, outW);
    }

    /**
     * Batch normalisation over channel dim 1, PyTorch's {@code F.batch_norm}: y = (x - mean) /
     * sqrt(var + eps) * weight + bias per channel. In training, mean and var are the batch's (the
     * biased variance), and running statistics, when given, become (1 - momentum) running +
     * momentum batch, the variance term unbiased (times m / (m - 1), m values per channel); outside
     * training the running statistics normalise.
     *
     * <p>Backward, with xhat = (x - mean) / sqrt(var + eps) and G = dL/dy: dbias = sum G,
     * dweight = sum G xhat, dx = weight / sqrt(var + eps) (G - mean G - xhat mean(G xhat)) in
     * training, weight / sqrt(var + eps) G outside it; sums and means per channel.
     *
     * @param x [N, C] or [N, C, ...]. Not modified.
     * @param runningMean, runningVar [C], or both null; updated in place in training. Modified.
     * @param weight, bias [C], or null (1 and 0). Not modified.
     * @throws IllegalArgumentException in training with a single value per channel, as PyTorch
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        return BatchNormFunctional.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    // ------------------------------------------------------------------ cross-entropy

    /**
     * Softmax cross-entropy of logits against class indices, log-softmax and NLL in one op
     * ({@code F.cross_entropy}): loss_i = logsumexp_j(z_ij) - z_{i,y_i}, with logsumexp computed as
     * m + log sum exp(z - m), m the row's max, so logits of 1e4 neither overflow nor lose the
     * answer.
     *
     * <p>Backward: dL/dz_ij = c_i (softmax(z_i)_j - [j = y_i]) with c_i = g_i (NONE), g (SUM) or g / N
     * (MEAN). The labels get no gradient.
     *
     * @param logits [N, C] unnormalised scores. Not modified.
     * @param labels [N] class indices 0..C-1 stored as whole numbers in any dtype. Not modified.
     * @return [N] for {@link Reduction#NONE}, else a 0-dim tensor; in the dtype of the logits
     */
    public static Tensor crossEntropy(Tensor logits, Tensor labels, Reduction reduction) {
        if (logits.dim() != 2) {
            throw new IllegalArgumentException("crossEntropy: logits must be 2-D [N, C], got " + Shape.str(logits.shape()));
        }
        int n = logits.size(0), c = logits.size(1);
        if (labels.dim() != 1 || labels.size(0) != n) {
            throw new IllegalArgumentException("crossEntropy: logits " + Shape.str(logits.shape()) + " and labels "
                    + Shape.str(labels.shape()) + ": expected labels of shape [" + n + "]");
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double v = labels.getFlat(i);
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException("crossEntropy: label " + v + " at index " + i
                        + " is not a whole number: expected a class index in [0, " + c + ") for logits " + Shape.str(logits.shape()));
            }
            if (v < 0 || v >= c) {
                throw new IllegalArgumentException("crossEntropy: label " + v + " at index " + i
                        + " is not a class index in [0, " + c + ") for logits " + Shape.str(logits.shape()));
            }
            y[i] = (int) v;
        }
        // The fused kernel: per row max, exp and sum, loss, and the softmax kept for backward.
        boolean f32 = logits.dtype() == DType.F32;
        Tensor perRow = Tensor.zeros(logits.dtype(), n), probs = Tensor.zeros(logits.dtype(), n, c);
        if (f32) {
            SoftmaxCrossEntropyKernel.forward(n, c, logits.f32(), 0, y, 0, perRow.f32(), 0, probs.f32(), 0);
        } else {
            SoftmaxCrossEntropyKernel.forward(n, c, logits.f64(), 0, y, 0, perRow.f64(), 0, probs.f64(), 0);
        }
        Tensor out;
        if (reduction == Reduction.NONE) {
            out = perRow;
        } else {
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += perRow.getFlat(i);
            }
            out = Tensor.zeros(logits.dtype());
            setFlat(out, 0, reduction == Reduction.MEAN ? total / n : total);
        }
        return Graph.of(out, "cross_entropy", logits, labels).saves(logits).backward(g -> {
            // c_i: the gradient of loss_i, from the reduction.
            Tensor ci = Tensor.zeros(logits.dtype(), n);
            for (int i = 0; i < n; i++) {
                setFlat(ci, i, reduction == Reduction.NONE ? g.getFlat(i) : reduction == Reduction.SUM ? g.getFlat(0) : g.getFlat(0) / n);
            }
            Tensor gz = Tensor.zeros(logits.dtype(), n, c);
            if (f32) {
                SoftmaxCrossEntropyKernel.backward(n, c, probs.f32(), 0, y, 0, ci.f32(), 0, gz.f32(), 0);
            } else {
                SoftmaxCrossEntropyKernel.backward(n, c, probs.f64(), 0, y, 0, ci.f64(), 0, gz.f64(), 0);
            }
            return new Tensor[] {gz, null};
        });
    }

    // ------------------------------------------------------------------ dropout

    /**
     * Inverted dropout ({@code F.dropout}): in training, each element is zeroed with probability p
     * and the others are scaled by 1 / (1 - p), so the expectation is unchanged; outside training,
     * or for p = 0, x itself is returned. For p = 1 every element is zeroed.
     *
     * <p>Backward: dx = g * mask / (1 - p), the mask kept as one bit per element.
     *
     * @param x input of any shape. Not modified.
     * @param p probability of zeroing, in [0, 1]
     * @param training false makes dropout the identity
     * @param gen the source of the mask; advanced by one double per element. Modified.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout: probability has to be between 0 and 1, but got " + p);
        }
        if (!training || p == 0) {
            return x;
        }
        // The mask is a pure function of (seed, index): the same on any thread count.
        int n = x.numel();
        long seed = gen.nextLong();
        long[] keep = new long[DropoutKernel.maskLength(n)];
        Tensor out = Tensor.zeros(x.dtype(), x.shape());
        if (x.dtype() == DType.F32) {
            DropoutKernel.forward(x.f32(), 0, out.f32(), 0, n, p, seed, keep);
        } else {
            DropoutKernel.forward(x.f64(), 0, out.f64(), 0, n, p, seed, keep);
        }
        return Graph.of(out, "dropout", x).backward(g -> {
            Tensor gx = Tensor.zeros(g.dtype(), g.shape());
            if (g.dtype() == DType.F32) {
                DropoutKernel.backward(g.f32(), 0, keep, p, gx.f32(), 0, n);
            } else {
                DropoutKernel.backward(g.f64(), 0, keep, p, gx.f64(), 0, n);
            }
            return new Tensor[] {gx};
        });
    }

    // ------------------------------------------------------------------ regression losses

    /**
     * Mean squared error ({@code F.mse_loss}): (input - target)^2, reduced. Built from recorded
     * primitives, so its gradient is 2 (input - target) (divided by the count for MEAN).
     *
     * @param input predictions. Not modified.
     * @param target same shape as input. Not modified.
     */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("mseLoss: input " + Shape.str(input.shape()) + " and target "
                    + Shape.str(target.shape()) + " must have the same shape");
        }
        Tensor d = input.sub(target);
        Tensor sq = d.mul(d);
        return switch (reduction) {
            case NONE -> sq;
            case SUM -> sq.sum();
            case MEAN -> sq.mean();
        };
    }

    /**
     * The book's {@code squared_loss}: (yHat - y.reshape(yHat.shape))^2 / 2, one value per element,
     * not reduced.
     *
     * @param yHat predictions. Not modified.
     * @param y targets with as many elements as yHat, any shape. Not modified.
     */
    public static Tensor squaredLoss(Tensor yHat, Tensor y) {
        if (y.numel() != yHat.numel()) {
            throw new IllegalArgumentException("squaredLoss: yHat " + Shape.str(yHat.shape()) + " and y " + Shape.str(y.shape())
                    + " must have the same number of elements");
        }
        Tensor d = yHat.sub(y.reshape(yHat.shape()));
        return d.mul(d).div(2);
    }

    private static void setFlat(Tensor t, int i, double v) {
        if (t.dtype() == DType.F32) {
            t.f32()[i] = (float) v;
        } else {
            t.f64()[i] = v;
        }
    }
}
