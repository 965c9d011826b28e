// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim.lr;

import java.util.List;
import java.util.Map;

/** What every learning-rate schedule offers: the last learning rates it set, and its state for resuming. */
public interface Scheduler {
    /** The learning rate of each parameter group as this schedule last set it (PyTorch's get_last_lr()). */
    List<Double> getLastLr();

    /** The schedule's counters and settings under PyTorch's names: numbers, booleans, strings and lists of them. */
    Map<String, Object> stateDict();

    /**
     * Restores the counters from {@link #stateDict()} of a schedule made the same way; a setting that
     * differs is refused in one line, and nothing changes. Modified: this schedule.
     */
    void loadStateDict(Map<String, Object> state);
}
