#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the golden files that panamax's GoldenTest compares against, from Debian's python3-torch.

    /usr/bin/python3 verify/golden.py        # rewrites verify/golden/*.safetensors

ops.safetensors: for each op of the Java OpInfo sweep, float64 inputs (NAME.in0, NAME.in1, ...;
dims and keepdim flags as 1-element tensors), the output (NAME.out), an upstream gradient
(NAME.gout) and the input gradients (NAME.grad0, ...); then values on and near kinks, and float32
inputs with large offsets (NAME~I.in0, ..., NAME~I.out, NAME~I.grad0, ... for an upstream of ones).
mlp.safetensors: the chapter's 784-256-10 MLP on a fixed batch: forward, loss, backward and one SGD
step with weight decay on the weights' group only, in float64 and float32; cross-entropy on extreme
logits; dropout with a given mask.
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")
rng = np.random.default_rng(20261126)
D = torch.float64


def u(shape, lo=-2.0, hi=2.0):
    return rng.uniform(lo, hi, size=shape)


def distinct(shape):
    n = int(np.prod(shape))
    return ((rng.permutation(n) - n / 2) * 0.05 + 0.01 * rng.uniform(size=n)).reshape(shape)


def away(shape, kinks):
    x = u(shape)
    for k in kinks:
        close = np.abs(x - k) < 0.05
        x[close] = k + np.where(x[close] < k, -0.1, 0.1)
    return x


def dk(dim, keep):
    return [np.array([float(dim)]), np.array([float(keep)])]


