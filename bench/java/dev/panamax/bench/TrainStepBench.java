// SPDX-License-Identifier: Apache-2.0
package dev.panamax.bench;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.kernel.Gemm;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Flatten;
import dev.panamax.nn.Init;
import dev.panamax.nn.Linear;
import dev.panamax.nn.ReLU;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.SGD;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the chapter's 784-256-10 MLP at batch 256 (forward, cross-entropy,
 * backward, SGD): time per step and, with {@code -prof gc}, bytes allocated per step.
 *
 * <pre>
 * java -jar target/benchmarks.jar TrainStepBench -prof gc -jvmArgsAppend "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class TrainStepBench {
    @Param({"java", "openblas"})
    String backend;

    @Param({"1"})
    int threads;

    Sequential net;
    SGD opt;
    CrossEntropyLoss loss;
    Tensor x, y;

    @Setup
    public void setup() {
        Gemm.setThreads(threads);
        Gemm.setBackend(backend);
        Generator g = new Generator(0);
        net = new Sequential(new Flatten(), new Linear(784, 256, true, DType.F32, g), new ReLU(), new Linear(256, 10, true, DType.F32, g));
        net.apply(m -> {
            if (m instanceof Linear l) {
                Init.normal_(l.weight(), 0, 0.01, g);
            }
        });
        opt = new SGD(net.parameters(), 0.1);
        loss = new CrossEntropyLoss(Reduction.NONE);
        x = Tensor.rand(g, 256, 1, 28, 28);
        y = Tensor.zeros(256);
        for (int i = 0; i < 256; i++) {
            y.f32()[i] = g.nextInt(10);
        }
    }

    @Benchmark
    public double step() {
        Tensor l = loss.apply(net.forward(x), y);
        opt.zeroGrad();
        l.mean().backward();
        opt.step();
        return l.getFlat(0);
    }
}
