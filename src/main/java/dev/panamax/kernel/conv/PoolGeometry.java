// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

/**
 * One 2-D pooling's geometry over {@code planes} = batch * channels independent planes of
 * {@code inH x inW}, contiguous, each giving a plane of {@code outH x outW}. Window (p, q) covers
 * rows {@code p * strideH - padH + i * dilationH} for i in [0, kernelH), columns likewise. The
 * output size is given, not derived, since {@code ceilMode} changes it: {@link #outSize} computes
 * PyTorch's.
 */
public record PoolGeometry(int planes, int inH, int inW, int outH, int outW, int kernelH, int kernelW,
                           int strideH, int strideW, int padH, int padW, int dilationH, int dilationW) {

    public PoolGeometry {
        if (planes < 0 || inH < 0 || inW < 0 || outH < 0 || outW < 0 || kernelH < 1 || kernelW < 1 || strideH < 1
                || strideW < 1 || padH < 0 || padW < 0 || dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("PoolGeometry: invalid " + planes + " planes of " + inH + " x " + inW
                    + " to " + outH + " x " + outW + ", kernel " + kernelH + " x " + kernelW + ", stride " + strideH
                    + " x " + strideW + ", padding " + padH + " x " + padW + ", dilation " + dilationH + " x " + dilationW);
        }
    }

    /**
     * PyTorch's pooling output size: floor (or ceil with ceilMode) of (in + 2 pad - dilation (kernel
     * - 1) - 1) / stride, plus 1; with ceilMode the last window must start inside the input or
     * the left padding, else it is dropped. May be 0 or negative for a kernel larger than the
     * padded input: the caller rejects that; Integer.MAX_VALUE stands for any size beyond int.
     */
    public static int outSize(int in, int kernel, int stride, int pad, int dilation, boolean ceilMode) {
        long span = in + 2L * pad - (long) dilation * (kernel - 1) - 1;
        long out = Math.floorDiv(span + (ceilMode ? stride - 1 : 0), (long) stride) + 1;
        if (ceilMode && (out - 1) * stride >= (long) in + pad) {
            out--;
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, out)); // beyond int: larger than any array
    }

    /** Elements of the input, {@code planes * inH * inW}. */
    public long inputSize() {
        return (long) planes * inH * inW;
    }

    /** Elements of the output, {@code planes * outH * outW}. */
    public long outputSize() {
        return (long) planes * outH * outW;
    }
}