# name -> (inputs as numpy arrays, function of torch tensors, differentiable)
OPS = {
    "add": ([u((3, 4)), u((4,))], lambda a, b: a + b, True),
    "sub": ([u((2, 1, 3)), u((4, 1))], lambda a, b: a - b, True),
    "mul": ([u((5, 3)), u((5, 1))], lambda a, b: a * b, True),
    "div": ([u((3, 4)), u((4,), 0.5, 2)], lambda a, b: a / b, True),
    "pow": ([u((3, 4), 0.5, 2), u((3, 4))], lambda a, b: a ** b, True),
    "maximum": ([u((4, 5)), u((4, 5)) + 3.0], lambda a, b: torch.maximum(a, b), True),
    "neg": ([u((3, 2))], lambda x: -x, True),
    "add_scalar": ([u((3, 2))], lambda x: x + 2.5, True),
    "mul_scalar": ([u((3, 2))], lambda x: x * -1.5, True),
    "div_scalar": ([u((3, 2))], lambda x: x / 4, True),
    "pow_scalar": ([u((3, 2))], lambda x: x ** 3, True),
    "pow_half": ([u((3, 2), 0.2, 3)], lambda x: x ** 0.5, True),
    "exp": ([u((2, 3, 4))], torch.exp, True),
    "log": ([u((2, 3), 0.1, 5)], torch.log, True),
    "sqrt": ([u((2, 3), 0.1, 5)], torch.sqrt, True),
    "abs": ([away((3, 3), [0])], torch.abs, True),
    "relu": ([away((4, 3), [0])], torch.relu, True),
    "sigmoid": ([u((3, 5), -6, 6)], torch.sigmoid, True),
    "tanh": ([u((3, 5))], torch.tanh, True),
    "clamp": ([away((4, 4), [-1.1, 1.1])], lambda x: torch.clamp(x, -1.1, 1.1), True),
    "clamp_min_above_max": ([u((3, 4))], lambda x: torch.clamp(x, 1, 0.5), True),
    "gt": ([u((3, 4)), u((4,))], lambda a, b: (a > b).double(), False),
    "lt": ([u((3, 4)), u((4,))], lambda a, b: (a < b).double(), False),
    "eq": ([np.rint(u((3, 4))), np.rint(u((3, 4)))], lambda a, b: (a == b).double(), False),
    "sum": ([u((3, 4, 2))], lambda x: x.sum(), True),
    "sum_dim": ([u((3, 4, 2))] + dk(1, 1), lambda x, d, k: x.sum(int(d), keepdim=bool(k)), True),
    "sum_dims_empty": ([u((3, 4)), np.array([1.0])], lambda x, k: x.sum(dim=[], keepdim=bool(k)), True),
    "mean": ([u((3, 4))], lambda x: x.mean(), True),
    "mean_dims_empty": ([u((3, 4)), np.array([0.0])], lambda x, k: x.mean(dim=[], keepdim=bool(k)), True),
    "mean_dim": ([u((3, 4, 2))] + dk(-1, 0), lambda x, d, k: x.mean(int(d), keepdim=bool(k)), True),
    "max_dim": ([distinct((3, 5))] + dk(1, 0), lambda x, d, k: x.max(int(d), keepdim=bool(k)).values, True),
    "max": ([distinct((4, 3))], lambda x: x.max(), True),
    "argmax": ([distinct((3, 5))] + dk(0, 1), lambda x, d, k: x.argmax(int(d), keepdim=bool(k)).double(), False),
    "logSumExp": ([u((3, 5))] + dk(1, 0), lambda x, d, k: torch.logsumexp(x, int(d), keepdim=bool(k)), True),
    "softmax": ([u((4, 6))] + dk(-1, 0), lambda x, d, k: torch.softmax(x, int(d)), True),
    "logSoftmax": ([u((4, 6))] + dk(0, 0), lambda x, d, k: torch.log_softmax(x, int(d)), True),
    "norm": ([u((3, 4))], lambda x: x.norm(), True),
    "reshape": ([u((3, 4))], lambda x: x.reshape(-1), True),
    "flatten": ([u((2, 3, 2))], lambda x: x.flatten(), True),
    "unsqueeze": ([u((3, 2))], lambda x: x.unsqueeze(0), True),
    "squeeze": ([u((1, 4, 1))], lambda x: x.squeeze(), True),
    "transpose": ([u((2, 3, 4))], lambda x: x.transpose(0, 2).contiguous(), True),
    "t": ([u((3, 5))], lambda x: x.t().contiguous(), True),
    "permute": ([u((2, 3, 4))], lambda x: x.permute(1, 2, 0).contiguous(), True),
    "slice": ([u((3, 6))], lambda x: x[:, 1:-1], True),
    "narrow": ([u((3, 5))], lambda x: x.narrow(-1, -2, 2), True),
    "rows": ([u((4, 3))], lambda x: x[[1, 0, -1]], True),
    "cat": ([u((2, 3)), u((2, 2))], lambda a, b: torch.cat([a, b, a], 1), True),
    "stack": ([u((2, 3)), u((2, 3))], lambda a, b: torch.stack([a, b], 0), True),
    "matmul": ([u((5, 7)), u((7, 3))], torch.matmul, True),
    "matmul_vec": ([u((7,)), u((7, 3))], torch.matmul, True),
    "matmul_batched": ([u((2, 3, 4)), u((2, 4, 5))], torch.matmul, True),
    "matmul_dot": ([u((5,)), u((5,))], torch.matmul, True),
    "matmul_mat_vec": ([u((4, 5)), u((5,))], torch.matmul, True),
    "matmul_batch_mat": ([u((2, 3, 4, 5)), u((5, 3))], torch.matmul, True),
    "matmul_broadcast": ([u((2, 1, 3, 4)), u((3, 4, 2))], torch.matmul, True),
    "matmul_vec_batch": ([u((4,)), u((2, 4, 3))], torch.matmul, True),
    "clone": ([u((3, 3))], lambda x: x.clone(), True),
}


F32 = np.float32
NEXT_UP, NEXT_DOWN = np.nextafter(1.0, 2.0), np.nextafter(1.0, 0.0)
TINY, TINY32 = np.nextafter(0.0, 1.0), float(np.nextafter(F32(0), F32(1)))


def around(x, dt=np.float64):
    """x and its two neighbours in dtype dt."""
    v = dt(x)
    return [v, np.nextafter(v, dt(-np.inf)), np.nextafter(v, dt(np.inf))]


