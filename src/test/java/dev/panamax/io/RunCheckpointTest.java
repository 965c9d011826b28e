// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.nn.Linear;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.Adam;
import dev.panamax.optim.lr.ReduceLROnPlateau;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCheckpointTest {
    private record Run(Sequential net, Adam opt, ReduceLROnPlateau plateau, Generator g, RunCheckpoint.Parts parts) {}

    private static Run run(int hidden) {
        Generator init = new Generator(3), g = new Generator(5);
        Sequential net = new Sequential(new Linear(3, hidden, true, DType.F32, init), new Linear(hidden, 2, true, DType.F32, init));
        Adam opt = new Adam(net.parameters(), 0.01, 0.9, 0.999, 1e-8, 0.0, true);
        ReduceLROnPlateau plateau = new ReduceLROnPlateau(opt, ReduceLROnPlateau.Options.defaults().patience(0));
        return new Run(net, opt, plateau, g, new RunCheckpoint.Parts(net, opt, plateau, Map.of("g", g)));
    }

    private static void train(Run r, int steps) {
        for (int t = 0; t < steps; t++) {
            r.opt().zeroGrad();
            Tensor x = Tensor.randn(DType.F32, r.g(), 4, 3);
            r.net().forward(x).pow(2).mean().backward();
            r.opt().step();
            r.plateau().step(1.0); // never better than the first: the rate is cut every step after it
        }
    }

    @Test
    void aLoadedRunContinuesAsTheSavedOne(@TempDir Path dir) throws Exception {
        Run a = run(4);
        train(a, 3);
        Path file = dir.resolve("run.ckpt");
        RunCheckpoint.save(file, a.parts(), 7, Map.of("note", "hello"));
        Run b = run(4);
        RunCheckpoint.Loaded l = RunCheckpoint.load(file, b.parts());
        assertEquals(7, l.epoch());
        assertEquals(Map.of("note", "hello"), l.extra());
        assertEquals(a.plateau().getLastLr(), b.plateau().getLastLr());
        Run fresh = run(4), other = run(4); // best is +infinity before the first metric: JSON has no infinity
        other.plateau().step(3.0);
        RunCheckpoint.save(dir.resolve("fresh.ckpt"), fresh.parts(), 0, Map.of());
        RunCheckpoint.load(dir.resolve("fresh.ckpt"), other.parts());
        assertEquals(Double.POSITIVE_INFINITY, other.plateau().stateDict().get("best"));
        train(a, 2);
        train(b, 2);
        for (int i = 0; i < a.net().parameters().size(); i++) {
            assertArrayEquals(a.net().parameters().get(i).f32(), b.net().parameters().get(i).f32());
        }
        assertEquals(a.opt().paramGroups().get(0).lr(), b.opt().paramGroups().get(0).lr());
    }

    @Test
    void aMismatchIsRefusedAndChangesNothing(@TempDir Path dir) throws Exception {
        Run a = run(4);
        train(a, 2);
        Path file = dir.resolve("run.ckpt");
        RunCheckpoint.save(file, a.parts(), 2, Map.of());
        Run other = run(5);
        float[] before = other.net().parameters().get(0).f32().clone();
        long[] gBefore = other.g().getState();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunCheckpoint.load(file, other.parts()));
        assertTrue(e.getMessage().startsWith("RunCheckpoint.load: " + file + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        assertArrayEquals(before, other.net().parameters().get(0).f32());
        assertArrayEquals(gBefore, other.g().getState());
        assertEquals(0, other.opt().stateDict().state().size());

        Path plain = dir.resolve("weights.safetensors");
        Checkpoint.save(a.net(), plain);
        assertEquals("RunCheckpoint.load: " + plain + ": not a run checkpoint (format pt, expected panamax-run-1)",
                assertThrows(IllegalArgumentException.class, () -> RunCheckpoint.load(plain, run(4).parts())).getMessage());
    }
}
