// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.data.DataLoader;
import dev.panamax.data.DataLoader.Batch;
import dev.panamax.nn.Linear;
import dev.panamax.nn.MSELoss;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trainer for regressions: test loss, metrics, a stop on a non-finite loss, early stopping. */
class TrainerTaskTest {
    /** y = x w + 3 + noise, x in R^4, as two lists of batches (train 200, test 100). */
    static List<List<Batch>> data() {
        Generator g = new Generator(7);
        Tensor w = Tensor.of(2f, -3.4f, 1f, 0.5f).reshape(4, 1);
        Batch train = DataLoader.syntheticData(w.reshape(-1), 3, 200, 0.01, g);
        Batch test = DataLoader.syntheticData(w.reshape(-1), 3, 100, 0.01, g);
        return List.of(batches(train, 20), batches(test, 50));
    }

    static List<Batch> batches(Batch b, int size) {
        List<Batch> out = new java.util.ArrayList<>();
        for (int s = 0; s < b.size(); s += size) {
            int[] idx = java.util.stream.IntStream.range(s, Math.min(b.size(), s + size)).toArray();
            out.add(new Batch(b.x().rows(idx), b.y().rows(idx).reshape(-1, 1)));
        }
        return out;
    }

    static Sequential net() {
        return new Sequential(new Linear(4, 1, true, DType.F32, new Generator(1)));
    }

    /** The mean squared error of net on batches, computed here without Trainer. */
    static double mse(Sequential net, List<Batch> data) {
        double sum = 0;
        int n = 0;
        for (Batch b : data) {
            Tensor d = net.forward(b.x()).sub(b.y());
            sum += d.mul(d).sum().item();
            n += b.size();
        }
        return sum / n;
    }

