// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim.lr;

import dev.panamax.optim.Optimizer;
import dev.panamax.optim.ParamGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schedules one after another ({@code torch.optim.lr_scheduler.SequentialLR}): the first until
 * milestones[0], the second from there (restarted at its epoch 0) until milestones[1], and so on. A
 * warm-up then a cosine decay:
 *
 * <pre>{@code
 * var warmup = new LinearLR(opt, 0.01, 1.0, 5);
 * var cosine = new CosineAnnealingLR(opt, epochs - 5);
 * var schedule = new SequentialLR(opt, List.of(warmup, cosine), new int[] {5});
 * }</pre>
 */
public final class SequentialLR extends LRScheduler {
    private final List<LRScheduler> schedulers;
    private final int[] milestones;
    private List<Double> lastLr;

    public SequentialLR(Optimizer optimizer, List<LRScheduler> schedulers, int[] milestones) {
        super(optimizer);
        for (int i = 0; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer != optimizer) {
                throw new IllegalArgumentException("SequentialLR: schedule " + i + " belongs to another optimizer");
            }
        }
        if (milestones.length != schedulers.size() - 1) {
            throw new IllegalArgumentException("SequentialLR: " + schedulers.size() + " schedules need "
                    + (schedulers.size() - 1) + " milestones, got " + milestones.length);
        }
        this.milestones = increasing("SequentialLR", milestones);
        this.schedulers = List.copyOf(schedulers);
        lastEpoch = 0;
        for (ParamGroup g : groups) {
            g.lr(g.scheduleValue("initial_lr"));
        }
        for (LRScheduler s : schedulers) {
            s.lastEpoch -= 1;
        }
        schedulers.get(0).initialStep();
        lastLr = schedulers.get(0).getLastLr();
    }

    @Override
    public void step() {
        lastEpoch++;
        int idx = 0;
        while (idx < milestones.length && milestones[idx] <= lastEpoch) {
            idx++;
        }
        LRScheduler s = schedulers.get(idx);
        if (idx > 0 && milestones[idx - 1] == lastEpoch) {
            s.step(0);
        } else {
            s.step();
        }
        lastLr = s.getLastLr();
    }

    @Override
    public List<Double> getLastLr() {
        return new ArrayList<>(lastLr);
    }

    @Override
    protected double[] getLr() {
        throw new UnsupportedOperationException("SequentialLR steps its schedules");
    }

    @Override
    protected Map<String, Object> settings() {
        List<Integer> m = new ArrayList<>();
        for (int v : milestones) {
            m.add(v);
        }
        return Map.of("_milestones", m);
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> s = new LinkedHashMap<>(settings());
        s.put("last_epoch", lastEpoch);
        s.put("_last_lr", new ArrayList<>(lastLr));
        List<Object> inner = new ArrayList<>();
        for (LRScheduler sc : schedulers) {
            inner.add(sc.stateDict());
        }
        s.put("_schedulers", inner);
        return s;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void loadStateDict(Map<String, Object> state) {
        String where = "SequentialLR.loadStateDict: ";
        if (!same(settings().get("_milestones"), state.get("_milestones"))) {
            throw new IllegalArgumentException(where + "_milestones is " + state.get("_milestones") + " in the state, "
                    + settings().get("_milestones") + " here");
        }
        if (!(state.get("_schedulers") instanceof List<?> inner) || inner.size() != schedulers.size()) {
            throw new IllegalArgumentException(where + "expected the states of " + schedulers.size() + " schedules");
        }
        if (!(state.get("_last_lr") instanceof List<?> last) || last.size() != groups.size()) {
            throw new IllegalArgumentException(where + "_last_lr is " + state.get("_last_lr"));
        }
        int epoch = integer(where, state, "last_epoch");
        // Each schedule checks its own state before any is changed: load into copies of the current ones first.
        List<Map<String, Object>> before = new ArrayList<>();
        for (LRScheduler sc : schedulers) {
            before.add(sc.stateDict());
        }
        try {
            for (int i = 0; i < schedulers.size(); i++) {
                schedulers.get(i).loadStateDict((Map<String, Object>) inner.get(i));
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < schedulers.size(); i++) {
                schedulers.get(i).loadStateDict(before.get(i));
            }
            throw e;
        }
        List<Double> l = new ArrayList<>();
        for (Object v : last) {
            l.add(((Number) v).doubleValue());
        }
        lastLr = l;
        lastEpoch = epoch;
    }
}
