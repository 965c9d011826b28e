#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes verify/golden/conv.safetensors, which panamax's ConvGoldenTest replays without torch:
the convolutional ops on tiny shapes, forward and the gradient of every input, from Debian's
python3-torch in float64.

    /usr/bin/python3 verify/golden_conv.py

Each case NAME holds its inputs (NAME.x, NAME.w, NAME.b, NAME.weight, NAME.bias, NAME.running_mean,
NAME.running_var, where the op takes them), its arguments as one float64 vector NAME.args (the
layout is the op's, listed at each builder below), the output NAME.out, an upstream gradient
NAME.gout and the gradient of each input that takes one (NAME.grad.x, NAME.grad.w, ...). Batch norm
in training adds the running statistics after the step (NAME.running_mean.after, ...). The case's
op is the prefix of its name: conv2d_, maxPool2d_, avgPool2d_, adaptiveAvgPool2d_, batchNorm_, pad_.

Every input and upstream gradient is exactly representable in float32, so one file serves both
dtypes: float64 within 1e-10 of these values, float32 within 1e-5.
"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "conv.safetensors")
rng = np.random.default_rng(20261207)
D = torch.float64


def f32(a):
    """a rounded to float32 and back: the same values in both dtypes."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def u(*shape, lo=-1.0, hi=1.0):
    return f32(rng.uniform(lo, hi, size=shape))


def distinct(*shape):
    """Values whose gaps are far above rounding, so max pooling has no ties in either dtype."""
    n = int(np.prod(shape))
    return f32(((rng.permutation(n) - n / 2) * 0.125).reshape(shape))


def pair(v):
    return list(v) if isinstance(v, (tuple, list)) else [v, v]


CASES = {}


def record(name, inputs, fn, args, extra=None):
    """Runs fn on torch copies of inputs (dict name -> array or None), stores inputs, output, gradients."""
    t = {f"{name}.args": np.array(args, dtype=np.float64)}
    xs = {}
    for k, a in inputs.items():
        if a is None:
            continue
        t[f"{name}.{k}"] = a
        xs[k] = torch.tensor(a, dtype=D, requires_grad=not k.startswith("running_"))
    out = fn(xs)
    t[f"{name}.out"] = out.detach().numpy()
    gout = f32(rng.standard_normal(tuple(out.shape)))
    out.backward(torch.tensor(gout, dtype=D))
    t[f"{name}.gout"] = gout
    for k, x in xs.items():
        if x.requires_grad:
            t[f"{name}.grad.{k}"] = x.grad.numpy()
    if extra:
        for k, v in extra(xs).items():
            t[f"{name}.{k}"] = v
    assert name not in CASES
    CASES[name] = t


# conv2d: args = [strideH, strideW, padH, padW, dilationH, dilationW, groups, mode], mode 0 for
# integer padding, 1 for "same", 2 for "valid" (padH, padW are then 0).
def conv(name, x, w, bias=True, stride=1, padding=0, dilation=1, groups=1):
    b = u(w.shape[0]) if bias else None
    mode = {"same": 1, "valid": 2}.get(padding, 0) if isinstance(padding, str) else 0
    pad = [0, 0] if isinstance(padding, str) else pair(padding)
    args = pair(stride) + pad + pair(dilation) + [groups, mode]
    record("conv2d_" + name, {"x": x, "w": w, "b": b},
           lambda t: F.conv2d(t["x"], t["w"], t.get("b"), stride=stride, padding=padding, dilation=dilation,
                              groups=groups), args)


conv("basic", u(2, 3, 5, 6), u(4, 3, 3, 3))
conv("no_bias", u(2, 3, 5, 6), u(4, 3, 3, 3), bias=False)
conv("stride2_pad1", u(2, 2, 7, 6), u(3, 2, 3, 3), stride=2, padding=1)
conv("stride_pad_rect", u(1, 2, 6, 7), u(3, 2, 3, 2), stride=(2, 1), padding=(1, 2))
conv("dilation", u(2, 2, 7, 7), u(2, 2, 3, 3), padding=(2, 1), dilation=(2, 1))
conv("groups", u(2, 4, 5, 5), u(6, 2, 3, 3), groups=2, padding=1)
conv("depthwise", u(1, 3, 5, 4), u(6, 1, 3, 3), groups=3, stride=(1, 2))
conv("same_odd", u(2, 2, 5, 6), u(3, 2, 3, 5), padding="same")
conv("same_even", u(1, 2, 5, 6), u(2, 2, 2, 4), padding="same")
conv("same_dilated", u(1, 2, 6, 5), u(2, 2, 2, 3), padding="same", dilation=(3, 2))
conv("valid", u(2, 2, 6, 5), u(3, 2, 3, 2), padding="valid", bias=False)
conv("kernel_as_large_as_padded_input", u(2, 2, 3, 3), u(2, 2, 5, 5), padding=1)
conv("stride_larger_than_kernel", u(1, 2, 8, 7), u(2, 2, 2, 2), stride=3)
conv("one_by_one", u(2, 3, 4, 4), u(5, 3, 1, 1))
conv("lenet_conv1", u(2, 1, 8, 8), u(6, 1, 5, 5), padding=2)
conv("lenet_conv2", u(2, 6, 7, 7), u(16, 6, 5, 5))


# maxPool2d: args = [kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, ceilMode],
# stride -1 for PyTorch's default (the kernel).
def maxpool(name, x, kernel, stride=None, padding=0, dilation=1, ceil_mode=False):
    args = pair(kernel) + (pair(stride) if stride is not None else [-1, -1]) + pair(padding) + pair(dilation) + [int(ceil_mode)]
    record("maxPool2d_" + name, {"x": x},
           lambda t: F.max_pool2d(t["x"], kernel, stride=stride, padding=padding, dilation=dilation, ceil_mode=ceil_mode),
           args)


maxpool("k2", distinct(2, 3, 4, 6), 2)
maxpool("k3_s2_p1", distinct(2, 2, 7, 6), 3, 2, 1)
maxpool("k3_s1", distinct(1, 2, 5, 5), 3, 1)
maxpool("dilation", distinct(1, 2, 7, 6), 2, 1, 0, 2)
maxpool("ceil", distinct(2, 2, 5, 5), 2, 2, 0, 1, True)
maxpool("ceil_pad", distinct(1, 2, 6, 6), 3, 2, 1, 1, True)
maxpool("rect", distinct(1, 2, 5, 7), (2, 3), (1, 2), (1, 1))
maxpool("stride_larger_than_kernel", distinct(1, 1, 8, 8), 2, 3)


# avgPool2d: args = [kernelH, kernelW, strideH, strideW, padH, padW, ceilMode, countIncludePad],
# stride -1 for the default (the kernel).
def avgpool(name, x, kernel, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    args = pair(kernel) + (pair(stride) if stride is not None else [-1, -1]) + pair(padding) + [int(ceil_mode), int(count_include_pad)]
    record("avgPool2d_" + name, {"x": x},
           lambda t: F.avg_pool2d(t["x"], kernel, stride=stride, padding=padding, ceil_mode=ceil_mode,
                                  count_include_pad=count_include_pad), args)


avgpool("k2", u(2, 3, 4, 6), 2)
avgpool("k3_s2_p1_include_pad", u(2, 2, 7, 6), 3, 2, 1)
avgpool("k3_s2_p1_exclude_pad", u(2, 2, 7, 6), 3, 2, 1, count_include_pad=False)
avgpool("ceil_include_pad", u(1, 2, 5, 5), 2, 2, 0, True)
avgpool("ceil_pad_include_pad", u(1, 2, 6, 6), 3, 2, 1, True)
avgpool("ceil_pad_exclude_pad", u(1, 2, 6, 6), 3, 2, 1, True, False)
avgpool("rect", u(1, 2, 5, 7), (2, 3), (1, 2), (1, 1))
avgpool("lenet", u(2, 3, 6, 6), 2, 2)


# adaptiveAvgPool2d: args = [outH, outW]
def adaptive(name, x, out):
    record("adaptiveAvgPool2d_" + name, {"x": x}, lambda t: F.adaptive_avg_pool2d(t["x"], out), list(out))


adaptive("shrink", u(2, 3, 7, 5), (3, 2))
adaptive("global", u(2, 3, 5, 4), (1, 1))
adaptive("identity", u(1, 2, 4, 3), (4, 3))
adaptive("grow", u(1, 2, 3, 2), (4, 5))
adaptive("overlap", u(1, 1, 5, 5), (4, 4))


# batchNorm: args = [training, momentum, eps]; weight, bias, running_mean, running_var may be absent.
def batchnorm(name, x, training, momentum=0.1, eps=1e-5, affine=True, running=True):
    c = x.shape[1]
    inputs = {"x": x}
    if affine:
        inputs["weight"] = u(c, lo=0.5, hi=1.5)
        inputs["bias"] = u(c)
    if running:
        inputs["running_mean"] = u(c, lo=-0.5, hi=0.5)
        inputs["running_var"] = u(c, lo=0.5, hi=2.0)

    def fn(t):
        return F.batch_norm(t["x"], t.get("running_mean"), t.get("running_var"), t.get("weight"), t.get("bias"),
                            training=training, momentum=momentum, eps=eps)

    def after(t):
        if not running:
            return {}
        return {"running_mean.after": t["running_mean"].detach().numpy().copy(),
                "running_var.after": t["running_var"].detach().numpy().copy()}

    record("batchNorm_" + name, inputs, fn, [int(training), momentum, eps], after)


batchnorm("2d_train", u(4, 3, 2, 3, lo=-2, hi=3), True)
batchnorm("2d_train_momentum_eps", u(3, 2, 3, 2, lo=-2, hi=3), True, momentum=0.3, eps=1e-3)
batchnorm("2d_eval", u(2, 3, 2, 2, lo=-2, hi=3), False)
batchnorm("1d_train", u(5, 4, lo=-2, hi=3), True)
batchnorm("1d_eval", u(3, 4, lo=-2, hi=3), False, eps=1e-3)
batchnorm("2d_train_no_running_stats", u(2, 3, 3, 2), True, running=False)
batchnorm("2d_train_no_affine", u(3, 2, 2, 2), True, affine=False)
batchnorm("1d_train_two_values", u(2, 3), True, momentum=0.5)


# pad: args = the pad list in PyTorch's order (last dimension first), then the value.
def pad(name, x, p, value=0.0):
    record("pad_" + name, {"x": x}, lambda t: F.pad(t["x"], p, mode="constant", value=value), list(p) + [value])


pad("last_dim", u(2, 3, 4), [1, 2])
pad("two_dims", u(1, 2, 3, 3), [1, 0, 2, 1], 1.5)
pad("three_dims", u(2, 3, 4), [1, 1, 0, 2, 1, 0], -0.25)
pad("asymmetric_same", u(1, 2, 3, 4), [1, 2, 0, 1])


if __name__ == "__main__":
    torch.manual_seed(0)
    tensors = {}
    for t in CASES.values():
        tensors.update(t)
    safetensors_io.save(OUT, tensors, {"torch": torch.__version__, "cases": str(len(CASES))})
    print(f"{OUT}: {len(CASES)} cases, {os.path.getsize(OUT)} bytes")
