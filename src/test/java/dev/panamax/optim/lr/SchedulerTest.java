// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.panamax.Tensor;
import dev.panamax.optim.Adagrad;
import dev.panamax.optim.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private static SGD sgd() {
        return new SGD(List.of(Tensor.zeros(2).requiresGrad_()), 0.1);
    }

    @Test
    void constructingSetsTheFirstRateAndStepFollows() {
        SGD opt = sgd();
        LinearLR warm = new LinearLR(opt, 0.5, 1.0, 2);
        assertEquals(0.05, opt.paramGroups().get(0).lr(), 1e-17);
        assertEquals(List.of(0.05), warm.getLastLr());
        warm.step();
        assertEquals(0.075, warm.getLastLr().get(0), 1e-16);
        warm.step();
        warm.step();
        assertEquals(0.1, warm.getLastLr().get(0), 1e-16);
        assertEquals(3, warm.lastEpoch());
    }

    @Test
    void badSettingsAreRefusedInOneLineLeavingTheRateAlone() {
        SGD opt = sgd();
        assertEquals("MultiStepLR: milestones must be increasing non-negative epochs, got [5, 3]",
                assertThrows(IllegalArgumentException.class, () -> new MultiStepLR(opt, new int[] {5, 3}, 0.1)).getMessage());
        assertEquals("StepLR: invalid gamma value: -0.5 (expected >= 0)",
                assertThrows(IllegalArgumentException.class, () -> new StepLR(opt, 2, -0.5)).getMessage());
        assertEquals("OneCycleLR: Adagrad has no momentum or betas to cycle; pass cycleMomentum(false)",
                assertThrows(IllegalArgumentException.class,
                        () -> new OneCycleLR(new Adagrad(List.of(Tensor.zeros(1).requiresGrad_()), 0.1), 1, 10)).getMessage());
        assertEquals(0.1, opt.paramGroups().get(0).lr());
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau(opt, ReduceLROnPlateau.Options.defaults().factor(1)));
        SGD other = sgd();
        List<LRScheduler> three = List.of(new StepLR(other, 1, 1), new StepLR(other, 1, 1), new StepLR(other, 1, 1));
        assertEquals("SequentialLR: milestones must be increasing non-negative epochs, got [4, 4]",
                assertThrows(IllegalArgumentException.class, () -> new SequentialLR(other, three, new int[] {4, 4})).getMessage());
    }

    @Test
    void stateDictResumesTheSequence() {
        SGD a = sgd(), b = sgd();
        SequentialLR s = new SequentialLR(a, List.of(new LinearLR(a, 0.1, 1, 3), new CosineAnnealingLR(a, 6)), new int[] {3});
        SequentialLR t = new SequentialLR(b, List.of(new LinearLR(b, 0.1, 1, 3), new CosineAnnealingLR(b, 6)), new int[] {3});
        for (int e = 0; e < 4; e++) {
            s.step();
        }
        Map<String, Object> state = s.stateDict();
        b.paramGroups().get(0).lr(a.paramGroups().get(0).lr()); // the optimizer's own state dict carries the rate
        t.loadStateDict(state);
        for (int e = 0; e < 5; e++) {
            s.step();
            t.step();
            assertEquals(s.getLastLr(), t.getLastLr(), "epoch " + (5 + e));
        }
        SGD c = sgd();
        SequentialLR other = new SequentialLR(c, List.of(new LinearLR(c, 0.1, 1, 3), new CosineAnnealingLR(c, 6)), new int[] {2});
        assertEquals("SequentialLR.loadStateDict: _milestones is [3] in the state, [2] here",
                assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(state)).getMessage());
        StepLR step = new StepLR(c, 2, 0.5);
        Map<String, Object> st = step.stateDict();
        st.put("gamma", 0.1);
        assertEquals("StepLR.loadStateDict: gamma is 0.1 in the state, 0.5 here",
                assertThrows(IllegalArgumentException.class, () -> step.loadStateDict(st)).getMessage());
    }
}
