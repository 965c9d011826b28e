// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.data.DataLoader;
import dev.panamax.data.FashionMnist;
import dev.panamax.kernel.Gemm;
import dev.panamax.kernel.Simd;
import dev.panamax.nn.AdaptiveAvgPool2d;
import dev.panamax.nn.AvgPool2d;
import dev.panamax.nn.BatchNorm1d;
import dev.panamax.nn.BatchNorm2d;
import dev.panamax.nn.Conv2d;
import dev.panamax.nn.Dropout;
import dev.panamax.nn.MaxPool2d;
import dev.panamax.nn.Sigmoid;
import dev.panamax.nn.Flatten;
import dev.panamax.nn.Functional;
import dev.panamax.nn.Init;
import dev.panamax.nn.Linear;
import dev.panamax.nn.ReLU;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.SGD;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * A seeded training run that prints a hash of the parameters it ends with, for
 * {@link DeterminismTest} to compare across fresh JVMs. The MLP of the chapter, smaller, with
 * dropout, on the java backend: every kernel of a training step runs (GEMM with fused bias and
 * ReLU, dropout, softmax cross-entropy, SGD's axpy), and the softmax family through the loss of a
 * second head.
 *
 * <p>With the model argument {@code cnn}, a small convolutional net instead: conv2d (padding,
 * "same" with groups), batch norm with its running statistics, max, average and adaptive pooling,
 * so every convolution kernel's bits are in the hash too (the buffers with the parameters).
 *
 * <p>Arguments: data directory, steps, threads, seed, and optionally hidden units (48), batch
 * size (64) and model ({@code mlp} or {@code cnn}). Prints {@code HASH <sha-256> <loss> <kernels>}.
 */
final class SeededRunHash {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]), threads = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        int hidden = args.length > 4 ? Integer.parseInt(args[4]) : 48, batch = args.length > 5 ? Integer.parseInt(args[5]) : 64;
        Gemm.setBackend("java");
        Gemm.setThreads(threads);
        Generator g = new Generator(seed);
        boolean cnn = args.length > 6 && args[6].equals("cnn");
        dev.panamax.DType f32 = dev.panamax.DType.F32;
        Sequential net = cnn
                ? new Sequential(new Conv2d(1, 4, new int[] {5}, 1, true, f32, g).padding(2), new BatchNorm2d(4), new ReLU(),
                        new MaxPool2d(2), new Conv2d(4, 8, new int[] {3}, 1, true, f32, g), new Sigmoid(), new AvgPool2d(2, 2),
                        new Conv2d(8, 8, new int[] {2}, 2, true, f32, g).padding("same"), new AdaptiveAvgPool2d(4),
                        new Flatten(), new Linear(8 * 4 * 4, hidden, true, f32, g), new BatchNorm1d(hidden), new ReLU(),
                        new Linear(hidden, 10, true, f32, g))
                : new Sequential(new Flatten(), new Linear(784, hidden, true, f32, g), new ReLU(),
                        new Dropout(0.3, g), new Linear(hidden, 10, true, f32, g));
        net.apply(m -> {
            if (m instanceof Linear linear) {
                Init.normal_(linear.weight(), 0, 0.01, g);
            }
        });
        SGD opt = new SGD(net.parameters(), 0.1);
        DataLoader train = FashionMnist.read(dir).trainIter(batch, g);
        double last = 0;
        for (int step = 0; step < steps; ) {
            for (DataLoader.Batch b : train) {
                if (step++ == steps) {
                    break;
                }
                Tensor logits = net.forward(b.x());
                // The fused loss plus a small term through logSoftmax, so the softmax family is in the bits too.
                Tensor loss = Functional.crossEntropy(logits, b.y(), Reduction.MEAN)
                        .add(logits.logSoftmax(1).mean().mul(-0.01));
                opt.zeroGrad();
                loss.backward();
                opt.step();
                last = loss.item();
            }
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Map.Entry<String, Tensor> e : net.stateDict().entrySet()) {
            sha.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (float v : e.getValue().to(f32).f32()) {
                int bits = Float.floatToIntBits(v);
                sha.update(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
            }
        }
        System.out.println("HASH " + HexFormat.of().formatHex(sha.digest()) + " " + last + " " + Simd.describe());
    }
}
