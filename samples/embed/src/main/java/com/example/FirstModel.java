// SPDX-License-Identifier: Apache-2.0
package com.example;

import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.data.DataLoader;
import dev.panamax.io.Checkpoint;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Linear;
import dev.panamax.nn.ReLU;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.SGD;
import dev.panamax.train.History;
import dev.panamax.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A first model in a project of its own: an MLP learns which points of the plane have coordinates
 * of the same sign (XOR, which no linear model can learn), draws its training curves, saves its
 * weights as safetensors and loads them back. Usage: FirstModel [OUT_DIR] (default "out").
 */
public class FirstModel {
    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "out"));
        Generator g = new Generator(42);
        DataLoader train = xor(2048, g, true);
        DataLoader test = xor(512, g, false);

        var net = new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 2));
        History h = Trainer.of(net, new CrossEntropyLoss(Reduction.NONE), new SGD(net.parameters(), 0.3))
                .chart(out.resolve("training.png"))        // drawn only when XChart is on the class path
                .fit(train, test, 10);
        System.out.printf("test accuracy %.3f%n", h.last().testAcc());

        Path weights = out.resolve("first-model.safetensors");
        Checkpoint.save(net, weights);
        var again = new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 2));
        Checkpoint.load(again, weights);
        System.out.printf("reloaded test accuracy %.3f%n", Trainer.evaluateAccuracy(again, test));
        for (Path f : List.of(out.resolve("training.png"), weights)) {
            if (Files.isRegularFile(f)) {
                System.out.println("wrote " + f);
            }
        }
    }

    /** n points drawn uniformly from [-1, 1)^2, labelled 1 when x0 and x1 have the same sign. */
    static DataLoader xor(int n, Generator g, boolean shuffle) {
        Tensor x = Tensor.uniform(-1, 1, g, n, 2);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = x.get(i, 0) * x.get(i, 1) > 0 ? 1 : 0;
        }
        return DataLoader.loadArray(x, Tensor.fromArray(y, n), 64, shuffle, g);
    }
}
