# Lesson 3: linear regression, first by hand with autograd, then with nn.Module and an optimizer.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import time

import matplotlib.pyplot as plt
import torch
from matplotlib.colors import LogNorm
from torch import nn, optim
# --8<-- [end:imports]

# %%
# --8<-- [start:data]
x = torch.tensor([1.4, 5, 11, 16, 21])
y = torch.tensor([14.4, 29.6, 62, 85.5, 113.4])
print(x.shape, y.shape)
# --8<-- [end:data]

# %%
# --8<-- [start:design-matrix]
X = torch.stack((x, torch.ones_like(x))).T  # stack gives (2, 5); transpose to one row per point
print(X.shape)
X
# --8<-- [end:design-matrix]

# %%
# --8<-- [start:weights]
torch.manual_seed(0)  # the same starting point on every run
w = torch.rand(2, requires_grad=True)  # [slope, bias], uniform in [0, 1)
w
# --8<-- [end:weights]

# %%
# --8<-- [start:loss]
def loss_fn(w):
    """Sum of squared errors of the line X @ w on our five points."""
    return ((X @ w - y) ** 2).sum()


loss_fn(w)
# --8<-- [end:loss]

# %%
# --8<-- [start:gradient-descent]
lr = 1e-4
epochs = 10_000
losses = []

for epoch in range(epochs):
    loss = loss_fn(w)
    loss.backward()  # fills w.grad with d(loss)/dw
    with torch.no_grad():  # the update itself must not become part of the graph
        w -= lr * w.grad
    w.grad.zero_()  # gradients accumulate; clear them for the next epoch
    losses.append(loss.item())

a, b = w.tolist()
print(f"after {epochs} epochs: loss {loss_fn(w).item():.2f}, w = [{a:.3f}, {b:.3f}]")
# --8<-- [end:gradient-descent]

# %%
# --8<-- [start:fit-plot]
line_x = torch.linspace(0, 22, 2)
line_y = a * line_x + b  # a and b: the slope and bias found above

fig, ax = plt.subplots(figsize=(5, 3.2))
ax.scatter(x.numpy(), y.numpy(), color="crimson", zorder=3, label="data")
ax.plot(line_x.numpy(), line_y.numpy(), label=f"fitted: y = {a:.2f}·x + {b:.2f}")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.legend(loc="upper left")
plt.show()
# --8<-- [end:fit-plot]

# %%
# --8<-- [start:least-squares]
w_best = torch.linalg.lstsq(X, y.unsqueeze(1)).solution.squeeze(1)  # lstsq wants a column
best_loss = loss_fn(w_best).item()
print(f"least squares: loss {best_loss:.2f}, w = [{w_best[0]:.3f}, {w_best[1]:.3f}]")
# --8<-- [end:least-squares]

# %%
# --8<-- [start:loss-landscape]
def descend(lr, epochs):
    """Gradient descent from the same random start as above; returns every w on the way."""
    torch.manual_seed(0)
    w = torch.rand(2, requires_grad=True)
    path = [w.tolist()]
    for epoch in range(epochs):
        loss_fn(w).backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad.zero_()
        path.append(w.tolist())
    return torch.tensor(path)  # shape (epochs + 1, 2): one (slope, bias) per row


ours = descend(1e-4, 10_000)  # the run above, step by step
bigger = descend(1e-3, 30)  # a ten times larger learning rate, first 30 epochs

# the loss at every point of a grid of (slope, bias) values
slopes, biases = torch.meshgrid(torch.linspace(0, 9.5, 300), torch.linspace(-0.5, 7, 300), indexing="xy")
grid = torch.stack((slopes, biases), dim=-1)  # (300, 300, 2): one w per grid point
grid_loss = ((grid @ X.T - y) ** 2).sum(dim=-1)  # (300, 300): loss_fn at every grid point

fig, ax = plt.subplots(figsize=(6.5, 4.5))
levels = [8.5, 10, 15, 30, 100, 300, 1000, 3000, 10000, 30000]  # one contour line per loss value
ax.contourf(slopes.numpy(), biases.numpy(), grid_loss.numpy(), levels=levels, cmap="Blues_r", norm=LogNorm(), extend="max")
ax.contour(slopes.numpy(), biases.numpy(), grid_loss.numpy(), levels=levels, colors="white", linewidths=0.4)
ax.plot(bigger[:, 0], bigger[:, 1], "-o", color="darkorange", ms=3, lw=0.8, label="lr = 1e-3, first 30 epochs")
ax.plot(ours[:, 0], ours[:, 1], color="black", lw=1.5, label="lr = 1e-4 (ours), 10 000 epochs")
ax.plot(ours[::1000, 0], ours[::1000, 1], "o", color="black", ms=4, label="ours, every 1000 epochs")
ax.plot(ours[0, 0].item(), ours[0, 1].item(), "s", color="black", ms=6, label="start")
ax.plot(w_best[0].item(), w_best[1].item(), "*", color="crimson", ms=14, label="least squares")
ax.set_xlabel("w[0] (slope)")
ax.set_ylabel("w[1] (bias)")
ax.set_title("the loss seen from above: darker is lower")
ax.legend(loc="upper left", fontsize=8)
plt.show()
# --8<-- [end:loss-landscape]

