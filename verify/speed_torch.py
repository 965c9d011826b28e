#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""PyTorch's side of the speed check on Fashion-MNIST, batch 256: mlp-concise (784-256-10, N(0, 0.01)
init, CE, SGD lr 0.1) or d2l's LeNet (6.6: sigmoid, average pooling, xavier-uniform weights, SGD
lr 0.9); prints one JSON line with the median train-loop seconds per epoch.

    /usr/bin/python3 verify/speed_torch.py THREADS EPOCHS [mlp|lenet]
"""
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fmnist  # noqa: E402

threads, epochs = int(sys.argv[1]), int(sys.argv[2])
model = sys.argv[3] if len(sys.argv) > 3 else "mlp"
if model not in ("mlp", "lenet"):
    raise SystemExit(f"speed_torch.py: MODEL '{model}': expected mlp or lenet")
torch.set_num_threads(threads)
torch.manual_seed(0)
images, labels = fmnist.load("train")
x_all = torch.tensor(images)
y_all = torch.tensor(labels)
if model == "mlp":
    net = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    for m in net:
        if isinstance(m, torch.nn.Linear):
            torch.nn.init.normal_(m.weight, std=0.01)
    lr = 0.1
else:
    x_all = x_all.reshape(-1, 1, 28, 28)
    net = torch.nn.Sequential(
        torch.nn.Conv2d(1, 6, kernel_size=5, padding=2), torch.nn.Sigmoid(), torch.nn.AvgPool2d(kernel_size=2, stride=2),
        torch.nn.Conv2d(6, 16, kernel_size=5), torch.nn.Sigmoid(), torch.nn.AvgPool2d(kernel_size=2, stride=2),
        torch.nn.Flatten(), torch.nn.Linear(16 * 5 * 5, 120), torch.nn.Sigmoid(),
        torch.nn.Linear(120, 84), torch.nn.Sigmoid(), torch.nn.Linear(84, 10))
    for m in net:
        if isinstance(m, (torch.nn.Linear, torch.nn.Conv2d)):
            torch.nn.init.xavier_uniform_(m.weight)
    lr = 0.9
loss_fn = torch.nn.CrossEntropyLoss(reduction="none")
opt = torch.optim.SGD(net.parameters(), lr=lr)
times, last = [], 0.0
for epoch in range(epochs):
    perm = torch.randperm(len(x_all))
    start = time.perf_counter()
    total, n = 0.0, 0
    for b in range(0, len(x_all), 256):
        idx = perm[b:b + 256]
        x, y = x_all[idx], y_all[idx]
        loss = loss_fn(net(x), y)
        opt.zero_grad()
        loss.mean().backward()
        opt.step()
        total += float(loss.sum())
        n += len(y)
    times.append(time.perf_counter() - start)
    last = total / n
print(json.dumps({"framework": "pytorch " + torch.__version__, "model": model, "threads": threads,
                  "epoch_seconds": statistics.median(times), "train_loss": last}))
