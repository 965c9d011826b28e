// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The headline figures of a sample, printed last as one line {@code RESULT {json}} for scripts. */
public final class Result {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds a number, a string, a boolean, or an array of numbers. Returns this. */
    public Result put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    public Map<String, Object> values() {
        return values;
    }

    /** Prints {@code RESULT {...}} on standard output. */
    public void print() {
        System.out.println("RESULT " + json());
    }

    public String json() {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append('"').append(e.getKey()).append("\": ").append(value(e.getValue()));
        }
        return b.append('}').toString();
    }

    private static String value(Object v) {
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof Float f) {
            return number(f);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof double[] a) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) {
                b.append(i == 0 ? "" : ", ").append(number(a[i]));
            }
            return b.append(']').toString();
        }
        if (v instanceof float[] a) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) {
                b.append(i == 0 ? "" : ", ").append(number(a[i]));
            }
            return b.append(']').toString();
        }
        return '"' + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String number(double d) {
        if (!Double.isFinite(d)) {
            return "null";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d)
                : String.format(Locale.ROOT, "%.6g", d).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1"); // 16644.0 -> 16644, not "16644." (no JSON)
    }
}