# Values on and near kinks, and float32 inputs with large offsets: NAME~i keys, gradient for an upstream
# of ones. The same inputs are the Java sweep's Edges (OpInfo), which also state the gradients.
KINKS = [
    ("pow", [np.array([0, 0, 2, 0, 0.0]), np.array([0, 2, 0, 0.5, 1])]),
    ("pow", [np.array([0, 0, 2, 0], F32), np.array([0, 2, 0, 0.5], F32)]),
    ("pow", [np.array([0, 2.0]), np.array([-1, -1.0])]),
    ("maximum", [np.array([0, 1, NEXT_UP, NEXT_DOWN]), np.array([0, 1, 1, 1.0])]),
    ("pow_scalar", [np.array([0, TINY, -TINY])]),
    ("pow_half", [np.array([0, 4.0])]),
    ("log", [np.array([0, 2.0])]),
    ("sqrt", [np.array([0, 4.0])]),
    ("abs", [np.array([0, TINY, -TINY, -0.0])]),
    ("abs", [np.array([0, TINY32, -TINY32], F32)]),
    ("relu", [np.array([0, TINY, -TINY, -0.0])]),
    ("relu", [np.array([0, TINY32, -TINY32], F32)]),
    ("clamp", [np.array(around(-1.1) + around(1.1))]),
    ("clamp", [np.array(around(-1.1, F32) + around(1.1, F32), F32)]),
    ("clamp_min_above_max", [np.array([-1, 0.5, 1, 2])]),
    ("max", [np.array([1, 3, 3, 2.0])]),
    ("max", [np.array([3, 3, 3, np.nextafter(F32(3), F32(0))], F32)]),
    ("max_dim", [np.array([1, 3, 3, 2.0])] + dk(0, 0)),
    ("norm", [np.zeros(3)]),
    ("norm", [np.zeros(2, F32)]),
    ("norm", [np.array([0, -2, 0.0])]),
    ("logSumExp", [np.array([10000, 10000.5, 9999, 10001.25], F32)] + dk(0, 0)),
    ("softmax", [np.array([10000, 10000.5, 9999, 10001.25], F32)] + dk(0, 0)),
    ("logSoftmax", [np.array([10000, 10000.5, 9999, 10001.25], F32)] + dk(0, 0)),
    ("logSoftmax", [np.array([-30, 0, 20, -1e4], F32)] + dk(0, 0)),
]


OFFSETS = ("logSumExp", "softmax", "logSoftmax")


def kinks(t):
    for i, (name, inputs) in enumerate(KINKS):
        _, fn, _ = OPS[name]
        for j, a in enumerate(inputs):
            t[f"{name}~{i}.in{j}"] = a
        if name in OFFSETS:
            # The float64 result on the same float32 values: what float32 should come close to (torch's own
            # float32 log_softmax is exact here, its logsumexp backward is not).
            t[f"{name}~{i}.out"] = fn(*[torch.tensor(a.astype(np.float64)) for a in inputs]).numpy()
            continue
        xs = [torch.tensor(a, requires_grad=(j == 0 or a.size > 1)) for j, a in enumerate(inputs)]
        out = fn(*xs)
        out.backward(torch.ones_like(out))
        for j, a in enumerate(inputs):
            if xs[j].requires_grad:
                t[f"{name}~{i}.grad{j}"] = xs[j].grad.numpy()
        t[f"{name}~{i}.out"] = out.detach().numpy()


def ops_file():
    t = {}
    for name, (inputs, fn, diff) in OPS.items():
        # dims and keepdim flags (1-element inputs after the first) are constants.
        xs = [torch.tensor(a, dtype=D, requires_grad=diff and (i == 0 or a.size > 1)) for i, a in enumerate(inputs)]
        out = fn(*xs)
        for i, a in enumerate(inputs):
            t[f"{name}.in{i}"] = a
        t[f"{name}.out"] = out.detach().numpy()
        if diff:
            gout = rng.standard_normal(tuple(out.shape))
            out.backward(torch.tensor(gout, dtype=D))
            t[f"{name}.gout"] = gout
            for i, x in enumerate(xs):
                if x.requires_grad:
                    t[f"{name}.grad{i}"] = x.grad.numpy()
    kinks(t)
    safetensors_io.save(os.path.join(OUT, "ops.safetensors"), t, {"torch": torch.__version__})


