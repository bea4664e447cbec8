# Lesson 4: non-linear regression and activation functions.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn
# --8<-- [end:imports]

# %%
# --8<-- [start:stacked-linear]
torch.manual_seed(0)
layer1 = nn.Linear(3, 4)  # 3 inputs -> 4 hidden units
layer2 = nn.Linear(4, 2)  # 4 hidden units -> 2 outputs

x = torch.randn(5, 3)  # 5 examples with 3 features each
stacked = layer2(layer1(x))  # two layers, no activation in between

# One linear map that does the same job: y = x @ W.T + b
W = layer2.weight @ layer1.weight  # (2, 4) @ (4, 3) -> (2, 3)
b = layer2.weight @ layer1.bias + layer2.bias  # (2,)
combined = x @ W.T + b

print(W.shape, b.shape)
print(torch.allclose(stacked, combined, atol=1e-6))
# --8<-- [end:stacked-linear]

# %%
# --8<-- [start:activations]
z = torch.linspace(-4, 4, 200)
curves = [("sigmoid", torch.sigmoid), ("tanh", torch.tanh), ("ReLU", torch.relu)]

fig, axes = plt.subplots(1, 3, figsize=(10, 3))
for ax, (name, f) in zip(axes, curves):
    ax.plot(z.numpy(), f(z).numpy())
    ax.axhline(0, color="grey", lw=0.5)
    ax.axvline(0, color="grey", lw=0.5)
    ax.set_title(name)
    ax.set_xlabel("z")
    ax.set_ylabel(f"{name}(z)")
fig.tight_layout()
plt.show()

z = torch.tensor([-2.0, 0.0, 2.0])
for name, f in curves:
    print(f"{name:>7}: {f(z)}")
# --8<-- [end:activations]

# %%
# --8<-- [start:activation-derivatives]
fig, axes = plt.subplots(1, 3, figsize=(10, 3), sharey=True)
for ax, (name, f) in zip(axes, curves):
    z = torch.linspace(-6, 6, 241, requires_grad=True)
    f(z).sum().backward()  # the .sum() trick from lesson 2: z.grad[i] is the slope of f at z[i]
    ax.plot(z.detach().numpy(), z.grad.numpy())
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_title(f"slope of {name}")
    ax.set_xlabel("z")
axes[0].set_ylabel("d f(z) / dz")
fig.tight_layout()
plt.show()

print("slopes at z = -4, -1, 0, 1, 4")
for name, f in curves:
    z = torch.tensor([-4.0, -1.0, 0.0, 1.0, 4.0], requires_grad=True)
    f(z).sum().backward()
    print(f"{name:>7}: {z.grad}")
# --8<-- [end:activation-derivatives]

# %%
# --8<-- [start:activation-breaks-linearity]
with_relu = layer2(torch.relu(layer1(x)))  # the same two layers, ReLU in between
print(torch.allclose(with_relu, combined, atol=1e-6))
# --8<-- [end:activation-breaks-linearity]

# %%
# --8<-- [start:data]
torch.manual_seed(0)
x = torch.linspace(-3, 3, 10000).unsqueeze(1)  # shape (10000, 1): one feature per row
y = x**3 + 1.3 * torch.rand(x.shape)  # cubic curve plus noise from U(0, 1.3)

print(x.shape, y.shape)
print(f"variance of the noise, 1.3**2 / 12 = {1.3**2 / 12:.4f}")
# --8<-- [end:data]

# %%
# --8<-- [start:model]
class Net(nn.Module):
    def __init__(self, input_feature=1, num_hidden=20, outputs=1):
        super().__init__()
        self.hidden = nn.Linear(input_feature, num_hidden)
        self.activation = nn.ReLU()  # the non-linear step between the two layers
        self.output = nn.Linear(num_hidden, outputs)

    def forward(self, x):
        return self.output(self.activation(self.hidden(x)))


device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
torch.manual_seed(1)  # the same starting weights every time we build a Net after this seed
model = Net(input_feature=1, num_hidden=20, outputs=1).to(device)
model
# --8<-- [end:model]

# %%
# --8<-- [start:train]
def train(model, x, y, epochs=800, lr=0.1):
    """Full-batch training with Adam; returns the loss of every epoch."""
    x, y = x.to(device), y.to(device)
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    model.train()
    for epoch in range(epochs):
        optimizer.zero_grad()  # gradients accumulate, so clear last epoch's
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


losses = train(model, x, y)
for epoch in range(0, len(losses), 100):
    print(f"epoch {epoch:4d}  loss {losses[epoch]:.4f}")
print(f"final loss: {losses[-1]:.4f}")
# --8<-- [end:train]

# %%
# --8<-- [start:fit-plot]
model.eval()
with torch.no_grad():  # no graph needed just to draw the curve
    prediction = model(x.to(device)).cpu()

fig, ax = plt.subplots(figsize=(6, 4))
ax.scatter(x.numpy()[::20], y.numpy()[::20], s=4, alpha=0.4, label="data (every 20th point)")
ax.plot(x.numpy(), prediction.numpy(), color="crimson", lw=2, label="Net with ReLU")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.legend()
plt.show()
# --8<-- [end:fit-plot]

# %%
# --8<-- [start:loss-plot]
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(losses)
ax.axhline(1.3**2 / 12, color="grey", ls="--", lw=1, label="variance of the noise")
ax.set_yscale("log")  # the loss falls by orders of magnitude
ax.set_xlabel("epoch")
ax.set_ylabel("MSE loss (log scale)")
ax.legend()
plt.show()
# --8<-- [end:loss-plot]

# %%
# --8<-- [start:exercise-1-solution]
print("seed   ReLU    tanh")
for seed in [1, 2, 3]:
    final = []
    for activation in [nn.ReLU(), nn.Tanh()]:
        torch.manual_seed(seed)  # both activations start from the same weights
        candidate = Net().to(device)
        candidate.activation = activation  # swap the activation module
        final.append(train(candidate, x, y)[-1])  # keep the last epoch's loss
    print(f"{seed:4d}  {final[0]:.4f}  {final[1]:.4f}")
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
torch.manual_seed(1)
linear_model = Net().to(device)
linear_model.activation = nn.Identity()  # no activation: passes its input through unchanged

linear_losses = train(linear_model, x, y, epochs=300)  # a line is quick to fit
print(f"no activation, final loss: {linear_losses[-1]:.4f}")

# The two layers collapse into one line, as in the first section
W = linear_model.output.weight @ linear_model.hidden.weight
b = linear_model.output.weight @ linear_model.hidden.bias + linear_model.output.bias
print(f"network as one line: y = {W.item():.3f}·x + {b.item():.3f}")

# The best straight line by least squares, for comparison
X = torch.cat((x, torch.ones_like(x)), dim=1)  # columns: x and 1
slope, intercept = torch.linalg.lstsq(X, y).solution.squeeze()
line = slope * x + intercept
print(f"best straight line:  y = {slope:.3f}·x + {intercept:.3f}, loss {nn.functional.mse_loss(line, y):.4f}")

linear_model.eval()
with torch.no_grad():
    linear_prediction = linear_model(x.to(device)).cpu()

fig, ax = plt.subplots(figsize=(6, 4))
ax.scatter(x.numpy()[::20], y.numpy()[::20], s=4, alpha=0.4, label="data (every 20th point)")
ax.plot(x.numpy(), prediction.numpy(), color="crimson", lw=2, label="with ReLU")
ax.plot(x.numpy(), linear_prediction.numpy(), color="black", lw=2, label="without activation")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.legend()
plt.show()
# --8<-- [end:exercise-2-solution]
