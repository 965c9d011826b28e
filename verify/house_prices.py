# SPDX-License-Identifier: Apache-2.0
"""The book's section 4.10 (d2l-zh v2, PyTorch edition) on the CSV files of a folder, with panamax's
initial weights and batch order read from its trace, compared with panamax's figures: the
preprocessed features (pandas' concat, standardisation, fillna(0), get_dummies(dummy_na=True)) and
every fold's train and validation log-RMSE after every epoch, within 1e-4.

Usage: python3 verify/house_prices.py DATA_DIR TRACE.safetensors. Exits 1 when a bound is broken."""
import json
import os
import struct
import sys

import numpy as np
import pandas as pd
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

TOL = 1e-4
data_dir, trace_path = sys.argv[1], sys.argv[2]
trace = safetensors_io.load(trace_path)
with open(trace_path, "rb") as f:
    meta = json.loads(f.read(struct.unpack("<Q", f.read(8))[0]))["__metadata__"]
num_epochs, batch_size = int(meta["epochs"]), int(meta["batch_size"])

# ---- the book's preprocessing
train_data = pd.read_csv(os.path.join(data_dir, "train.csv"))
test_data = pd.read_csv(os.path.join(data_dir, "test.csv"))
all_features = pd.concat((train_data.iloc[:, 1:-1], test_data.iloc[:, 1:]))
numeric_features = all_features.dtypes[all_features.dtypes != 'object'].index
all_features[numeric_features] = all_features[numeric_features].apply(
    lambda x: (x - x.mean()) / (x.std()))
all_features[numeric_features] = all_features[numeric_features].fillna(0)
all_features = pd.get_dummies(all_features, dummy_na=True)
n_train = train_data.shape[0]
train_features = torch.tensor(all_features[:n_train].values.astype(np.float64), dtype=torch.float32)
test_features = torch.tensor(all_features[n_train:].values.astype(np.float64), dtype=torch.float32)
train_labels = torch.tensor(train_data.SalePrice.values.reshape(-1, 1), dtype=torch.float32)

ok = True
names = meta["features"].split("\n")
if names != list(all_features.columns):
    diff = [(i, a, b) for i, (a, b) in enumerate(zip(names, all_features.columns)) if a != b][:3]
    print(f"FAIL feature names: panamax {len(names)}, pandas {len(all_features.columns)}; first differences {diff}")
    sys.exit(1)
for key, ours in (("x", train_features), ("test_x", test_features), ("y", train_labels)):
    d = float(np.max(np.abs(trace[key].astype(np.float64) - ours.numpy().astype(np.float64))))
    print(f"{key}: {tuple(ours.shape)}, max |panamax - pandas| = {d:.3g}")
    ok &= d <= 1e-6 * max(1.0, float(np.max(np.abs(ours.numpy()))))

# ---- the book's model, loss, log_rmse, train and get_k_fold_data
loss = nn.MSELoss()
in_features = train_features.shape[1]


def get_net(fold):
    net = nn.Sequential(nn.Linear(in_features, 1))
    with torch.no_grad():  # panamax's initial weights
        net[0].weight.copy_(torch.from_numpy(trace[f"fold{fold}.0.weight"].copy()))
        net[0].bias.copy_(torch.from_numpy(trace[f"fold{fold}.0.bias"].copy()))
    return net


def log_rmse(net, features, labels):
    clipped_preds = torch.clamp(net(features), 1, float('inf'))
    rmse = torch.sqrt(loss(torch.log(clipped_preds), torch.log(labels)))
    return rmse.item()


def load_array(features, labels, batch_size, order):
    """The book's d2l.load_array, its shuffle replaced by panamax's batch order."""
    n = features.shape[0]
    for epoch in range(num_epochs):
        rows = order[epoch * n:(epoch + 1) * n]
        yield [(features[rows[i:i + batch_size]], labels[rows[i:i + batch_size]]) for i in range(0, n, batch_size)]


def train(net, train_features, train_labels, test_features, test_labels,
          num_epochs, learning_rate, weight_decay, batch_size, order):
    train_ls, test_ls = [], []
    epochs = load_array(train_features, train_labels, batch_size, order)
    optimizer = torch.optim.Adam(net.parameters(), lr=learning_rate, weight_decay=weight_decay)
    for epoch in range(num_epochs):
        for X, y in next(epochs):
            optimizer.zero_grad()
            l = loss(net(X), y)
            l.backward()
            optimizer.step()
        train_ls.append(log_rmse(net, train_features, train_labels))
        if test_labels is not None:
            test_ls.append(log_rmse(net, test_features, test_labels))
    return train_ls, test_ls


def get_k_fold_data(k, i, X, y):
    assert k > 1
    fold_size = X.shape[0] // k
    X_train, y_train = None, None
    for j in range(k):
        idx = slice(j * fold_size, (j + 1) * fold_size)
        X_part, y_part = X[idx, :], y[idx]
        if j == i:
            X_valid, y_valid = X_part, y_part
        elif X_train is None:
            X_train, y_train = X_part, y_part
        else:
            X_train = torch.cat([X_train, X_part], 0)
            y_train = torch.cat([y_train, y_part], 0)
    return X_train, y_train, X_valid, y_valid


k, lr, weight_decay = 5, 5, 0
worst = 0.0
print(f"{'fold':>4} {'':>5} {'panamax':>10} {'pytorch':>10} {'|diff|':>9} {'worst epoch |diff|':>19}")
train_sum = [0.0, 0.0]
valid_sum = [0.0, 0.0]
for i in range(k):
    data = get_k_fold_data(k, i, train_features, train_labels)
    order = torch.from_numpy(trace[f"fold{i}.rows"].astype(np.int64))
    train_ls, valid_ls = train(get_net(i), *data, num_epochs, lr, weight_decay, batch_size, order)
    for what, ours, theirs, sums in (("train", trace["train_log_rmse"][i], train_ls, train_sum),
                                     ("valid", trace["valid_log_rmse"][i], valid_ls, valid_sum)):
        every = float(np.max(np.abs(np.asarray(ours) - np.asarray(theirs))))
        last = abs(ours[-1] - theirs[-1])
        worst = max(worst, every)
        sums[0] += ours[-1]
        sums[1] += theirs[-1]
        print(f"{i + 1:>4} {what:>5} {ours[-1]:>10.6f} {theirs[-1]:>10.6f} {last:>9.2e} {every:>19.2e}")
print(f"average train log rmse: panamax {train_sum[0] / k:.6f}, pytorch {train_sum[1] / k:.6f}")
print(f"average valid log rmse: panamax {valid_sum[0] / k:.6f}, pytorch {valid_sum[1] / k:.6f}")
ok &= worst <= TOL
print(("PASS" if ok else "FAIL") + f": every fold's log rmse after every epoch within {worst:.2e} (bound {TOL})")
sys.exit(0 if ok else 1)
