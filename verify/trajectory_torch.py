#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""PyTorch's side of the trajectory check: writes the initial weights, the batch order and its
per-step losses for 50 SGD steps of the 784-256-10 MLP (lr 0.1) and of d2l's LeNet (6.6: sigmoid,
average pooling, xavier-uniform weights, lr 0.9) on the first 12,800 training images.

    /usr/bin/python3 verify/trajectory_torch.py OUT_DIR
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fmnist  # noqa: E402
import safetensors_io  # noqa: E402

STEPS, BATCH, N, LR, LENET_LR = 50, 256, 12800, 0.1, 0.9

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

# LeNet: its own weights and batch order (keys lenet.*), float32 and float64 from the same float32 start.
def lenet(dt):
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 6, kernel_size=5, padding=2), torch.nn.Sigmoid(),
        torch.nn.AvgPool2d(kernel_size=2, stride=2),
        torch.nn.Conv2d(6, 16, kernel_size=5), torch.nn.Sigmoid(),
        torch.nn.AvgPool2d(kernel_size=2, stride=2),
        torch.nn.Flatten(),
        torch.nn.Linear(16 * 5 * 5, 120), torch.nn.Sigmoid(),
        torch.nn.Linear(120, 84), torch.nn.Sigmoid(),
        torch.nn.Linear(84, 10)).to(dt)


torch.manual_seed(1)
start = lenet(torch.float32)
for m in start:
    if isinstance(m, (torch.nn.Linear, torch.nn.Conv2d)):
        torch.nn.init.xavier_uniform_(m.weight)
LENET_NAMES = [f"{i}.{p}" for i, m in enumerate(start) if isinstance(m, (torch.nn.Linear, torch.nn.Conv2d)) for p in ("weight", "bias")]
state = {k: v.detach().clone() for k, v in start.state_dict().items()}
for k in LENET_NAMES:
    tensors[f"lenet.{k}"] = state[k].double().numpy()
lorder = np.concatenate([torch.randperm(N, generator=g).numpy() for _ in range((STEPS * BATCH + N - 1) // N)])[:STEPS * BATCH]
tensors["lenet.order"] = lorder.astype(np.float64)
x_img = images[:N].reshape(N, 1, 28, 28)
for tag, dt in (("f32", torch.float32), ("f64", torch.float64)):
    net = lenet(dt)
    net.load_state_dict({k: v.to(dt) for k, v in state.items()})
    opt = torch.optim.SGD(net.parameters(), lr=LENET_LR)
    losses = []
    for s in range(STEPS):
        idx = lorder[s * BATCH:(s + 1) * BATCH]
        loss = torch.nn.functional.cross_entropy(net(torch.tensor(x_img[idx], dtype=dt)), torch.tensor(y_all[idx]))
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    tensors[f"lenet.{tag}.losses"] = np.array(losses)
safetensors_io.save(os.path.join(out, "trajectory.safetensors"), tensors, {"torch": torch.__version__})
print("wrote", os.path.join(out, "trajectory.safetensors"))
