// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import java.util.Locale;

/** PyTorch's tensor printing: 4 decimals, scientific for wide ranges, "..." past 1000 elements. */
final class TensorFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;

    private TensorFormat() {}

    static String format(Tensor t) {
        boolean summarize = t.numel() > THRESHOLD;
        Style style = Style.of(t, summarize);
        StringBuilder b = new StringBuilder("tensor(");
        if (t.dim() == 0) {
            b.append(style.fmt(t.getFlat(0)));
        } else if (t.numel() == 0) { // as torch: tensor([]) for [0], tensor([], size=(2, 0)) otherwise
            b.append("[]");
            if (t.dim() > 1) {
                b.append(", size=(").append(Shape.str(t.shape()).replaceAll("[\\[\\]]", "")).append(')');
            }
        } else {
            block(b, t, 0, 0, style, summarize, "tensor(".length() + 1);
        }
        if (t.dtype() == DType.F64) {
            b.append(", dtype=").append(t.dtype().torchName());
        }
        if (t.gradFn() != null) {
            b.append(", grad_fn=<").append(t.gradFn().name()).append('>');
        } else if (t.requiresGrad()) {
            b.append(", requires_grad=True");
        }
        return b.append(')').toString();
    }

    private static void block(StringBuilder b, Tensor t, int dim, int offset, Style style, boolean summarize, int indent) {
        int[] shape = t.shape();
        int n = shape[dim];
        int stride = Reductions.inner(shape, dim);
        b.append('[');
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                b.append(dim == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent));
                i = n - EDGE;
            }
            if (dim == shape.length - 1) {
                b.append(style.pad(style.fmt(t.getFlat(offset + i))));
            } else {
                block(b, t, dim + 1, offset + i * stride, style, summarize, indent + 1);
            }
            if (i < n - 1) {
                b.append(dim == shape.length - 1 ? ", " : "," + "\n".repeat(shape.length - 1 - dim) + " ".repeat(indent));
            }
        }
        b.append(']');
    }

    /** How every element of one tensor is written, decided from all of them as PyTorch does. */
    private record Style(boolean integral, boolean sci, int width) {
        static Style of(Tensor t, boolean summarize) {
            boolean integral = true;
            double maxAbs = 0, minAbs = Double.MAX_VALUE;
            int n = t.numel();
            for (int i = 0; i < n; i++) {
                double v = t.getFlat(i);
                if (!Double.isFinite(v)) {
                    continue;
                }
                integral &= v == Math.rint(v);
                double a = Math.abs(v);
                maxAbs = Math.max(maxAbs, a);
                if (a != 0) {
                    minAbs = Math.min(minAbs, a);
                }
            }
            boolean sci = !integral && maxAbs > 0 && (maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4);
            if (integral && maxAbs > 1e8) {
                sci = true;
                integral = false;
            }
            Style s = new Style(integral, sci, 0);
            int w = 0;
            for (int i = 0; i < n; i++) {
                w = Math.max(w, s.fmt(t.getFlat(i)).length());
            }
            return new Style(integral, sci, w);
        }

        String fmt(double v) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            if (integral) {
                return String.format(Locale.ROOT, "%.0f.", v).replace("-0.", "-0.");
            }
            if (sci) {
                return String.format(Locale.ROOT, "%.4e", v).replaceAll("e([+-])(\\d)$", "e$10$2");
            }
            return String.format(Locale.ROOT, "%.4f", v);
        }

        String pad(String s) {
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
