# SPDX-License-Identifier: Apache-2.0
"""Fashion-MNIST for the verify scripts: the same search as panamax (PANAMAX_DATA when set, used or
refused but never replaced; else the per-user cache, then Debian's dataset-fashion-mnist)."""
import gzip
import os

import numpy as np

if os.environ.get("PANAMAX_DATA", "").strip():
    DIRS = [os.environ["PANAMAX_DATA"]]
else:
    DIRS = [os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "panamax", "fashion-mnist"),
            "/usr/share/datasets/fashion-mnist"]


def _read(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(kind):
    """kind 'train' or 't10k': (images [N, 28, 28] float in [0, 1], labels [N] int64)."""
    for d in DIRS:
        if not d:
            continue
        for ext in (".gz", ""):
            img = os.path.join(d, f"{kind}-images-idx3-ubyte{ext}")
            lab = os.path.join(d, f"{kind}-labels-idx1-ubyte{ext}")
            if os.path.exists(img) and os.path.exists(lab):
                return _read(img).astype(np.float32) / 255.0, _read(lab).astype(np.int64)
    if os.environ.get("PANAMAX_DATA", "").strip():
        raise SystemExit(f"Fashion-MNIST: PANAMAX_DATA={DIRS[0]} lacks {kind}-images-idx3-ubyte or {kind}-labels-idx1-ubyte"
                         " (each plain or .gz); a folder you name is used or refused, never replaced by another copy")
    raise SystemExit("Fashion-MNIST not found: apt-get install dataset-fashion-mnist, or set PANAMAX_DATA")
