// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.data.DataLoader;
import dev.panamax.kernel.Gemm;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Dropout;
import dev.panamax.nn.Linear;
import dev.panamax.nn.ReLU;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.AdamW;
import dev.panamax.optim.lr.CosineAnnealingLR;
import dev.panamax.optim.lr.LinearLR;
import dev.panamax.optim.lr.SequentialLR;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A run for {@link ResumeTest}, in a JVM of its own: an MLP with dropout on shuffled synthetic
 * data, AdamW with a warm-up then cosine schedule, a checkpoint after every epoch. Arguments: the
 * checkpoint file, the epochs of the whole run, the epochs to run in this process (it stops after
 * them, as a killed run would), and the hidden width. Resumes when the checkpoint exists. Prints
 * {@code SAVING k} before the save of epoch k and {@code HASH <sha-256>} of the parameters' bits
 * at the end.
 */
final class ResumeRun {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]), stopAfter = Integer.parseInt(args[2]), hidden = Integer.parseInt(args[3]);
        Gemm.setBackend("java");
        Generator data = new Generator(11), init = new Generator(12), order = new Generator(13), masks = new Generator(14);
        Tensor x = Tensor.randn(DType.F32, data, 512, 64);
        Tensor y = x.slice(1, 0, 10).argmax(1, false);
        DataLoader train = DataLoader.of(x, y).batchSize(64).shuffle(order).build();
        Sequential net = new Sequential(new Linear(64, hidden, true, DType.F32, init), new ReLU(), new Dropout(0.2, masks),
                new Linear(hidden, hidden, true, DType.F32, init), new ReLU(), new Linear(hidden, 10, true, DType.F32, init));
        AdamW opt = new AdamW(net.parameters(), 0.01);
        SequentialLR schedule = new SequentialLR(opt, List.of(new LinearLR(opt, 0.1, 1.0, 2), new CosineAnnealingLR(opt, epochs - 2)),
                new int[] {2});
        Trainer trainer = Trainer.of(net, new CrossEntropyLoss(Reduction.NONE), opt).out(null).scheduler(schedule)
                .checkpoint(file, 1, true, Map.of("order", order, "masks", masks));
        // Stopping after stopAfter epochs: fit to there, as a run that was interrupted then.
        trainer.fit(new Announcing(train), null, Math.min(epochs, stopAfter));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Tensor p : net.parameters()) {
            for (float v : p.f32()) {
                int b = Float.floatToRawIntBits(v);
                sha.update(new byte[] {(byte) b, (byte) (b >> 8), (byte) (b >> 16), (byte) (b >> 24)});
            }
        }
        System.out.println("LR " + schedule.getLastLr());
        System.out.println("HASH " + HexFormat.of().formatHex(sha.digest()));
    }

    /** The training data, printing SAVING when an epoch's batches are done (the save follows). */
    private record Announcing(DataLoader data) implements Iterable<DataLoader.Batch> {
        @Override
        public java.util.Iterator<DataLoader.Batch> iterator() {
            java.util.Iterator<DataLoader.Batch> it = data.iterator();
            return new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    boolean more = it.hasNext();
                    if (!more) {
                        System.out.println("SAVING");
                        System.out.flush();
                    }
                    return more;
                }

                @Override
                public DataLoader.Batch next() {
                    return it.next();
                }
            };
        }
    }
}
