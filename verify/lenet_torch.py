#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The book's chapter 6 and 7.5 trainings in PyTorch (Debian python3-torch), as d2l's train_ch6 runs
them: xavier-uniform weights on every Conv2d and Linear, SGD, cross-entropy, batch 256, the training
loss and accuracy of each epoch and the test accuracy after it. The figures panamax's samples are
measured against where the book prints none, and the whole-process time they are timed against.

    /usr/bin/python3 verify/lenet_torch.py MODEL [EPOCHS [THREADS]]

MODEL: lenet (6.6, lr 0.9), batch-norm-scratch (7.5, the book's own BatchNorm layer, lr 1.0) or
batch-norm-concise (7.5, nn.BatchNorm2d / nn.BatchNorm1d, lr 1.0); EPOCHS defaults to the book's
10, THREADS to 1. Prints one line per epoch, then one JSON line with the last epoch's figures, the
median train-loop seconds per epoch, and the seconds from the start of the process.
"""
import json
import os
import statistics
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fmnist  # noqa: E402


def batch_norm(x, gamma, beta, moving_mean, moving_var, eps, momentum):
    """7.5.2: the book's batch norm; the moving averages use the biased variance, as the book's do."""
    if not torch.is_grad_enabled():
        x_hat = (x - moving_mean) / torch.sqrt(moving_var + eps)
    else:
        if x.dim() == 2:
            mean = x.mean(dim=0)
            var = ((x - mean) ** 2).mean(dim=0)
        else:
            mean = x.mean(dim=(0, 2, 3), keepdim=True)
            var = ((x - mean) ** 2).mean(dim=(0, 2, 3), keepdim=True)
        x_hat = (x - mean) / torch.sqrt(var + eps)
        moving_mean = momentum * moving_mean + (1.0 - momentum) * mean
        moving_var = momentum * moving_var + (1.0 - momentum) * var
    return gamma * x_hat + beta, moving_mean.data, moving_var.data


class BatchNorm(nn.Module):
    def __init__(self, num_features, num_dims):
        super().__init__()
        shape = (1, num_features) if num_dims == 2 else (1, num_features, 1, 1)
        self.gamma = nn.Parameter(torch.ones(shape))
        self.beta = nn.Parameter(torch.zeros(shape))
        self.register_buffer("moving_mean", torch.zeros(shape))
        self.register_buffer("moving_var", torch.ones(shape))

    def forward(self, x):
        y, self.moving_mean, self.moving_var = batch_norm(x, self.gamma, self.beta, self.moving_mean, self.moving_var,
                                                          eps=1e-5, momentum=0.9)
        return y


def model(name):
    if name == "lenet":
        return nn.Sequential(
            nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(), nn.Linear(120, 84), nn.Sigmoid(), nn.Linear(84, 10)), 0.9
    scratch = name == "batch-norm-scratch"
    bn2 = (lambda c: BatchNorm(c, 4)) if scratch else nn.BatchNorm2d
    bn1 = (lambda c: BatchNorm(c, 2)) if scratch else nn.BatchNorm1d
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5), bn2(6), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Conv2d(6, 16, kernel_size=5), bn2(16), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Flatten(), nn.Linear(16 * 4 * 4, 120), bn1(120), nn.Sigmoid(),
        nn.Linear(120, 84), bn1(84), nn.Sigmoid(), nn.Linear(84, 10)), 1.0


def main():
    started = time.perf_counter()
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    if name not in ("lenet", "batch-norm-scratch", "batch-norm-concise"):
        raise SystemExit(f"lenet_torch.py: MODEL '{name}': expected lenet, batch-norm-scratch or batch-norm-concise")
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    images, labels = fmnist.load("train")
    x_train, y_train = torch.tensor(images).reshape(-1, 1, 28, 28), torch.tensor(labels)
    images, labels = fmnist.load("t10k")
    x_test, y_test = torch.tensor(images).reshape(-1, 1, 28, 28), torch.tensor(labels)
    net, lr = model(name)
    for m in net:
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(m.weight)
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    seconds = []
    for epoch in range(epochs):
        net.train()
        perm = torch.randperm(len(x_train))
        start = time.perf_counter()
        total, correct, n = 0.0, 0, 0
        for b in range(0, len(x_train), 256):
            idx = perm[b:b + 256]
            x, y = x_train[idx], y_train[idx]
            y_hat = net(x)
            loss = loss_fn(y_hat, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            with torch.no_grad():
                total += float(loss) * len(y)
                correct += int((y_hat.argmax(1) == y).sum())
                n += len(y)
        seconds.append(time.perf_counter() - start)
        net.eval()
        with torch.no_grad():
            test_correct = sum(int((net(x_test[b:b + 256]).argmax(1) == y_test[b:b + 256]).sum())
                               for b in range(0, len(x_test), 256))
        train_loss, train_acc, test_acc = total / n, correct / n, test_correct / len(x_test)
        print(f"epoch {epoch + 1}: loss {train_loss:.3f}, train acc {train_acc:.3f}, test acc {test_acc:.3f}, "
              f"{seconds[-1]:.2f} s", flush=True)
    result = {"framework": "pytorch " + torch.__version__, "model": name, "threads": threads, "epochs": epochs,
              "train_loss": train_loss, "train_acc": train_acc, "test_acc": test_acc,
              "epoch_seconds": statistics.median(seconds), "examples_per_second": len(x_train) / statistics.median(seconds),
              "process_seconds": time.perf_counter() - started}
    if name != "lenet":
        bn = net[1]
        gamma, beta = (bn.gamma, bn.beta) if name == "batch-norm-scratch" else (bn.weight, bn.bias)
        result["gamma"] = [round(float(v), 4) for v in gamma.reshape(-1)]
        result["beta"] = [round(float(v), 4) for v in beta.reshape(-1)]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
