// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.Generator;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.optim.AdamW;
import dev.panamax.optim.lr.CosineAnnealingLR;
import dev.panamax.optim.lr.LinearLR;
import dev.panamax.optim.lr.SequentialLR;
import dev.panamax.train.History;
import dev.panamax.train.Trainer;
import java.util.List;
import java.util.Locale;

/**
 * Sample: mlp-adamw — the chapter's MLP (784-256-10, ReLU, as mlp-concise) trained as people train
 * today: AdamW (lr 2e-3, weight decay 0.05, PyTorch's betas and eps), the rate warmed up linearly
 * from a tenth over the first 2 epochs, then annealed along a cosine to 0 over the rest
 * (SequentialLR of LinearLR then CosineAnnealingLR, stepped once an epoch). Prints the book's
 * figures for the SGD run (mlp-concise: SGD, lr 0.1) beside this run's.
 */
public final class MlpAdamw {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("mlp-adamw",
            "the chapter's MLP with AdamW and a warm-up then cosine schedule, beside the SGD run",
            10, "training epochs", "seed threads backend out limit data resume");

    static final double LR = 2e-3, WEIGHT_DECAY = 0.05;
    static final int WARMUP = 2;

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Generator g = new Generator(args.seed);
        Sequential net = MlpConcise.model(g);
        System.out.println(net);

        int batchSize = 256, epochs = args.epochs, warmup = Math.min(WARMUP, epochs - 1);
        AdamW opt = new AdamW(net.parameters(), LR, 0.9, 0.999, 1e-8, WEIGHT_DECAY, false);
        SequentialLR schedule = warmup < 1 ? null : new SequentialLR(opt,
                List.of(new LinearLR(opt, 0.1, 1.0, warmup), new CosineAnnealingLR(opt, epochs - warmup)), new int[] {warmup});
        System.out.printf(Locale.ROOT, "AdamW lr %.0e, weight decay %.2f; warm-up %d epochs from lr/10, cosine to 0 over %d%n",
                LR, WEIGHT_DECAY, warmup, epochs - warmup);
        FashionSample.Loaders data = FashionSample.load(args, batchSize);
        Trainer trainer = FashionSample.checkpointed(Trainer.of(net, new CrossEntropyLoss(Reduction.NONE), opt), args, data, g)
                .name("mlp-adamw")
                .chart(args.out.resolve("training.png"))
                .csv(args.out.resolve("history.csv"));
        if (schedule != null) {
            trainer.scheduler(schedule);
        }
        History h = trainer.fit(data.train(), data.test(), epochs);

        History.Epoch last = h.last();
        System.out.println();
        System.out.println("mlp-adamw: " + FashionSample.settings(args, data));
        System.out.printf(Locale.ROOT, "%-36s %10s %10s %10s%n", "", "train loss", "train acc", "test acc");
        System.out.printf(Locale.ROOT, "%-36s %10.3f %10.3f %10.3f%n", "SGD lr 0.1 (the book, mlp-concise)", 0.381, 0.865, 0.828);
        System.out.printf(Locale.ROOT, "%-36s %10.3f %10.3f %10.3f%n", "AdamW + warm-up + cosine (panamax)",
                last.trainLoss(), last.trainAcc(), last.testAcc());
        args.wrote("training.png", "history.csv", "run.ckpt");
        new Result()
                .put("train_loss", last.trainLoss())
                .put("train_acc", last.trainAcc())
                .put("test_acc", last.testAcc())
                .put("epoch_seconds", FashionSample.median(h.epochs().stream().mapToDouble(History.Epoch::seconds).toArray()))
                .put("backend", dev.panamax.kernel.Gemm.backend().name())
                .put("threads", dev.panamax.kernel.Gemm.threads())
                .put("final_lr", opt.paramGroups().get(0).lr())
                .print();
    }
}
