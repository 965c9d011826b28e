#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes verify/golden/optim.safetensors, which OptimGoldenTest replays: PyTorch 1.13's optimizers
step by step and its learning-rate schedules, from Debian's python3-torch.

    /usr/bin/python3 verify/optim_golden.py

Optimizers: for each case (an optimizer, its options, float64 or float32), two parameters in two
groups (the second group may override options), STEPS given gradients each (random, with exact
zeros, tiny values and whole zero steps), and the parameters after every step:
CASE.p{0,1}.init, CASE.p{0,1}.grads [STEPS, n], CASE.p{0,1}.traj [STEPS, n]. The metadata maps
CASE to its options as "opt=Adam;lr=0.01;betas=0.9,0.99;g1.lr=0.05", PyTorch's option names.
Schedules: SCHED.lr [epochs + 1, 2] holds get_last_lr() after construction and after each step
(two groups, initial lrs 0.1 and 0.03); OneCycleLR also SCHED.momentum; ReduceLROnPlateau takes the
metrics in SCHED.metric. The metadata maps SCHED to its settings.
clip_grad_norm_: clip.K.{f64,f32}.g{0,1,2} the gradients, .total the norm returned, .after{0,1,2}
the gradients after; the metadata gives norm_type and max_norm.
"""
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "optim.safetensors")
STEPS = 24
rng = np.random.default_rng(20261207)
tensors, meta = {}, {}

OPTIMIZERS = {
    "SGD": [
        "lr=0.1",
        "lr=0.1;momentum=0.9",
        "lr=0.05;momentum=0.9;dampening=0.5",
        "lr=0.05;momentum=0.9;nesterov=true",
        "lr=0.05;momentum=0.8;weight_decay=0.01;maximize=true",
        "lr=0.1;weight_decay=0.1;g1.lr=0.02;g1.momentum=0.5",
    ],
    "Adam": [
        "lr=0.01",
        "lr=0.01;amsgrad=true",
        "lr=0.02;weight_decay=0.1",
        "lr=0.01;maximize=true",
        "lr=0.05;betas=0.8,0.99;eps=0.001",
        "lr=0.01;amsgrad=true;weight_decay=0.05;maximize=true;g1.lr=0.1;g1.betas=0.5,0.9",
    ],
    "AdamW": [
        "lr=0.01",
        "lr=0.01;amsgrad=true",
        "lr=0.02;weight_decay=0.5;maximize=true;g1.weight_decay=0.0",
    ],
    "RMSprop": [
        "lr=0.01",
        "lr=0.01;centered=true",
        "lr=0.01;momentum=0.9",
        "lr=0.005;centered=true;momentum=0.5;weight_decay=0.1",
        "lr=0.01;alpha=0.9;eps=0.001;maximize=true;g1.lr=0.001",
    ],
    "Adagrad": [
        "lr=0.1",
        "lr=0.1;lr_decay=0.1",
        "lr=0.1;weight_decay=0.1",
        "lr=0.05;initial_accumulator_value=0.5;eps=1e-05;maximize=true;g1.lr_decay=0.01",
    ],
}


def parse(v):
    if v in ("true", "false"):
        return v == "true"
    if "," in v:
        return tuple(float(x) for x in v.split(","))
    return float(v)


def grads(shape, dt):
    """STEPS gradients: random, some exact zeros and tiny values, and two steps of zeros only."""
    g = rng.normal(0, 1, size=(STEPS,) + shape) * rng.choice([0.01, 1.0, 10.0], size=(STEPS,) + (1,) * len(shape))
    flat = g.reshape(STEPS, -1)
    flat[:, 0] = 0.0
    flat[::3, 1 % flat.shape[1]] = 1e-30
    flat[1::4, -1] = 1e-12
    flat[5] = 0.0
    flat[6] = 0.0
    return flat.reshape(g.shape).astype(dt)


def run_case(name, opt, spec, dt):
    g0, g1 = {}, {}
    for item in spec.split(";"):
        k, v = item.split("=")
        (g1 if k.startswith("g1.") else g0)[k.replace("g1.", "")] = parse(v)
    shapes = [(5,), (2, 3)]
    init = [rng.uniform(-1, 1, size=s).astype(dt) for s in shapes]
    gs = [grads(s, dt) for s in shapes]
    params = [torch.tensor(a.copy(), requires_grad=True) for a in init]
    cls = getattr(torch.optim, opt)
    o = cls([{"params": [params[0]]}, dict(params=[params[1]], **g1)], foreach=False, **g0)
    traj = [[], []]
    for t in range(STEPS):
        for i, p in enumerate(params):
            p.grad = torch.tensor(gs[i][t].copy())
        o.step()
        for i, p in enumerate(params):
            traj[i].append(p.detach().numpy().copy())
    for i in range(2):
        tensors[f"{name}.p{i}.init"] = init[i]
        tensors[f"{name}.p{i}.grads"] = gs[i]
        tensors[f"{name}.p{i}.traj"] = np.stack(traj[i])
    meta[name] = f"opt={opt};" + spec


for opt, specs in OPTIMIZERS.items():
    for k, spec in enumerate(specs):
        for dt, tag in ((np.float64, "f64"), (np.float32, "f32")):
            run_case(f"{opt}.{k}.{tag}", opt, spec, dt)

S = torch.optim.lr_scheduler


def sched_optimizer(kind="SGD"):
    ps = [torch.zeros(1, requires_grad=True), torch.zeros(1, requires_grad=True)]
    groups = [{"params": [ps[0]]}, {"params": [ps[1]], "lr": 0.03}]
    if kind == "Adam":
        return torch.optim.Adam(groups, lr=0.1)
    return torch.optim.SGD(groups, lr=0.1, momentum=0.9)


def record(name, settings, make, epochs, metrics=None, momentum=False):
    o = sched_optimizer("Adam" if "Adam" in settings else "SGD")
    s = make(o)
    lrs, moms = [list(s.get_last_lr() if hasattr(s, "get_last_lr") else [g["lr"] for g in o.param_groups])], []

    def mom():
        return [g["betas"][0] if "betas" in g else g["momentum"] for g in o.param_groups]
    moms.append(mom())
    for e in range(epochs):
        o.step()
        if metrics is not None:
            s.step(float(metrics[e]))
            lrs.append([g["lr"] for g in o.param_groups])
        else:
            s.step()
            lrs.append(list(s.get_last_lr()))
        moms.append(mom())
    tensors[f"{name}.lr"] = np.array(lrs, dtype=np.float64)
    if momentum:
        tensors[f"{name}.momentum"] = np.array(moms, dtype=np.float64)
    if metrics is not None:
        tensors[f"{name}.metric"] = np.array(metrics, dtype=np.float64)
    meta[name] = settings


record("StepLR.0", "StepLR;step_size=3;gamma=0.5", lambda o: S.StepLR(o, 3, 0.5), 20)
record("StepLR.1", "StepLR;step_size=1;gamma=0.9", lambda o: S.StepLR(o, 1, 0.9), 30)
record("MultiStepLR.0", "MultiStepLR;milestones=2,5,9;gamma=0.1", lambda o: S.MultiStepLR(o, [2, 5, 9], 0.1), 15)
record("ExponentialLR.0", "ExponentialLR;gamma=0.95", lambda o: S.ExponentialLR(o, 0.95), 40)
record("CosineAnnealingLR.0", "CosineAnnealingLR;T_max=10;eta_min=0.0", lambda o: S.CosineAnnealingLR(o, 10), 35)
record("CosineAnnealingLR.1", "CosineAnnealingLR;T_max=7;eta_min=0.001", lambda o: S.CosineAnnealingLR(o, 7, 0.001), 30)
record("LinearLR.0", "LinearLR;start_factor=0.3333333333333333;end_factor=1.0;total_iters=5", lambda o: S.LinearLR(o), 10)
record("LinearLR.1", "LinearLR;start_factor=0.01;end_factor=0.5;total_iters=8", lambda o: S.LinearLR(o, 0.01, 0.5, 8), 12)
record("OneCycleLR.0", "OneCycleLR;max_lr=1.0;total_steps=30", lambda o: S.OneCycleLR(o, 1.0, total_steps=30), 29, momentum=True)
record("OneCycleLR.1", "OneCycleLR;max_lr=0.5;total_steps=25;pct_start=0.2;anneal_strategy=linear;three_phase=true;Adam",
       lambda o: S.OneCycleLR(o, 0.5, total_steps=25, pct_start=0.2, anneal_strategy="linear", three_phase=True), 24,
       momentum=True)
record("OneCycleLR.2", "OneCycleLR;max_lr=0.2;total_steps=20;cycle_momentum=false;div_factor=10.0;final_div_factor=100.0",
       lambda o: S.OneCycleLR(o, 0.2, total_steps=20, cycle_momentum=False, div_factor=10.0, final_div_factor=100.0), 19)
record("SequentialLR.0", "SequentialLR;warmup=5;start_factor=0.01;T_max=15",
       lambda o: S.SequentialLR(o, [S.LinearLR(o, 0.01, 1.0, 5), S.CosineAnnealingLR(o, 15)], [5]), 25)
record("SequentialLR.1", "SequentialLR;three",
       lambda o: S.SequentialLR(o, [S.ExponentialLR(o, 0.9), S.StepLR(o, 2, 0.5), S.CosineAnnealingLR(o, 4)], [3, 8]), 20)
plateau = [1.0, 0.9, 0.95, 0.95, 0.96, 0.97, 0.89, 0.89, 0.9, 0.9, 0.91, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6,
           0.6, 0.6]
record("ReduceLROnPlateau.0", "ReduceLROnPlateau;mode=min;factor=0.5;patience=2",
       lambda o: S.ReduceLROnPlateau(o, factor=0.5, patience=2), len(plateau), metrics=plateau)
record("ReduceLROnPlateau.1", "ReduceLROnPlateau;mode=max;factor=0.1;patience=1;threshold=0.05;threshold_mode=abs;cooldown=2;min_lr=0.0005",
       lambda o: S.ReduceLROnPlateau(o, mode="max", factor=0.1, patience=1, threshold=0.05, threshold_mode="abs",
                                     cooldown=2, min_lr=0.0005), len(plateau), metrics=[-m for m in plateau])

# clip_grad_norm_: three gradients, the total norm returned and the gradients after.
for k, (norm_type, max_norm) in enumerate([(2.0, 1.0), (math.inf, 0.5), (1.0, 1000.0), (3.0, 0.1)]):
    for dt, tag in ((np.float64, "f64"), (np.float32, "f32")):
        name = f"clip.{k}.{tag}"
        ps = []
        for i, shape in enumerate([(4,), (2, 3), (5,)]):
            g = (rng.normal(0, 1, size=shape) * 3).astype(dt)
            p = torch.zeros(shape, dtype=torch.float64 if dt == np.float64 else torch.float32, requires_grad=True)
            p.grad = torch.tensor(g.copy())
            tensors[f"{name}.g{i}"] = g
            ps.append(p)
        total = torch.nn.utils.clip_grad_norm_(ps, max_norm, norm_type)
        tensors[f"{name}.total"] = np.array([float(total)], dtype=np.float64)
        for i, p in enumerate(ps):
            tensors[f"{name}.after{i}"] = p.grad.numpy().copy()
        meta[name] = f"clip;norm_type={norm_type};max_norm={max_norm}"

meta["torch"] = torch.__version__
safetensors_io.save(OUT, tensors, meta)
print(f"wrote {OUT}: {len(tensors)} tensors, {os.path.getsize(OUT)} bytes")
