# SPDX-License-Identifier: Apache-2.0
"""PyTorch's time for LeNet's convolution passes at batch 256 and for LeNet training steps, on one
thread by default: the anchor bench/run-conv prints beside panamax's ConvRate and LeNetEpoch.

usage: /usr/bin/python3 bench/python/lenet_torch.py [--threads 1] [--rounds 9] [--steps 235]
The epoch is timed on random batches of Fashion-MNIST's shape (the train loop only, no loader):
d2l-zh 6.6's LeNet (sigmoid, average pooling), xavier_uniform_, SGD lr 0.9, cross-entropy.
Single-thread times are the process's CPU time (time.thread_time), so a busy neighbour does not count."""
import argparse, statistics, time
import torch
import torch.nn as nn
import torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--rounds", type=int, default=9)
ap.add_argument("--steps", type=int, default=235)
ap.add_argument("--epochs", type=int, default=5)
args = ap.parse_args()
torch.set_num_threads(args.threads)
clock = time.thread_time if args.threads == 1 else time.perf_counter
print(f"# PyTorch {torch.__version__}, {args.threads} thread(s), mkldnn {torch.backends.mkldnn.is_available()}, "
      f"{'thread CPU' if args.threads == 1 else 'wall'} clock, median of {args.rounds} rounds")

def rate(name, macs, fn):
    for _ in range(20):
        fn()
    ms = []
    for _ in range(args.rounds):
        t0 = clock(); n = 0
        while True:
            fn(); n += 1
            if clock() - t0 > 0.3:
                break
        ms.append((clock() - t0) * 1e3 / n)
    m = statistics.median(ms)
    print(f"{name:62s} {m:7.3f} ms {2 * macs / m / 1e6:7.1f} GFLOP/s")
    return m

torch.manual_seed(0)
B = 256
x1 = torch.rand(B, 1, 28, 28); w1 = torch.rand(6, 1, 5, 5); b1 = torch.rand(6)
x2 = torch.rand(B, 6, 14, 14); w2 = torch.rand(16, 6, 5, 5); b2 = torch.rand(16)
gy1 = torch.rand(B, 6, 28, 28); gy2 = torch.rand(B, 16, 10, 10)
m1 = B * 6 * 28 * 28 * 25; m2 = B * 16 * 10 * 10 * 150
cb = torch.ops.aten.convolution_backward
with torch.no_grad():
    t = 0
    t += rate("conv1 forward + bias + sigmoid", m1, lambda: torch.sigmoid(F.conv2d(x1, w1, b1, padding=2)))
    t += rate("conv1 weight + bias gradient", m1, lambda: cb(gy1, x1, w1, [6], [1, 1], [2, 2], [1, 1], False, [0, 0], 1, [False, True, True]))
    t += rate("conv2 forward + bias + sigmoid", m2, lambda: torch.sigmoid(F.conv2d(x2, w2, b2)))
    t += rate("conv2 input gradient", m2, lambda: cb(gy2, x2, w2, [16], [1, 1], [0, 0], [1, 1], False, [0, 0], 1, [True, False, False]))
    t += rate("conv2 weight + bias gradient", m2, lambda: cb(gy2, x2, w2, [16], [1, 1], [0, 0], [1, 1], False, [0, 0], 1, [False, True, True]))
    print(f"conv passes of one training step: {t:.2f} ms; of one epoch (235 steps): {t * 235 / 1000:.2f} s")

net = nn.Sequential(
    nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(), nn.Linear(120, 84), nn.Sigmoid(), nn.Linear(84, 10))
for m in net:
    if type(m) in (nn.Linear, nn.Conv2d):
        nn.init.xavier_uniform_(m.weight)
opt = torch.optim.SGD(net.parameters(), lr=0.9)
loss = nn.CrossEntropyLoss()
X = torch.rand(args.steps, B, 1, 28, 28); Y = torch.randint(0, 10, (args.steps, B))
epochs = []
for e in range(args.epochs):
    t0 = clock()
    for i in range(args.steps):
        opt.zero_grad()
        l = loss(net(X[i]), Y[i])
        l.backward()
        opt.step()
    epochs.append(clock() - t0)
    print(f"epoch {e + 1}: {epochs[-1]:.3f} s ({args.steps} steps of {B})")
print(f"LeNet train-loop epoch, median of {args.epochs}: {statistics.median(epochs):.3f} s")
