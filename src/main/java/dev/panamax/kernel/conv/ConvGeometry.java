// SPDX-License-Identifier: Apache-2.0
package dev.panamax.kernel.conv;

/**
 * One 2-D convolution's geometry: PyTorch's conv2d arguments after checking, with symmetric
 * padding (the op pads asymmetric cases itself). Arrays are contiguous NCHW: input
 * {@code [batch, inChannels, inH, inW]}, weight {@code [outChannels, inChannels / groups, kernelH,
 * kernelW]}, output {@code [batch, outChannels, outH, outW]}.
 *
 * <p>The constructor rejects what no kernel can run (non-positive stride, dilation, kernel or
 * groups, negative sizes or padding, channels not divisible by groups, an empty output); the ops
 * check first and give the user a message naming the op and the shapes.
 */
public record ConvGeometry(int batch, int inChannels, int inH, int inW,
                           int outChannels, int kernelH, int kernelW,
                           int strideH, int strideW, int padH, int padW,
                           int dilationH, int dilationW, int groups) {

    public ConvGeometry {
        if (batch < 0 || inChannels < 0 || inH < 0 || inW < 0 || outChannels < 0
                || kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0
                || dilationH < 1 || dilationW < 1 || groups < 1
                || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("ConvGeometry: invalid " + describe(batch, inChannels, inH, inW,
                    outChannels, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, groups));
        }
        long oh = span(inH, kernelH, padH, dilationH), ow = span(inW, kernelW, padW, dilationW);
        if (oh < 0 || ow < 0 || oh / strideH >= Integer.MAX_VALUE || ow / strideW >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ConvGeometry: kernel larger than the padded input, or an output too large: " + describe(batch,
                    inChannels, inH, inW, outChannels, kernelH, kernelW, strideH, strideW, padH, padW, dilationH,
                    dilationW, groups));
        }
    }

    /** The geometry of {@code conv2d(x, w, b, stride, padding)} without dilation or groups. */
    public static ConvGeometry of(int batch, int inChannels, int inH, int inW, int outChannels, int kernel,
                                  int stride, int padding) {
        return new ConvGeometry(batch, inChannels, inH, inW, outChannels, kernel, kernel, stride, stride,
                padding, padding, 1, 1, 1);
    }

    /** in + 2 pad - dilation (kernel - 1) - 1, in long: the padded input past the first window. */
    static long span(int in, int kernel, int pad, int dilation) {
        return in + 2L * pad - (long) dilation * (kernel - 1) - 1;
    }

    /** (inH + 2 padH - dilationH (kernelH - 1) - 1) / strideH + 1. */
    public int outH() {
        return (int) (span(inH, kernelH, padH, dilationH) / strideH + 1);
    }

    /** (inW + 2 padW - dilationW (kernelW - 1) - 1) / strideW + 1. */
    public int outW() {
        return (int) (span(inW, kernelW, padW, dilationW) / strideW + 1);
    }

    /** Input channels per group: the weight's second dimension. */
    public int inPerGroup() {
        return inChannels / groups;
    }

    /** Output channels per group. */
    public int outPerGroup() {
        return outChannels / groups;
    }

    /** Elements of the input, {@code batch * inChannels * inH * inW}. */
    public long inputSize() {
        return (long) batch * inChannels * inH * inW;
    }

    /** Elements of the weight, {@code outChannels * inChannels / groups * kernelH * kernelW}. */
    public long weightSize() {
        return (long) outChannels * inPerGroup() * kernelH * kernelW;
    }

    /** Elements of the output, {@code batch * outChannels * outH * outW}. */
    public long outputSize() {
        return (long) batch * outChannels * outH() * outW();
    }

    /** Multiply-adds of one forward pass (the backward passes each take as many). */
    public long macs() {
        return (long) batch * outChannels * outH() * outW() * inPerGroup() * kernelH * kernelW;
    }

    @Override
    public String toString() {
        return describe(batch, inChannels, inH, inW, outChannels, kernelH, kernelW, strideH, strideW, padH, padW,
                dilationH, dilationW, groups);
    }

    private static String describe(int n, int c, int h, int w, int k, int kh, int kw, int sh, int sw, int ph, int pw,
                                   int dh, int dw, int groups) {
        return "input [" + n + ", " + c + ", " + h + ", " + w + "], weight [" + k + ", "
                + (groups > 0 ? c / groups : c) + ", " + kh + ", " + kw + "], stride [" + sh + ", " + sw
                + "], padding [" + ph + ", " + pw + "], dilation [" + dh + ", " + dw + "], groups " + groups;
    }
}