def pattern(shape, a, b, mod, scale):
    """Deterministic values that Java computes exactly the same: scale * (((i*a + j*b) % mod) - mod//2) / (mod//2)."""
    i, j = np.meshgrid(np.arange(shape[0]), np.arange(shape[1] if len(shape) > 1 else 1), indexing="ij")
    v = scale * (((i * a + j * b) % mod) - mod // 2) / (mod // 2)
    return v.reshape(shape)


def mlp_file():
    """784-256-10 MLP on a fixed batch of 32: forward, CE loss, backward, one SGD step.

    Inputs and weights come from pattern() (Java rebuilds them), so the file holds only results;
    784x256 results are stored at 2,000 sampled positions (SAMPLE) plus their full norm."""
    t = {}
    x = (pattern((32, 784), 7919, 104729, 1000, 1.0) + 1) / 2
    y = np.arange(32) * 7 % 10
    w1 = pattern((256, 784), 31, 17, 201, 0.01)
    b1 = pattern((256,), 13, 0, 51, 0.01)
    w2 = pattern((10, 256), 29, 11, 101, 0.05)
    b2 = pattern((10,), 3, 0, 11, 0.01)
    sample = rng.choice(256 * 784, size=2000, replace=False)
    t["sample"] = sample.astype(np.float64)
    for tag, dt in (("f64", torch.float64), ("f32", torch.float32)):
        net = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)).to(dt)
        with torch.no_grad():
            for p, v in zip(net.parameters(), (w1, b1, w2, b2)):
                p.copy_(torch.tensor(v, dtype=dt))
        logits = net(torch.tensor(x, dtype=dt))
        loss = torch.nn.functional.cross_entropy(logits, torch.tensor(y))
        loss.backward()
        t[f"{tag}.logits"] = logits.detach().double().numpy()
        t[f"{tag}.loss"] = np.array([loss.item()])
        names = ("w1", "b1", "w2", "b2")
        for n, p in zip(names, net.parameters()):
            t[f"{tag}.grad.{n}"] = p.grad.double().numpy()
        weights = [net[1].weight, net[3].weight]
        biases = [net[1].bias, net[3].bias]
        opt = torch.optim.SGD([{"params": weights, "weight_decay": 0.01}, {"params": biases}], lr=0.1)
        opt.step()
        for n, p in zip(names, net.parameters()):
            t[f"{tag}.step.{n}"] = p.detach().double().numpy()
        for key in (f"{tag}.grad.w1", f"{tag}.step.w1"):
            full = t[key]
            t[key + ".norm"] = np.array([np.linalg.norm(full)])
            t[key] = full.reshape(-1)[sample]
    # Cross-entropy on extreme logits, per example and mean.
    logits = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 3.0], [50.0, 50.0, 50.0], [-88.0, 0.0, 88.0]])
    labels = np.array([0, 2, 1, 0])
    lt = torch.tensor(logits, requires_grad=True)
    ce = torch.nn.functional.cross_entropy(lt, torch.tensor(labels), reduction="none")
    gout = rng.standard_normal(4)
    ce.backward(torch.tensor(gout))
    t.update({"ce.logits": logits, "ce.labels": labels.astype(np.float64), "ce.loss": ce.detach().numpy(),
              "ce.gout": gout, "ce.grad": lt.grad.numpy()})
    # Dropout with a given keep mask: out = x * mask / (1 - p).
    p = 0.3
    xd = rng.standard_normal((4, 6))
    mask = (rng.uniform(size=(4, 6)) >= p).astype(np.float64)
    xt = torch.tensor(xd, requires_grad=True)
    out = xt * torch.tensor(mask) / (1 - p)
    gd = rng.standard_normal((4, 6))
    out.backward(torch.tensor(gd))
    t.update({"dropout.x": xd, "dropout.mask": mask, "dropout.p": np.array([p]), "dropout.out": out.detach().numpy(),
              "dropout.gout": gd, "dropout.grad": xt.grad.numpy()})
    safetensors_io.save(os.path.join(OUT, "mlp.safetensors"), t, {"torch": torch.__version__})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    ops_file()
    mlp_file()
    for f in sorted(os.listdir(OUT)):
        print(f, os.path.getsize(os.path.join(OUT, f)), "bytes")