    @Test
    void aRegressionReportsTrainAndTestLossAndItsMetrics(@TempDir Path dir) throws Exception {
        List<List<Batch>> d = data();
        Sequential net = net();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        History h = Trainer.of(net, new MSELoss(), new SGD(net.parameters(), 0.05))
                .metric("rmse", (f, data) -> Math.sqrt(Trainer.evaluateLoss(f, data, new MSELoss(Reduction.NONE))))
                .out(new PrintStream(text, true, StandardCharsets.UTF_8))
                .csv(dir.resolve("h.csv"))
                .fit(d.get(0), d.get(1), 5);
        assertTrue(h.isRegression());
        assertNull(h.stopReason());
        assertEquals(List.of("train rmse", "test rmse"), h.metricNames());
        double[] testLoss = h.testLoss();
        assertEquals(5, testLoss.length);
        assertTrue(testLoss[4] < testLoss[0] / 10, java.util.Arrays.toString(testLoss));
        assertEquals(mse(net, d.get(1)), testLoss[4], 1e-5 * testLoss[4]); // the test loss of the final parameters
        assertEquals(Math.sqrt(testLoss[4]), h.metric("test rmse")[4], 1e-6);
        assertEquals(Math.sqrt(mse(net, d.get(0))), h.metric("train rmse")[4], 1e-6);
        assertTrue(Double.isNaN(h.last().trainAcc()) && Double.isNaN(h.last().testAcc()), "no accuracy in a regression");
        String out = text.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("epoch 5/5: train loss "), out);
        assertTrue(out.lines().filter(l -> l.startsWith("epoch 5/5")).allMatch(l -> l.contains(", test loss ")
                && l.contains(", train rmse ") && l.contains(", test rmse ") && !l.contains("acc")), out);
        String csv = Files.readString(dir.resolve("h.csv"));
        assertTrue(csv.startsWith("epoch,train_loss,test_loss,train_rmse,test_rmse,seconds,examples_per_s\n"), csv);
        assertEquals(6, csv.lines().count());
    }

    @Test
    void theTaskCanBeChosenAgainstTheLossDefault() {
        List<List<Batch>> d = data();
        Sequential net = net();
        History h = Trainer.of(net, new MSELoss(), new SGD(net.parameters(), 0.05)).task(Trainer.Task.CLASSIFICATION).out(null)
                .fit(d.get(0), d.get(1), 1);
        assertTrue(!h.isRegression() && Double.isNaN(h.last().testLoss()) && !Double.isNaN(h.last().testAcc()));
    }

    @Test
    void aNonFiniteLossStopsTheRunInOneLineBeforeItUpdates() {
        List<List<Batch>> d = data();
        Sequential net = net();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        History h = Trainer.of(net, new MSELoss(), new SGD(net.parameters(), 1e4))
                .out(new PrintStream(text, true, StandardCharsets.UTF_8)).fit(d.get(0), d.get(1), 50);
        String why = h.stopReason();
        assertTrue(why != null && why.matches("epoch 1, batch \\d+: the loss is (NaN|\\+inf), so training stops; the parameters diverged:"
                + " try a smaller learning rate"), why);
        assertEquals(0, h.size(), "the epoch that diverged is not recorded");
        String out = text.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.lines().filter(l -> l.contains("the loss is")).count(), out);
        assertTrue(out.lines().noneMatch(l -> l.contains("train loss NaN")), out);
        for (Tensor p : net.parameters()) {
            for (double v : p.toDoubleArray()) {
                assertTrue(Double.isFinite(v), "the batch with the non-finite loss updated nothing");
            }
        }
        // trainEpoch, for custom loops, throws the same line
        String m = assertThrows(IllegalStateException.class, () -> Trainer.of(net, new MSELoss(), new SGD(net.parameters(), 1e4))
                .trainEpoch(d.get(0))).getMessage();
        assertTrue(m.startsWith("batch ") && m.endsWith("try a smaller learning rate"), m);
    }

    @Test
    void earlyStopEndsARunWhoseValidationFigureStoppedImproving() {
        List<List<Batch>> d = data();
        Sequential net = net();
        // a validation set from another function: the test loss falls at first, then rises as the net fits the training data
        List<Batch> other = batches(DataLoader.syntheticData(Tensor.of(2f, -3.4f, 1f, 0.5f), 0, 100, 0.01, new Generator(9)), 50);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        History h = Trainer.of(net, new MSELoss(), new SGD(net.parameters(), 0.02)).earlyStop("test loss", 3)
                .out(new PrintStream(text, true, StandardCharsets.UTF_8)).fit(d.get(0), other, 100);
        double[] loss = h.testLoss();
        int best = 0;
        for (int i = 1; i < loss.length; i++) {
            best = loss[i] < loss[best] ? i : best;
        }
        assertEquals(best + 1 + 3, h.size(), "stopped 3 epochs after the best: " + java.util.Arrays.toString(loss));
        assertTrue(h.size() < 100);
        assertEquals(String.format(java.util.Locale.ROOT, "early stop after epoch %d: test loss has not improved on %.4f (epoch %d) for 3"
                + " epochs", h.size(), loss[best], best + 1), h.stopReason());
        assertTrue(text.toString(StandardCharsets.UTF_8).contains(h.stopReason()));
        String m = assertThrows(IllegalArgumentException.class, () -> Trainer.of(net, new MSELoss(), new SGD(net.parameters(), 0.02))
                .earlyStop("test acc", 2).out(null).fit(d.get(0), other, 2)).getMessage();
        assertEquals("Trainer.earlyStop: no figure test acc in this run; it measures [train loss, test loss]", m);
    }

    @Test
    void aResumedRegressionKeepsItsTestLossAndMetrics(@TempDir Path dir) {
        List<List<Batch>> d = data();
        Path ckpt = dir.resolve("run.ckpt");
        Sequential net = net();
        History first = Trainer.of(net, new MSELoss(), new SGD(net.parameters(), 0.05)).metric("rmse", Metric.logRmse())
                .checkpoint(ckpt, 1, true, java.util.Map.of()).out(null).fit(d.get(0), d.get(1), 2);
        Sequential again = net();
        History h = Trainer.of(again, new MSELoss(), new SGD(again.parameters(), 0.05)).metric("rmse", Metric.logRmse())
                .checkpoint(ckpt, 1, true, java.util.Map.of()).out(null).fit(d.get(0), d.get(1), 4);
        assertEquals(4, h.size());
        for (int e = 0; e < 2; e++) {
            assertEquals(first.epochs().get(e).testLoss(), h.epochs().get(e).testLoss());
            assertArrayEquals(first.epochs().get(e).metrics(), h.epochs().get(e).metrics());
        }
        assertTrue(h.testLoss()[3] < h.testLoss()[1], java.util.Arrays.toString(h.testLoss()));
    }

    @Test
    void logRmseIsTheBooksOnHandComputedValues() {
        // predictions 0.5 (clamped to 1), e, e^2 against labels 1, 1, e: log differences 0, 1, 1
        Tensor pred = Tensor.of(0.5, Math.E, Math.E * Math.E).reshape(3, 1);
        Tensor y = Tensor.of(1.0, 1.0, Math.E).reshape(3, 1);
        double v = Metric.logRmse().apply(x -> pred, List.of(new Batch(Tensor.zeros(3, 1), y)));
        assertEquals(Math.sqrt(2.0 / 3), v, 1e-12);
        assertArrayEquals(new double[] {1, 1, Math.E}, y.toDoubleArray(), 0);
    }
}