# %%
# --8<-- [start:curvature]
hessian = 2 * X.T @ X  # second derivatives of the loss: the same at every w
curvatures = torch.linalg.eigvalsh(hessian)  # the flattest and the steepest direction
print("curvatures:", curvatures)
print(f"steepest / flattest: {curvatures[1] / curvatures[0]:.0f}")
print(f"largest stable learning rate: {2 / curvatures[1]:.2e}")
# each epoch shrinks the remaining error along the flattest direction by a factor (1 - lr * curvature)
print(f"error left along the flattest direction after {epochs} epochs: {(1 - lr * curvatures[0]) ** epochs:.1%}")
# --8<-- [end:curvature]

# %%
# --8<-- [start:loss-curve]
gap = torch.tensor(losses) - best_loss  # how far each epoch is from the best possible loss

fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(gap.numpy())
ax.set_yscale("log")
ax.set_xlabel("epoch")
ax.set_ylabel("loss − least-squares loss")
plt.show()
# --8<-- [end:loss-curve]

# %%
# --8<-- [start:many-points]
torch.manual_seed(0)
x_train = torch.linspace(-3, 3, 100_000).unsqueeze(1)  # shape (100000, 1): one feature per row
y_train = x_train + 1.2 * torch.rand(x_train.shape)  # the line y = x plus noise from U(0, 1.2)
print(x_train.shape, y_train.shape)
# --8<-- [end:many-points]

# %%
# --8<-- [start:model-class]
class LR(nn.Module):
    """Linear regression: one input, one output, y = weight * x + bias."""

    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(1, 1)

    def forward(self, x):
        return self.linear(x)
# --8<-- [end:model-class]

# %%
# --8<-- [start:model-setup]
device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
torch.manual_seed(0)  # nn.Linear starts from random weights
model = LR().to(device)
criterion = nn.MSELoss()  # mean of the squared errors
optimizer = optim.SGD(model.parameters(), lr=0.05)

print(model)
print(list(model.parameters()))
# --8<-- [end:model-setup]

# %%
# --8<-- [start:model-training]
inputs, targets = x_train.to(device), y_train.to(device)  # the data must live where the model lives
batch_size = 2000

# Warm-up: one forward and backward pass before the clock starts, because the first call on a GPU
# also sets up its libraries. There is no optimizer step, so the weights do not change.
criterion(model(inputs[:batch_size]), targets[:batch_size]).backward()
optimizer.zero_grad()

torch.manual_seed(0)  # the shuffles below
if torch.cuda.is_available():
    torch.cuda.synchronize()  # a GPU works asynchronously: wait until it is idle before starting the clock
start = time.perf_counter()
for epoch in range(5):
    order = torch.randperm(len(inputs))  # a new random order of the points in every epoch
    for i in range(0, len(inputs), batch_size):
        batch = order[i : i + batch_size]
        optimizer.zero_grad()  # clear the gradients of the previous step
        loss = criterion(model(inputs[batch]), targets[batch])
        loss.backward()
        optimizer.step()  # w <- w - lr * grad, for every parameter
if torch.cuda.is_available():
    torch.cuda.synchronize()  # wait until the GPU has really finished before reading the clock
elapsed = time.perf_counter() - start

with torch.no_grad():
    mse = criterion(model(inputs), targets).item()  # on all 100 000 points
print(f"weight: {model.linear.weight.item():.2f}")
print(f"bias: {model.linear.bias.item():.2f}")
print(f"mean squared error: {mse:.3f}")
print(f"training time on {device}: {elapsed:.2f} s")  # the only line that changes between runs
# --8<-- [end:model-training]

# %%
# --8<-- [start:model-plot]
model.eval()
with torch.no_grad():  # inference: no graph needed
    line = model(torch.tensor([[-3.0], [3.0]], device=device)).cpu()

fig, ax = plt.subplots(figsize=(5, 3.2))
ax.scatter(x_train[::500].numpy(), y_train[::500].numpy(), s=4, alpha=0.5, label="every 500th point")
ax.plot([-3, 3], line.numpy(), color="crimson", label="learned line")
ax.plot([-3, 3], [-3, 3], color="grey", ls="--", lw=1, label="y = x")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.legend(loc="upper left")
plt.show()
# --8<-- [end:model-plot]

# %%
# --8<-- [start:exercise-1-solution]
torch.manual_seed(0)
w = torch.rand(2, requires_grad=True)
optimizer = optim.SGD([w], lr=1e-4)  # the optimizer gets the tensors it should update

for epoch in range(10_000):
    optimizer.zero_grad()
    loss = loss_fn(w)
    loss.backward()
    optimizer.step()

a, b = w.tolist()
print(f"optim.SGD: loss {loss_fn(w).item():.2f}, w = [{a:.3f}, {b:.3f}]")
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
mean, std = x.mean(), x.std()
Z = torch.stack(((x - mean) / std, torch.ones_like(x))).T  # standardised x, then the column of ones
print("curvatures:", torch.linalg.eigvalsh(2 * Z.T @ Z))

torch.manual_seed(0)
v = torch.rand(2, requires_grad=True)
for epoch in range(100):  # 100 epochs instead of 10 000
    loss = ((Z @ v - y) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        v -= 0.05 * v.grad
    v.grad.zero_()

# y = v0 * (x - mean) / std + v1, so the slope is v0 / std and the bias is v1 - v0 * mean / std
slope = v[0] / std
bias = v[1] - v[0] * mean / std
print(f"standardised: loss {loss.item():.2f}, w = [{slope:.3f}, {bias:.3f}]")
# --8<-- [end:exercise-2-solution]
