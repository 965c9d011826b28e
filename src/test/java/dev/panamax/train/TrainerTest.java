// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import dev.panamax.data.DataLoader.Batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Dropout;
import dev.panamax.nn.Flatten;
import dev.panamax.nn.Functional;
import dev.panamax.nn.Init;
import dev.panamax.nn.Linear;
import dev.panamax.nn.Module;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.ReLU;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.Optim;
import dev.panamax.optim.SGD;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    static final List<String> LABELS = List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt",
            "sneaker", "bag", "ankle boot");

    /**
     * A tiny Fashion-MNIST look-alike: ten random 28x28 prototypes in [0, 1], each example a
     * prototype plus noise, labels 0..9 as floats; batches of {X [b, 1, 28, 28], y [b]}.
     */
    static List<Batch> synthetic(long seed, int n, int batch, Tensor prototypes) {
        Generator g = new Generator(seed);
        List<Batch> out = new ArrayList<>();
        for (int start = 0; start < n; start += batch) {
            int b = Math.min(batch, n - start);
            float[] x = new float[b * 784];
            float[] y = new float[b];
            for (int i = 0; i < b; i++) {
                int c = g.nextInt(10);
                y[i] = c;
                for (int k = 0; k < 784; k++) {
                    double v = prototypes.getFlat(c * 784 + k) + 0.6 * g.nextGaussian();
                    x[i * 784 + k] = (float) Math.clamp(v, 0.0, 1.0);
                }
            }
            out.add(new Batch(Tensor.wrap(x, b, 1, 28, 28), Tensor.wrap(y, b)));
        }
        return out;
    }

    static Tensor prototypes() {
        return Tensor.rand(new Generator(42), 10, 784);
    }

    @Test
    void trainsTheChaptersMlpAndWritesHistoryCsvAndCharts(@TempDir Path dir) throws Exception {
        Tensor protos = prototypes();
        List<Batch> train = synthetic(1, 600, 20, protos);
        List<Batch> test = synthetic(2, 200, 100, protos);
        Generator g = new Generator(3);
        Sequential net = new Sequential(new Flatten(), new Linear(784, 256, true, DType.F32, g), new ReLU(),
                new Linear(256, 10, true, DType.F32, g));
        net.apply(m -> {
            if (m instanceof Linear l) {
                Init.normal_(l.weight(), 0, 0.01, g);
            }
        });
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path png = dir.resolve("mlp.png"), csv = dir.resolve("mlp.csv");
        double before = Trainer.evaluateLoss(net, train, new CrossEntropyLoss(Reduction.NONE));
        History h = Trainer.of(net, new CrossEntropyLoss(Reduction.NONE), new SGD(net.parameters(), 0.1))
                .out(new PrintStream(log, true, StandardCharsets.UTF_8)).chart(png).csv(csv).name("mlp")
                .fit(train, test, 5);

        assertEquals(5, h.size());
        assertTrue(h.epochs().get(0).trainLoss() < before, "first epoch " + h.epochs().get(0).trainLoss() + " vs " + before);
        assertTrue(h.last().trainLoss() < h.epochs().get(0).trainLoss(), h.toCsv());
        assertTrue(h.last().trainLoss() < 0.5 * Math.log(10), h.toCsv());
        assertTrue(h.last().testAcc() > 0.8, h.toCsv());
        assertTrue(h.last().trainAcc() > 0.5 && h.last().examplesPerSecond() > 0 && h.last().seconds() > 0);
        assertEquals(h.last().testAcc(), Trainer.evaluateAccuracy(net, test), 0.0);
        assertTrue(net.isTraining(), "evaluation restores training mode");

        List<String> rows = Files.readAllLines(csv);
        assertEquals(6, rows.size());
        assertEquals("epoch,train_loss,train_acc,test_acc,seconds,examples_per_s", rows.get(0));
        assertTrue(rows.get(5).startsWith("5," + h.last().trainLoss() + "," + h.last().trainAcc() + ","), rows.get(5));

        String text = log.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "not a terminal: plain lines");
        assertEquals(5, text.lines().filter(l -> l.startsWith("epoch ") && l.contains(": train loss ")).count(), text);
        assertTrue(text.contains("epoch 5/5: train loss "), text);

        assertTrue(Charts.available(), "XChart is on the test class path");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(440, img.getHeight());
        assertFalse(Files.exists(dir.resolve("mlp.svg")), "the SVG is opt-in");
        assertFalse(Files.exists(dir.resolve(".mlp.png.tmp")));

        int[] pred = Trainer.predictCh3(net, test, 6, LABELS, dir.resolve("pred.png"));
        assertEquals(6, pred.length);
        int correct = 0;
        for (int i = 0; i < 6; i++) {
            correct += pred[i] == (int) test.get(0).y().getFlat(i) ? 1 : 0;
        }
        assertTrue(correct >= 4, "predictions " + java.util.Arrays.toString(pred));
        BufferedImage grid = ImageIO.read(dir.resolve("pred.png").toFile());
        assertEquals(6 * (84 + 6) + 6, grid.getWidth());
        assertEquals(18 + 84 + 30 + 6 + 6, grid.getHeight(), "a caption line (true / predicted) above one row of images");
    }

    /** The chapter's dropout net, a plain subclass with two dropout layers. */
    static final class DropoutNet extends Module {
        final Linear lin1, lin2, lin3;
        final Dropout drop1, drop2;

        DropoutNet(Generator g) {
            lin1 = register("lin1", new Linear(784, 256, true, DType.F32, g));
            lin2 = register("lin2", new Linear(256, 256, true, DType.F32, g));
            lin3 = register("lin3", new Linear(256, 10, true, DType.F32, g));
            drop1 = register("drop1", new Dropout(0.2, g));
            drop2 = register("drop2", new Dropout(0.5, g));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor h1 = lin1.forward(x.reshape(-1, 784)).relu();
            Tensor h2 = lin2.forward(drop1.forward(h1)).relu();
            return lin3.forward(drop2.forward(h2));
        }
    }

    @Test
    void theChaptersDropoutNetTrainsAndEvaluatesWithoutDropout() {
        Tensor protos = prototypes();
        List<Batch> train = synthetic(6, 400, 20, protos);
        List<Batch> test = synthetic(7, 100, 50, protos);
        DropoutNet net = new DropoutNet(new Generator(8));
        History h = Trainer.of(net, new CrossEntropyLoss(Reduction.NONE), new SGD(net.parameters(), 0.1)).out(null)
                .fit(train, test, 3);
        assertTrue(h.last().trainLoss() < h.epochs().get(0).trainLoss(), h.toCsv());
        assertTrue(h.last().testAcc() > 0.7, h.toCsv());
        net.eval();
        Tensor x = test.get(0).x();
        assertArrayEquals(net.forward(x).toDoubleArray(), net.forward(x).toDoubleArray(), 0.0, "eval: no dropout");
        net.train();
        assertFalse(java.util.Arrays.equals(net.forward(x).toDoubleArray(), net.forward(x).toDoubleArray()), "train: dropout");
    }

    @Test
    void scratchNetWithScratchUpdaterLearns() {
        Tensor protos = prototypes();
        List<Batch> train = synthetic(4, 300, 50, protos);
        Generator g = new Generator(5);
        Tensor w1 = Tensor.normal(0, 0.01, g, 784, 64).requiresGrad_();
        Tensor b1 = Tensor.zeros(64).requiresGrad_();
        Tensor w2 = Tensor.normal(0, 0.01, g, 64, 10).requiresGrad_();
        Tensor b2 = Tensor.zeros(10).requiresGrad_();
        List<Tensor> params = List.of(w1, b1, w2, b2);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Trainer t = Trainer.of(x -> x.reshape(-1, 784).matmul(w1).add(b1).relu().matmul(w2).add(b2),
                        new CrossEntropyLoss(Reduction.NONE), bs -> Optim.sgd(params, 0.1, bs))
                .out(new PrintStream(log, true, StandardCharsets.UTF_8));
        double[] first = t.trainEpoch(train);
        double[] second = t.trainEpoch(train);
        double[] third = t.trainEpoch(train);
        assertTrue(third[0] < second[0] && second[0] < first[0], first[0] + ", " + second[0] + ", " + third[0]);
        assertTrue(third[1] > first[1]);
        assertEquals(0.0, w1.grad().abs().sum().item(), "the scratch sgd zeroes the gradients");
        assertEquals("", log.toString(StandardCharsets.UTF_8), "trainEpoch prints nothing");
    }

    @Test
    void accuracyAndEvaluateLossFollowTheBook() {
        Tensor yHat = Tensor.fromArray(new float[][] {{0.1f, 0.9f}, {0.8f, 0.2f}, {0.3f, 0.7f}});
        assertEquals(2.0, Trainer.accuracy(yHat, Tensor.of(1f, 0f, 0f)));
        // Regression: evaluate_loss reshapes y to the output and averages the per-element loss.
        List<Batch> data = java.util.Collections.singletonList(new Batch(Tensor.of(1.0, 2.0).reshape(2, 1), Tensor.of(3.0, 5.0)));
        double l = Trainer.evaluateLoss((java.util.function.UnaryOperator<Tensor>) x -> x.mul(2), data, Functional::squaredLoss);
        assertEquals((1.0 / 2 + 1.0 / 2) / 2, l, 1e-15);
        Accumulator a = new Accumulator(2);
        a.add(1, 2);
        a.add(3, 4);
        assertEquals(4.0, a.get(0));
        assertEquals(6.0, a.get(1));
        a.reset();
        assertEquals(0.0, a.get(1));
    }

    @Test
    void progressBarRedrawsInPlaceOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        p.start("epoch 2/10", 200);
        String bar = p.bar(50, 12_800, 0.51234, System.nanoTime() + 2_000_000_000L);
        assertTrue(bar.startsWith("epoch 2/10 [######..................] 50/200 loss 0.5123 "), bar);
        assertTrue(bar.matches(".* \\d+ ex/s ETA 0:0[5-6]"), bar);
        p.finish("epoch 2/10: done");
        assertEquals("\repoch 2/10: done\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void animatorAndPlotWriteCharts(@TempDir Path dir) throws Exception {
        Animator a = new Animator(dir.resolve("loss.png"), "epoch", "loss", "train", "test").logY(true).svg(false);
        assertTrue(a.add(1, 10, Double.NaN));
        assertTrue(a.add(2, 1, 0.5));
        assertTrue(a.add(3, 0.1, -1)); // a non-positive point is left out of the log plot
        assertArrayEquals(new double[] {10, 1, 0.1}, a.series(0));
        assertEquals(640, ImageIO.read(dir.resolve("loss.png").toFile()).getWidth());
        assertFalse(Files.exists(dir.resolve("loss.svg")));
        assertTrue(Charts.plot(dir.resolve("p.png"), true, "parabola", "x", "y", false, new double[] {0, 1, 2},
                List.of(new double[] {0, 1, 4}, new double[] {0, 1, 2}), List.of("x^2", "x")));
        assertTrue(Files.size(dir.resolve("p.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("p.svg")).contains("<svg"));
    }
}
