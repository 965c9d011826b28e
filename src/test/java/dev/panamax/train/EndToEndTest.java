// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.data.DataLoader;
import dev.panamax.data.FashionMnist;
import dev.panamax.data.GeneratedFashionMnist;
import dev.panamax.io.Checkpoint;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Flatten;
import dev.panamax.nn.Init;
import dev.panamax.nn.Linear;
import dev.panamax.nn.ReLU;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chapter's 784-256-10 MLP end to end on a small generated IDX dataset: loader to checkpoint. */
class EndToEndTest {

    @Test
    void oneEpochOfTheChaptersMlpOnGeneratedIdxFiles(@TempDir Path dir) throws Exception {
        Path data = GeneratedFashionMnist.write(dir.resolve("fashion"), 2048, 512, 5);
        Generator g = new Generator(5);
        FashionMnist.Data d = FashionMnist.load(data);
        assertArrayEquals(new int[] {2048, 1, 28, 28}, d.trainImages().shape());
        DataLoader train = DataLoader.loadArray(d.trainImages(), d.trainLabels(), 256, true, new Generator(1));
        DataLoader test = DataLoader.loadArray(d.testImages(), d.testLabels(), 256, false);

        Sequential net = new Sequential(new Flatten(), new Linear(784, 256, true, DType.F32, g), new ReLU(),
                new Linear(256, 10, true, DType.F32, g));
        net.apply(m -> {
            if (m instanceof Linear l) {
                Init.normal_(l.weight(), 0, 0.01, g);
            }
        });
        CrossEntropyLoss loss = new CrossEntropyLoss(Reduction.NONE);
        double before = Trainer.evaluateLoss(net, train, loss);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        History h = Trainer.of(net, loss, new SGD(net.parameters(), 0.5))
                .out(new PrintStream(progress, true, StandardCharsets.UTF_8))
                .chart(dir.resolve("curves.png")).csv(dir.resolve("history.csv"))
                .fit(train, test, 1);
        double after = Trainer.evaluateLoss(net, train, loss);
        assertTrue(after < before - 0.1, "loss fell: " + before + " -> " + after);
        assertTrue(h.last().testAcc() > 0.3, h.toCsv());
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("epoch 1/1"), progress.toString(StandardCharsets.UTF_8));
        assertTrue(Files.size(dir.resolve("curves.png")) > 1000);
        assertEquals(2, Files.readAllLines(dir.resolve("history.csv")).size());

        Path ckpt = dir.resolve("mlp.safetensors");
        Checkpoint.save(net, ckpt);
        Sequential copy = new Sequential(new Flatten(), new Linear(784, 256), new ReLU(), new Linear(256, 10));
        Checkpoint.load(copy, ckpt);
        Map<String, Tensor> a = net.stateDict(), b = copy.stateDict();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            float[] x = a.get(k).toFloatArray(), y = b.get(k).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(y[i]), k + "[" + i + "] bit-identical");
            }
        }
        Tensor batch = test.iterator().next().x();
        assertArrayEquals(net.forward(batch).toFloatArray(), copy.forward(batch).toFloatArray(), 0f);
    }
}
