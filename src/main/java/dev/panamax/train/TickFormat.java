// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import java.util.Locale;
import java.util.function.Function;

/**
 * Axis tick labels chosen from the axis range, so that every label of an axis has the same number
 * of decimals and none shows float noise ({@code 0.300000011920929} is drawn {@code 0.3}).
 *
 * <p>A linear axis gets the decimals of a 1-2-5 step that cuts its range into about six parts
 * (range 0.26: step 0.05, labels 0.00, 0.05, ...). XChart, which places the ticks, coarsens its
 * own step until no two labels are equal, so it never places ticks finer than the labels can tell
 * apart. A log axis labels its powers of ten in scientific form, on every chart.
 */
final class TickFormat {
    private TickFormat() {}

    /** Decimals for the labels of a linear axis over [lo, hi]: those of a 1-2-5 step near (hi - lo) / 6. */
    static int decimals(double lo, double hi) {
        double span = Math.abs(hi - lo);
        if (!(span > 0) || !Double.isFinite(span)) {
            // one value: enough decimals for four significant digits of it
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            return !(m > 0) || !Double.isFinite(m) ? 0 : Math.clamp(3 - (int) Math.floor(Math.log10(m)), 0, 10);
        }
        double raw = span / 6;
        int exponent = (int) Math.floor(Math.log10(raw));
        double significand = raw / Math.pow(10, exponent);
        // round the step to 1, 2, 5 or 10 times 10^exponent; 10 moves up a decade
        if (significand > 7.5) {
            exponent++;
        }
        return Math.clamp(-exponent, 0, 10);
    }

    /** Labels of a linear axis over [lo, hi]: every value with {@link #decimals}, and no "-0". */
    static Function<Double, String> linear(double lo, double hi) {
        return fixed(decimals(lo, hi));
    }

    /** Labels with d decimals, and no "-0". */
    static Function<Double, String> fixed(int d) {
        String pattern = "%." + d + "f";
        return v -> {
            String s = String.format(Locale.ROOT, pattern, v);
            return isNegativeZero(s) ? s.substring(1) : s;
        };
    }

    /**
     * The DecimalFormat pattern of every log axis: its powers of ten in scientific form (1E-3, 1E0,
     * 1E2), one style whatever the range, so that two charts side by side read alike.
     */
    static final String LOG_PATTERN = "0E0";

    /** The powers of ten around [lo, hi] (both positive): the range a log axis is widened to, so it shows at least two labels. */
    static double[] decades(double lo, double hi) {
        double a = Math.pow(10, Math.floor(Math.log10(lo) + 1e-9));
        double b = Math.pow(10, Math.ceil(Math.log10(hi) - 1e-9));
        return new double[] {a, b > a ? b : a * 10};
    }

    private static boolean isNegativeZero(String s) {
        return s.startsWith("-") && s.chars().skip(1).allMatch(c -> c == '0' || c == '.');
    }
}
