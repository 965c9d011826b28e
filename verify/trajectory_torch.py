#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""PyTorch's side of the trajectory check: writes the initial weights, the batch order and its
per-step losses for 50 SGD steps of the 784-256-10 MLP on the first 12,800 training images.

    /usr/bin/python3 verify/trajectory_torch.py OUT_DIR
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fmnist  # noqa: E402
import safetensors_io  # noqa: E402

STEPS, BATCH, N, LR = 50, 256, 12800, 0.1

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
torch.set_num_threads(1)
images, labels = fmnist.load("train")
x_all = images[:N].reshape(N, 784)
y_all = labels[:N]
g = torch.Generator().manual_seed(0)
w1 = torch.randn(256, 784, generator=g, dtype=torch.float64) * 0.01
w2 = torch.randn(10, 256, generator=g, dtype=torch.float64) * 0.01
order = np.concatenate([torch.randperm(N, generator=g).numpy() for _ in range((STEPS * BATCH + N - 1) // N)])[:STEPS * BATCH]
tensors = {"w1": w1.numpy(), "b1": np.zeros(256), "w2": w2.numpy(), "b2": np.zeros(10), "order": order.astype(np.float64)}
for tag, dt in (("f32", torch.float32), ("f64", torch.float64)):
    net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)).to(dt)
    with torch.no_grad():
        net[0].weight.copy_(w1)
        net[0].bias.zero_()
        net[2].weight.copy_(w2)
        net[2].bias.zero_()
    opt = torch.optim.SGD(net.parameters(), lr=LR)
    losses = []
    for s in range(STEPS):
        idx = order[s * BATCH:(s + 1) * BATCH]
        x = torch.tensor(x_all[idx], dtype=dt)
        y = torch.tensor(y_all[idx])
        loss = torch.nn.functional.cross_entropy(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    tensors[f"{tag}.losses"] = np.array(losses)
safetensors_io.save(os.path.join(out, "trajectory.safetensors"), tensors, {"torch": torch.__version__})
print("wrote", os.path.join(out, "trajectory.safetensors"))
