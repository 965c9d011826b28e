// SPDX-License-Identifier: Apache-2.0
package dev.panamax.bench;

import dev.panamax.kernel.Kernels;
import dev.panamax.kernel.SoftmaxCrossEntropyKernel;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * The FMA-and-polynomial exp ({@code dev.panamax.kernel.Exp}, the same bits at every JIT tier)
 * against {@code FloatVector.lanewise(EXP)} (an intrinsic stub under C2, a per-lane Math.exp before):
 * alone over 4096 floats, and inside the softmax cross-entropy forward of [256 x classes] logits,
 * where the lanewise version is the kernel as it was before the change.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar target/benchmarks.jar ExpBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ExpBench {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int N = 4096, M = 256;

    @Param({"10", "1000"})
    public int classes;

    float[] x, out, logits, probs, loss;
    int[] labels;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(1);
        x = new float[N];
        out = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) rnd.nextDouble(-20, 0);
        }
        logits = new float[M * classes];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) rnd.nextDouble(-10, 10);
        }
        probs = new float[M * classes];
        loss = new float[M];
        labels = new int[M];
        for (int i = 0; i < M; i++) {
            labels[i] = rnd.nextInt(classes);
        }
    }

    @Benchmark
    public float[] expOwn() {
        Kernels.exp(x, 0, out, 0, N);
        return out;
    }

    @Benchmark
    public float[] expLanewise() {
        int i = 0;
        for (int bound = F.loopBound(N); i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, i).lanewise(VectorOperators.EXP).intoArray(out, i);
        }
        for (; i < N; i++) {
            out[i] = (float) Math.exp(x[i]);
        }
        return out;
    }

    @Benchmark
    public float[] softmaxCrossEntropyOwn() {
        SoftmaxCrossEntropyKernel.forward(M, classes, logits, 0, labels, 0, loss, 0, probs, 0);
        return probs;
    }

    /** The kernel before: lanewise(EXP), reduceLanes(ADD), multiply by 1 / sum, Math.log. */
    @Benchmark
    public float[] softmaxCrossEntropyLanewise() {
        int n = classes, l = F.length(), bound = F.loopBound(n);
        for (int r = 0; r < M; r++) {
            int xo = r * n, p = r * n, j = 0;
            FloatVector vmax = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (; j < bound; j += l) {
                vmax = vmax.max(FloatVector.fromArray(F, logits, xo + j));
            }
            float max = vmax.reduceLanes(VectorOperators.MAX);
            for (; j < n; j++) {
                max = Math.max(max, logits[xo + j]);
            }
            FloatVector vsum = FloatVector.zero(F);
            for (j = 0; j < bound; j += l) {
                FloatVector e = FloatVector.fromArray(F, logits, xo + j).sub(max).lanewise(VectorOperators.EXP);
                e.intoArray(probs, p + j);
                vsum = vsum.add(e);
            }
            float sum = vsum.reduceLanes(VectorOperators.ADD);
            for (; j < n; j++) {
                float e = (float) Math.exp(logits[xo + j] - max);
                probs[p + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (j = 0; j < bound; j += l) {
                FloatVector.fromArray(F, probs, p + j).mul(inv).intoArray(probs, p + j);
            }
            for (; j < n; j++) {
                probs[p + j] *= inv;
            }
            loss[r] = (float) Math.log(sum) - (logits[xo + labels[r]] - max);
        }
        return probs;
    }
}
