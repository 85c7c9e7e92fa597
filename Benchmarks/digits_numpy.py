"""The digits run of EngineBenchmarks (`--digits-only`) in NumPy float32, for
BENCHMARKS.md: the same data, split sizes, model, optimizer and epochs.

Not a project dependency. Run it in a throw-away virtual environment, on one
thread, in the same session as the engine's run:

    python3 -m venv /tmp/npvenv && /tmp/npvenv/bin/pip install numpy
    OPENBLAS_NUM_THREADS=1 /tmp/npvenv/bin/python Benchmarks/digits_numpy.py [REPETITIONS]

Prints the median, minimum and maximum wall time and CPU time of loading +
training over the repetitions (each a fresh model), and the test accuracy of
the last. On a shared machine, compare CPU times.
"""
import gzip
import sys
import time

import numpy as np


def load(path):
    with gzip.open(path, "rt") as f:
        rows = np.loadtxt(f, delimiter=",", dtype=np.float32)
    return rows[:, :64], rows[:, 64].astype(np.int64)


def run(path, rng):
    x, y = load(path)
    # Stratified 80/20 split.
    train_idx, test_idx = [], []
    for c in range(10):
        idx = rng.permutation(np.flatnonzero(y == c))
        cut = int(round(0.8 * len(idx)))
        train_idx.append(idx[:cut])
        test_idx.append(idx[cut:])
    train_idx = rng.permutation(np.concatenate(train_idx))
    test_idx = np.concatenate(test_idx)
    xtr, ytr, xte, yte = x[train_idx], y[train_idx], x[test_idx], y[test_idx]
    mean, std = xtr.mean(0), xtr.std(0)
    std[std == 0] = 1
    xtr = (xtr - mean) / std
    xte = (xte - mean) / std

    # 64-128-10, He initialization, SGD with momentum 0.9, lr 0.05, batch 32, 30 epochs.
    w1 = (rng.standard_normal((64, 128)) * np.sqrt(2 / 64)).astype(np.float32)
    b1 = np.zeros(128, np.float32)
    w2 = (rng.standard_normal((128, 10)) * np.sqrt(2 / 128)).astype(np.float32)
    b2 = np.zeros(10, np.float32)
    params = [w1, b1, w2, b2]
    velocity = [np.zeros_like(p) for p in params]
    lr, momentum = np.float32(0.05), np.float32(0.9)
    n = len(xtr)
    for _ in range(30):
        order = rng.permutation(n)
        for start in range(0, n, 32):
            batch = order[start:start + 32]
            xb, yb = xtr[batch], ytr[batch]
            h = xb @ w1 + b1
            a = np.maximum(h, 0)
            z = a @ w2 + b2
            z -= z.max(1, keepdims=True)
            e = np.exp(z)
            p = e / e.sum(1, keepdims=True)
            p[np.arange(len(yb)), yb] -= 1
            dz = p / np.float32(len(yb))
            gw2 = a.T @ dz
            gb2 = dz.sum(0)
            da = dz @ w2.T
            da[h <= 0] = 0
            gw1 = xb.T @ da
            gb1 = da.sum(0)
            for param, v, g in zip(params, velocity, (gw1, gb1, gw2, gb2)):
                v *= momentum
                v -= lr * g
                param += v
    predicted = np.argmax(np.maximum(xte @ w1 + b1, 0) @ w2 + b2, 1)
    return float((predicted == yte).mean())


def main():
    repetitions = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    path = __file__.rsplit("/", 2)[0] + "/Sources/NeuralEngine/Resources/digits.csv.gz"
    wall, cpu = [], []
    accuracy = 0.0
    for r in range(repetitions):
        start, start_cpu = time.perf_counter(), time.process_time()
        accuracy = run(path, np.random.default_rng(r))
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    for name, times in (("wall", sorted(wall)), ("CPU time", sorted(cpu))):
        print(f"NumPy {np.__version__} float32 digits run (loading + training, {name}), {repetitions} runs: "
              f"median {times[len(times) // 2] * 1e3:.1f} ms, min {times[0] * 1e3:.1f} ms, max {times[-1] * 1e3:.1f} ms")
    print(f"test accuracy {accuracy * 100:.2f} %")


if __name__ == "__main__":
    main()
