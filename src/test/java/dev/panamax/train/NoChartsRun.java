// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import dev.panamax.data.DataLoader.Batch;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Linear;
import dev.panamax.nn.Reduction;
import dev.panamax.optim.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@link NoChartsTest} in a class loader that holds panamax and this class but not XChart
 * (nor JUnit): it may name only panamax and JDK classes.
 */
public final class NoChartsRun {
    private NoChartsRun() {}

    /** Trains two epochs writing a chart and a CSV into dir; returns what was printed. */
    public static String run(Path dir) {
        Generator g = new Generator(1);
        Linear net = new Linear(4, 3, true, DType.F32, g);
        List<Batch> data = java.util.Collections.singletonList(new Batch(Tensor.rand(g, 8, 4), Tensor.of(0f, 1f, 2f, 0f, 1f, 2f, 0f, 1f)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Trainer.of(net, new CrossEntropyLoss(Reduction.NONE), new SGD(net.parameters(), 0.1))
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .chart(dir.resolve("chart.png")).csv(dir.resolve("history.csv"))
                .fit(data, data, 2);
        return Charts.available() + "\n" + out.toString(StandardCharsets.UTF_8);
    }
}
