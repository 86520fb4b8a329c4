# The two-patch classifier of Han et al. (ICLR 2025) as an external diffsweep experiment, in NumPy:
# the data, model, training and R = S / N of the built-in `feature_learning` experiment's
# classifier (docs/methods.md, section 1) with one filter per bank. Run by two_patch_transition.ini.
import json, os, sys
import numpy as np

proto = os.fdopen(os.dup(1), "w")  # the protocol's channel: anything else printed goes to stderr
os.dup2(2, 1)
def param(name, type, default, lo, hi, doc):
    return {"name": name, "type": type, "default": default, "min": lo, "max": hi, "doc": doc}
print(json.dumps({"protocol": "diffsweep-external-1", "summary": "two-patch classifier, NumPy",
    "params": [param("nsnr2", "real", 1, 0, 1e4, "n snr^2"), param("n", "integer", 64, 2, 1e5, "samples"),
               param("d", "integer", 500, 3, 1e5, "patch dimension"), param("iters", "integer", 20000, 1, 1e9, "most steps")],
    "metrics": [{"name": "R", "doc": "signal over noise learning, S / N"},
                {"name": "test_acc", "doc": "accuracy on 1000 fresh samples"}, {"name": "steps", "doc": "steps taken"}]}),
    file=proto, flush=True)

def data(rng, n, d, mu):  # balanced labels; patch 1 the class's signal, patch 2 noise off both signals
    y = rng.permutation(np.repeat([1.0, -1.0], n // 2))
    signal = np.zeros((n, d)); signal[:, 0] = mu * (y > 0); signal[:, 1] = mu * (y < 0)
    noise = rng.standard_normal((n, d)); noise[:, :2] = 0
    return y, (signal, noise)

def loss_grad(W, y, patches):  # W = [w_+1, w_-1]; f = sum over patches of <w_+1, x>^2 - <w_-1, x>^2
    a = [x @ W for x in patches]
    f = sum(ax[:, 0] ** 2 - ax[:, 1] ** 2 for ax in a)
    g = -y * np.exp(-np.logaddexp(0, y * f)) / len(y)
    return np.logaddexp(0, -y * f).mean(), sum(2 * x.T @ (g[:, None] * ax) for x, ax in zip(patches, a)) * [1, -1], f

for line in sys.stdin:
    request = json.loads(line)
    p, rng = request["params"], np.random.default_rng(request["seed"])
    n, d = p["n"], p["d"]
    mu = np.sqrt(p["nsnr2"] / n * d)
    y, patches = data(rng, n, d, mu)
    W = 0.005 * rng.standard_normal((d, 2))
    X = np.vstack(patches)
    eta = 0.5 / (np.linalg.eigvalsh(X @ X.T)[-1] / n)  # lr m / kappa: the built-in's first trial step
    loss, grad, _ = loss_grad(W, y, patches)
    g0, t, steps = np.linalg.norm(grad), eta, 0
    while steps < p["iters"] and np.linalg.norm(grad) > 1e-3 * g0:
        for _ in range(60):  # Armijo backtracking: no step raises the loss
            new = loss_grad(W - t * grad, y, patches)
            if new[0] <= loss - 1e-4 * t * np.sum(grad ** 2) and new[0] < loss: break
            t /= 2
        else: break  # no decrease above rounding: stalled
        W, loss, grad, steps, t = W - t * grad, new[0], new[1], steps + 1, min(eta, t * 2 ** (1 / 16))
    S = mu * np.mean([np.abs(W[0]).max(), np.abs(W[1]).max()])
    N = np.abs(patches[1] @ W).max(axis=1).mean()
    test_y, test_patches = data(rng, 1000, d, mu)
    accuracy = np.mean(np.sign(loss_grad(W, test_y, test_patches)[2]) == test_y)
    print(json.dumps({"metrics": {"R": S / N, "test_acc": accuracy, "steps": steps}}), file=proto, flush=True)
