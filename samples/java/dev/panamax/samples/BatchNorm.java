// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.autograd.Autograd;
import dev.panamax.nn.AvgPool2d;
import dev.panamax.nn.BatchNorm1d;
import dev.panamax.nn.BatchNorm2d;
import dev.panamax.nn.Conv2d;
import dev.panamax.nn.CrossEntropyLoss;
import dev.panamax.nn.Flatten;
import dev.panamax.nn.Linear;
import dev.panamax.nn.Module;
import dev.panamax.nn.Reduction;
import dev.panamax.nn.Sequential;
import dev.panamax.nn.Sigmoid;
import dev.panamax.optim.SGD;
import dev.panamax.train.History;
import dev.panamax.train.Trainer;
import java.util.Arrays;

/**
 * Sample: batch-norm — d2l 7.5: batch normalization from scratch (the book's batch_norm function
 * and BatchNorm layer) and concise ({@code BatchNorm2d}, {@code BatchNorm1d}), each in LeNet after
 * every convolution and hidden linear layer, trained with SGD lr 1.0; then the learned scale gamma
 * and shift beta of the first batch-norm layer.
 */
public final class BatchNorm {
    static final SampleArgs.Usage USAGE = new SampleArgs.Usage("batch-norm",
            "d2l 7.5: batch normalization from scratch and concise in LeNet on Fashion-MNIST",
            10, "training epochs of each of the two nets", "seed threads backend out limit data");

    /**
     * The book prints no figures for this section that could be checked here; these are PyTorch
     * 1.13's with the book's code and settings ({@code /usr/bin/python3 verify/lenet_torch.py
     * batch-norm-scratch} and {@code batch-norm-concise}, 10 epochs, seed 0): loss, train acc, test
     * acc after the last epoch.
     */
    static final double[] TORCH_SCRATCH = {0.269, 0.901, 0.878}, TORCH_CONCISE = {0.269, 0.901, 0.878};
    static final String TORCH = "PyTorch 1.13 (verify/)";

