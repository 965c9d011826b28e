// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.nn.Module;
import dev.panamax.optim.Optimizer;
import dev.panamax.optim.lr.Scheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A whole training run at the end of an epoch: the model's parameters, the optimizer's state and
 * options, the schedule's counters, the state of every generator the run draws from (data order,
 * dropout masks), the epoch, and strings of the caller's own. One safetensors file: tensors named
 * {@code model.NAME} and {@code optimizer.state.INDEX.KEY} (PyTorch's optimizer layout), the rest
 * as JSON in the header's metadata. Written atomically as {@link SafeTensors#write(Path, Map, Map)}
 * writes (a process killed during a save leaves the previous checkpoint whole), so a run resumed
 * from it continues with exactly the numbers the uninterrupted run would have used.
 *
 * <pre>{@code
 * var parts = new RunCheckpoint.Parts(net, opt, schedule, Map.of("data", shuffle, "dropout", masks));
 * RunCheckpoint.save(file, parts, epoch, Map.of());
 * int done = RunCheckpoint.load(file, parts).epoch();   // in a new process, with parts made as before
 * }</pre>
 */
public final class RunCheckpoint {
    private RunCheckpoint() {}

    /** What makes up a run; scheduler may be null, generators may be empty. Names key the generators. */
    public record Parts(Module model, Optimizer optimizer, Scheduler scheduler, Map<String, Generator> generators) {
        public Parts {
            generators = Map.copyOf(generators);
        }
    }

    /** What {@link #load} read beyond the parts: the epoch saved and the caller's strings. */
    public record Loaded(int epoch, Map<String, String> extra) {}

    private static final String FORMAT = "panamax-run-1";

    /**
     * Writes the run as it is after epoch, replacing file atomically; extra holds strings of the
     * caller's (a history, say), kept under their keys. Not modified: the parts.
     */
    public static void save(Path file, Parts parts, int epoch, Map<String, String> extra) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        parts.model().stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        Optimizer.StateDict sd = parts.optimizer().stateDict();
        sd.state().forEach((i, m) -> m.forEach((k, v) -> tensors.put("optimizer.state." + i + "." + k, v)));
        Map<String, String> meta = new TreeMap<>();
        meta.put("format", FORMAT);
        meta.put("epoch", Integer.toString(epoch));
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("name", parts.optimizer().name());
        opt.put("param_groups", sd.paramGroups());
        meta.put("optimizer", json(opt));
        if (parts.scheduler() != null) {
            meta.put("scheduler", json(parts.scheduler().stateDict()));
        }
        for (Map.Entry<String, Generator> g : parts.generators().entrySet()) {
            StringBuilder b = new StringBuilder();
            for (long v : g.getValue().getState()) {
                b.append(b.length() > 0 ? "," : "").append(Long.toHexString(v));
            }
            meta.put("generator." + g.getKey(), b.toString());
        }
        extra.forEach((k, v) -> meta.put("extra." + k, v));
        SafeTensors.write(file, tensors, meta);
    }

    /**
     * Reads a file written by {@link #save} into parts made as for the saved run (same model, same
     * kind of optimizer over the same parameters, same kind of schedule, generators under the same
     * names). Everything is checked against the parts before anything changes; on a mismatch
     * nothing changes. Modified: the parts.
     *
     * @throws IllegalArgumentException naming the first mismatch
     * @throws SafeTensorsFormatException if the file is not a valid safetensors file
     */
    @SuppressWarnings("unchecked")
    public static Loaded load(Path file, Parts parts) throws IOException {
        Map<String, String> meta = SafeTensors.readMetadata(file);
        String where = "RunCheckpoint.load: " + file + ": ";
        if (meta == null || !FORMAT.equals(meta.get("format"))) {
            throw new IllegalArgumentException(where + "not a run checkpoint (format " + (meta == null ? null : meta.get("format"))
                    + ", expected " + FORMAT + ")");
        }
        Map<String, Tensor> tensors = SafeTensors.read(file);
        Map<String, Tensor> model = new LinkedHashMap<>();
        Map<Integer, Map<String, Tensor>> state = new TreeMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("model.")) {
                model.put(k.substring(6), e.getValue());
            } else if (k.startsWith("optimizer.state.")) {
                String[] p = k.substring(16).split("\\.", 2);
                try {
                    state.computeIfAbsent(Integer.parseInt(p[0]), i -> new LinkedHashMap<>()).put(p[1], e.getValue());
                } catch (RuntimeException ex) {
                    throw new IllegalArgumentException(where + "unexpected tensor " + Text.quote(k));
                }
            } else {
                throw new IllegalArgumentException(where + "unexpected tensor " + Text.quote(k));
            }
        }
        Map<String, Object> opt = parse(where, meta.get("optimizer"));
        if (!parts.optimizer().name().equals(opt.get("name"))) {
            throw new IllegalArgumentException(where + "the optimizer saved is " + opt.get("name") + ", this run's is "
                    + parts.optimizer().name());
        }
        if (!(opt.get("param_groups") instanceof List<?> groups)) {
            throw new IllegalArgumentException(where + "no optimizer param_groups");
        }
        List<Map<String, Object>> paramGroups = new ArrayList<>();
        for (Object g : groups) {
            paramGroups.add((Map<String, Object>) g);
        }
        Map<String, Object> sched = meta.containsKey("scheduler") ? parse(where, meta.get("scheduler")) : null;
        if ((sched == null) != (parts.scheduler() == null)) {
            throw new IllegalArgumentException(where + (sched == null ? "no schedule saved, but this run has one"
                    : "a schedule saved, but this run has none"));
        }
        Map<String, long[]> gens = new LinkedHashMap<>();
        for (String name : parts.generators().keySet()) {
            String s = meta.get("generator." + name);
            if (s == null) {
                throw new IllegalArgumentException(where + "no state for generator " + Text.quote(name));
            }
            String[] p = s.split(",");
            long[] v = new long[p.length];
            try {
                for (int i = 0; i < p.length; i++) {
                    v[i] = Long.parseUnsignedLong(p[i], 16);
                }
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(where + "generator " + Text.quote(name) + ": bad state " + Text.quote(s));
            }
            gens.put(name, v);
        }
        int epoch;
        try {
            epoch = Integer.parseInt(meta.get("epoch"));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(where + "bad epoch " + Text.quote(String.valueOf(meta.get("epoch"))));
        }
        // Each part checks its own state before changing; a later part's refusal undoes the earlier ones.
        Map<String, Tensor> modelBefore = new LinkedHashMap<>();
        parts.model().stateDict().forEach((k, v) -> modelBefore.put(k, v.clone()));
        Optimizer.StateDict optBefore = parts.optimizer().stateDict();
        Map<String, Object> schedBefore = parts.scheduler() == null ? null : parts.scheduler().stateDict();
        Map<String, long[]> gensBefore = new LinkedHashMap<>();
        parts.generators().forEach((k, g) -> gensBefore.put(k, g.getState()));
        try {
            parts.model().loadStateDict(model, true);
            parts.optimizer().loadStateDict(new Optimizer.StateDict(state, paramGroups));
            if (sched != null) {
                parts.scheduler().loadStateDict(sched);
            }
            gens.forEach((k, v) -> parts.generators().get(k).setState(v));
        } catch (RuntimeException ex) {
            parts.model().loadStateDict(modelBefore, true);
            parts.optimizer().loadStateDict(optBefore);
            if (schedBefore != null) {
                parts.scheduler().loadStateDict(schedBefore);
            }
            gensBefore.forEach((k, v) -> parts.generators().get(k).setState(v));
            throw new IllegalArgumentException(where + ex.getMessage().replace('\n', ' '), ex);
        }
        Map<String, String> extra = new TreeMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith("extra.")) {
                extra.put(k.substring(6), v);
            }
        });
        return new Loaded(epoch, extra);
    }

    // ---------------------------------------------------------------- JSON of state dicts

    /** Maps, lists, numbers, booleans, strings and double[] as JSON; a non-finite double as the string "Infinity", "-Infinity" or "NaN". */
    static String json(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v) {
        if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "" : ",");
                Json.quote(b, String.valueOf(e.getKey()));
                b.append(':');
                write(b, e.getValue());
                first = false;
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                b.append(i > 0 ? "," : "");
                write(b, l.get(i));
            }
            b.append(']');
        } else if (v instanceof double[] a) {
            List<Object> l = new ArrayList<>();
            for (double d : a) {
                l.add(d);
            }
            write(b, l);
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) {
                b.append(d); // Double.toString: the shortest digits that read back to the same bits
            } else {
                Json.quote(b, d.toString());
            }
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof String s) {
            Json.quote(b, s);
        } else {
            throw new IllegalArgumentException("RunCheckpoint: cannot write a " + (v == null ? "null" : v.getClass().getSimpleName()));
        }
    }

    private static Map<String, Object> parse(String where, String text) throws IOException {
        if (text == null) {
            throw new IllegalArgumentException(where + "missing optimizer metadata");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Json.parseObjectMembers(new Json.Input(text.getBytes(StandardCharsets.UTF_8)), (k, v) -> out.put(k, numbers(v)));
        } catch (Json.ParseException e) {
            throw new IllegalArgumentException(where + "bad JSON in the metadata: " + e.getMessage());
        }
        return out;
    }

    /** The parsed JSON with the non-finite strings back as doubles. */
    @SuppressWarnings("unchecked")
    private static Object numbers(Object v) {
        if (v instanceof String s && (s.equals("Infinity") || s.equals("-Infinity") || s.equals("NaN"))) {
            return Double.valueOf(s);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, numbers(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(numbers(x)));
            return out;
        }
        return v;
    }
}
