#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""PyTorch's side of bench/run's convolution table: LeNet's two convolutions (d2l 6.6) at batch 256,
forward, input gradient and weight gradient (with the bias's), each timed alone through aten's
convolution / convolution_backward, median of ROUNDS rounds of at least ROUND_MS each; on one
thread timed on the thread's CPU clock (as panamax's ConvRate is), so a busy neighbour does not count.

    /usr/bin/python3 bench/conv_torch.py [THREADS [ROUNDS [ROUND_MS]]]

Prints one JSON line per layer and pass: {"layer", "pass", "ms", "gflops", "threads", "framework"}.
"""
import json
import statistics
import sys
import time

import torch

# name: (input [N, C, H, W], weight [K, C, KH, KW], padding)
LAYERS = {
    "conv1": ((256, 1, 28, 28), (6, 1, 5, 5), 2),
    "conv2": ((256, 6, 14, 14), (16, 6, 5, 5), 0),
}


def flops(x, w, pad):
    n, c, h, wd = x
    k, _, kh, kw = w
    oh, ow = h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1
    return 2.0 * n * k * oh * ow * c * kh * kw


def timed(fn, rounds, round_ms, clock):
    for _ in range(3):
        fn()
    times = []
    for _ in range(rounds):
        reps, start = 0, clock()
        while True:
            fn()
            reps += 1
            elapsed = clock() - start
            if elapsed * 1000 >= round_ms:
                break
        times.append(elapsed / reps)
    return statistics.median(times)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    round_ms = float(sys.argv[3]) if len(sys.argv) > 3 else 300
    torch.set_num_threads(threads)
    clock = time.thread_time if threads == 1 else time.perf_counter
    g = torch.Generator().manual_seed(0)
    conv_backward = torch.ops.aten.convolution_backward
    for name, (xs, ws, pad) in LAYERS.items():
        x, w = torch.randn(xs, generator=g), torch.randn(ws, generator=g)
        b = torch.randn(ws[0], generator=g)
        with torch.no_grad():
            y = torch.nn.functional.conv2d(x, w, b, padding=pad)
            gy = torch.randn(y.shape, generator=g)
            args = ([ws[0]], [1, 1], [pad, pad], [1, 1], False, [0, 0], 1)
            passes = {
                "forward": lambda: torch.nn.functional.conv2d(x, w, b, padding=pad),
                "input gradient": lambda: conv_backward(gy, x, w, *args, [True, False, False]),
                "weight gradient": lambda: conv_backward(gy, x, w, *args, [False, True, True]),
            }
            for what, fn in passes.items():
                s = timed(fn, rounds, round_ms, clock)
                print(json.dumps({"layer": name, "pass": what, "ms": round(s * 1000, 4),
                                  "gflops": round(flops(xs, ws, pad) / s / 1e9, 2), "threads": threads,
                                  "framework": "pytorch " + torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