    /**
     * 7.5.3: normalises x with the batch's statistics in training (and moves the running averages
     * toward them: moving = momentum * moving + (1 - momentum) * batch, with the biased variance, as
     * the book does), with the running averages otherwise. Returns {y, moving mean, moving var}.
     */
    static Tensor[] batchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor movingMean, Tensor movingVar, double eps,
                              double momentum, boolean training) {
        Tensor xHat;
        if (!training) {
            xHat = x.sub(movingMean).div(movingVar.add(eps).sqrt());
        } else {
            if (x.dim() != 2 && x.dim() != 4) {
                throw new IllegalArgumentException("batchNorm: expected a [N, C] or [N, C, H, W] input, got " + Arrays.toString(x.shape()));
            }
            int[] dims = x.dim() == 2 ? new int[] {0} : new int[] {0, 2, 3};
            Tensor mean = x.mean(dims, true);
            Tensor var = x.sub(mean).pow(2).mean(dims, true);
            xHat = x.sub(mean).div(var.add(eps).sqrt());
            movingMean = movingMean.mul(momentum).add(mean.detach().mul(1.0 - momentum));
            movingVar = movingVar.mul(momentum).add(var.detach().mul(1.0 - momentum));
        }
        return new Tensor[] {gamma.mul(xHat).add(beta), movingMean, movingVar};
    }

    /** 7.5.3: the book's BatchNorm layer: gamma (ones) and beta (zeros) learned, the moving averages kept as buffers. */
    static final class Scratch extends Module {
        final Tensor gamma, beta, movingMean, movingVar;

        /** numDims 2 after a linear layer, 4 after a convolution. */
        Scratch(int numFeatures, int numDims) {
            int[] shape = numDims == 2 ? new int[] {1, numFeatures} : new int[] {1, numFeatures, 1, 1};
            gamma = registerParameter("gamma", Tensor.ones(shape));
            beta = registerParameter("beta", Tensor.zeros(shape));
            movingMean = registerBuffer("moving_mean", Tensor.zeros(shape));
            movingVar = registerBuffer("moving_var", Tensor.ones(shape));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor[] r = batchNorm(x, gamma, beta, movingMean, movingVar, 1e-5, 0.9, isTraining());
            try (var _ = Autograd.noGrad()) { // the book rebinds its buffers; these keep their place in the state dict
                movingMean.copy_(r[1]);
                movingVar.copy_(r[2]);
            }
            return r[0];
        }
    }

    /** 7.5.4: LeNet with a batch-norm layer before each sigmoid; bn2(c) after a convolution, bn1(c) after a linear layer. */
    static Sequential lenet(Generator g, java.util.function.IntFunction<Module> bn2, java.util.function.IntFunction<Module> bn1) {
        return new Sequential(
                Lenet.conv2d(1, 6, 5, g), bn2.apply(6), new Sigmoid(), new AvgPool2d(2, 2),
                Lenet.conv2d(6, 16, 5, g), bn2.apply(16), new Sigmoid(), new AvgPool2d(2, 2),
                new Flatten(),
                new Linear(16 * 4 * 4, 120, true, DType.F32, g), bn1.apply(120), new Sigmoid(),
                new Linear(120, 84, true, DType.F32, g), bn1.apply(84), new Sigmoid(),
                new Linear(84, 10, true, DType.F32, g));
    }

    public static void main(String[] argv) throws Exception {
        SampleArgs args = SampleArgs.parse(USAGE, argv);
        Generator g = new Generator(args.seed);
        double lr = 1.0;
        int numEpochs = args.epochs, batchSize = 256;
        FashionSample.Loaders data = FashionSample.load(args, batchSize);
        CrossEntropyLoss loss = new CrossEntropyLoss(Reduction.NONE);

        // 7.5.4 From scratch
        Sequential scratch = lenet(g, c -> new Scratch(c, 4), c -> new Scratch(c, 2));
        Lenet.xavier(scratch, g);
        History hs = Trainer.of(scratch, loss, new SGD(scratch.parameters(), lr))
                .name("batch-norm-scratch")
                .chart(args.out.resolve("scratch.png"))
                .csv(args.out.resolve("scratch.csv"))
                .fit(data.train(), data.test(), numEpochs);
        Result rs = FashionSample.report(args, data, "batch norm from scratch", hs, TORCH, TORCH_SCRATCH[0], TORCH_SCRATCH[1], TORCH_SCRATCH[2]);
        Scratch first = (Scratch) scratch.get(1);
        double[] gamma = first.gamma.detach().reshape(-1).toDoubleArray(), beta = first.beta.detach().reshape(-1).toDoubleArray();
        System.out.println("the first batch-norm layer's gamma: " + first.gamma.detach().reshape(-1));
        System.out.println("                             beta:  " + first.beta.detach().reshape(-1));
        System.out.println("PyTorch 1.13's (verify/, seed 0): gamma [3.86, 0.73, 2.43, 2.38, 3.90, 3.12], beta [-1.31, -1.35, -1.77, -0.95, 2.45, 3.47]:"
                + " a scale well above 1 and shifts of either sign, as here; which channel gets which is the seed's");

        // 7.5.5 Concise
        Sequential concise = lenet(g, BatchNorm2d::new, BatchNorm1d::new);
        Lenet.xavier(concise, g);
        History hc = Trainer.of(concise, loss, new SGD(concise.parameters(), lr))
                .name("batch-norm-concise")
                .chart(args.out.resolve("concise.png"))
                .csv(args.out.resolve("concise.csv"))
                .fit(data.train(), data.test(), numEpochs);
        Result rc = FashionSample.report(args, data, "batch norm concise", hc, TORCH, TORCH_CONCISE[0], TORCH_CONCISE[1], TORCH_CONCISE[2]);
        BatchNorm2d bn = (BatchNorm2d) concise.get(1);
        System.out.println("the first BatchNorm2d's weight (gamma): " + bn.weight().detach());
        System.out.println("                       bias (beta):     " + bn.bias().detach());

        args.wrote("scratch.png", "scratch.csv", "concise.png", "concise.csv");
        Result r = new Result();
        rs.values().forEach((k, v) -> r.put(k.equals("backend") || k.equals("threads") ? k : "scratch_" + k, v));
        rc.values().forEach((k, v) -> r.put(k.equals("backend") || k.equals("threads") ? k : "concise_" + k, v));
        r.put("scratch_gamma", gamma).put("scratch_beta", beta)
                .put("concise_gamma", bn.weight().detach().toDoubleArray()).put("concise_beta", bn.bias().detach().toDoubleArray())
                .print();
    }
}
