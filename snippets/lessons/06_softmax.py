# Lesson 6: softmax and many classes.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import matplotlib.pyplot as plt
import torch
from torch import nn
# --8<-- [end:imports]

# %%
# --8<-- [start:helpers]
from snippets.plots import plot_decision_regions
# --8<-- [end:helpers]

# %%
# --8<-- [start:scores]
torch.manual_seed(7)
scores = torch.randn(64, 10)  # a batch of 64 examples, 10 scores (one per class) each
print(scores.shape)
print(scores[0])
# --8<-- [end:scores]

# %%
# --8<-- [start:softmax-by-hand]
def softmax(x):
    """Turn each row of scores into probabilities: exp, then divide by the row's total."""
    return torch.exp(x) / torch.sum(torch.exp(x), dim=1).view(-1, 1)


print(torch.exp(scores).shape)  # one exp per score
print(torch.sum(torch.exp(scores), dim=1).shape)  # one total per row
print(torch.sum(torch.exp(scores), dim=1).view(-1, 1).shape)  # the totals as a column
# --8<-- [end:softmax-by-hand]

# %%
# --8<-- [start:broadcasting]
m = torch.tensor([[1.0, 2.0, 3.0],
                  [4.0, 5.0, 6.0]])  # shape (2, 3)
column = torch.tensor([[1.0],
                       [10.0]])  # shape (2, 1): stretched along the 3 columns
row = torch.tensor([1.0, 10.0, 100.0])  # shape (3,): treated as (1, 3), stretched down the 2 rows
print(m / column)
print(m / row)
# --8<-- [end:broadcasting]

# %%
# --8<-- [start:shape-error]
totals = torch.sum(torch.exp(scores), dim=1)  # shape (64,), without the view
try:
    torch.exp(scores) / totals  # (64, 10) / (64,): 64 is lined up against 10
except RuntimeError as error:
    print("RuntimeError:", error)
# --8<-- [end:shape-error]

# %%
# --8<-- [start:silent-bug]
wrong_totals = torch.sum(torch.exp(scores), dim=0)  # dim=0 by mistake: shape (10,)
wrong = torch.exp(scores) / wrong_totals  # no error: every column is divided by its own total
print(wrong.shape)
print(wrong.sum(dim=1)[:5])  # rows no longer sum to 1...
print(wrong.sum(dim=0)[:5])  # ...the columns do

print((totals.view(-1, 1) / totals).shape)  # (64, 1) and (64,) broadcast to (64, 64)
# --8<-- [end:silent-bug]

# %%
# --8<-- [start:softmax-check]
probabilities = softmax(scores)
print(probabilities.shape)
print(probabilities.sum(dim=1)[:5])
print(torch.allclose(probabilities.sum(dim=1), torch.ones(64)))
print(torch.allclose(probabilities, torch.softmax(scores, dim=1)))
# --8<-- [end:softmax-check]

# %%
# --8<-- [start:clusters]
torch.manual_seed(0)
n = 500  # points per class
cluster_0 = 4 + 2 * torch.randn(n, 2)  # N(4, 2)
cluster_1 = -4 + torch.randn(n, 2)  # N(-4, 1)
cluster_2 = -8 + torch.randn(n, 2)  # N(-8, 1)
points = torch.cat((cluster_0, cluster_1, cluster_2))
labels = torch.cat((torch.zeros(n), torch.ones(n), torch.full((n,), 2))).long()  # class indices 0, 1, 2
print(points.shape, labels.shape, labels.dtype)
print(labels.bincount())
# --8<-- [end:clusters]

# %%
# --8<-- [start:model]
device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
X, y = points.to(device), labels.to(device)

torch.manual_seed(1)
model = nn.Sequential(
    nn.Linear(2, 20),
    nn.ReLU(),
    nn.Linear(20, 3),  # 3 raw scores (logits), one per class; no softmax here
).to(device)
model
# --8<-- [end:model]

# %%
# --8<-- [start:train]
def fit(model, loss_fn, X, y, epochs=300, lr=0.1):
    """Full-batch gradient descent on the points X with labels y; returns the loss of every epoch."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    model.train()
    for epoch in range(epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


loss_fn = nn.CrossEntropyLoss()  # takes logits and class indices
losses = fit(model, loss_fn, X, y)
for epoch in (0, 49, 99, 199, 299):
    print(f"epoch {epoch + 1:3d}: loss {losses[epoch]:.4f}")
# --8<-- [end:train]

# %%
# --8<-- [start:evaluate]
model.eval()
with torch.no_grad():  # predictions only: no gradients needed
    logits = model(X)
    predicted = logits.argmax(dim=1)  # the class with the highest score
    final_loss = loss_fn(logits, y).item()
    acc = (predicted == y).float().mean().item()
print(f"on the training points: final loss {final_loss:.4f}, accuracy {acc:.4f}")
# --8<-- [end:evaluate]

# %%
# --8<-- [start:decision-regions]
fig, ax = plt.subplots(figsize=(5, 4.5))
plot_decision_regions(model, points, labels, ax=ax)
ax.set_title("Predicted class over the plane (2-20-3 network)")
plt.show()
# --8<-- [end:decision-regions]

# %%
# --8<-- [start:probabilities]
chosen = torch.tensor([0, 500, 1000])  # one point of each class
print(logits[chosen])  # raw scores: any real numbers
print(torch.softmax(logits[chosen], dim=1))  # probabilities: each row sums to 1
# --8<-- [end:probabilities]

# %%
# --8<-- [start:softmax-before-loss]
torch.manual_seed(1)  # the same starting weights as before
squashed = nn.Sequential(nn.Linear(2, 20), nn.ReLU(), nn.Linear(20, 3), nn.Softmax(dim=1)).to(device)
squashed_losses = fit(squashed, nn.CrossEntropyLoss(), X, y)  # WRONG: softmax before CrossEntropyLoss

squashed.eval()
with torch.no_grad():
    squashed_acc = (squashed(X).argmax(dim=1) == y).float().mean().item()
print(f"logits:           final loss {losses[-1]:.4f}, training accuracy {acc:.4f}")
print(f"softmax in front: final loss {squashed_losses[-1]:.4f}, training accuracy {squashed_acc:.4f}")

# The best a softmax output can do is (1, 0, 0); CrossEntropyLoss still sees a mediocre score
floor = nn.CrossEntropyLoss()(torch.tensor([[1.0, 0.0, 0.0]]), torch.tensor([0])).item()
print(f"lowest loss reachable with softmax in front: {floor:.4f}")

fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(losses, label="logits -> CrossEntropyLoss")
ax.plot(squashed_losses, label="softmax -> CrossEntropyLoss (wrong)")
ax.axhline(floor, color="grey", lw=0.8, ls="--", label="floor with softmax in front")
ax.set_xlabel("epoch")
ax.set_ylabel("loss")
ax.legend()
plt.show()
# --8<-- [end:softmax-before-loss]

# %%
# --8<-- [start:log-softmax]
torch.manual_seed(1)
log_model = nn.Sequential(
    nn.Linear(2, 20),
    nn.ReLU(),
    nn.Linear(20, 3),
    nn.LogSoftmax(dim=1),  # the model now outputs log-probabilities
).to(device)
log_losses = fit(log_model, nn.NLLLoss(), X, y)  # NLLLoss expects log-probabilities
print(f"LogSoftmax + NLLLoss: final loss {log_losses[-1]:.4f}")

log_model.eval()
with torch.no_grad():
    log_probabilities = log_model(X)
    ps = torch.exp(log_probabilities)  # back to probabilities
print(ps[chosen])
print(ps.sum(dim=1)[:5])
print(torch.allclose(ps.sum(dim=1), torch.ones(len(ps), device=device)))
# --8<-- [end:log-softmax]

# %%
# --8<-- [start:moons]
torch.manual_seed(0)
n_moon = 500  # points per class
angle = torch.pi * torch.rand(n_moon)  # random angles between 0 and pi
upper = torch.stack((torch.cos(angle), torch.sin(angle)), dim=1)  # an arch: the upper half of a circle
angle = torch.pi * torch.rand(n_moon)
lower = torch.stack((1 - torch.cos(angle), 0.5 - torch.sin(angle)), dim=1)  # upside down, shifted into it
moon_points = torch.cat((upper, lower)) + 0.15 * torch.randn(2 * n_moon, 2)  # plus a little noise
moon_labels = torch.cat((torch.zeros(n_moon), torch.ones(n_moon))).long()
X_moon, y_moon = moon_points.to(device), moon_labels.to(device)
print(moon_points.shape, moon_labels.bincount())
# --8<-- [end:moons]

# %%
# --8<-- [start:moons-linear]
torch.manual_seed(1)
linear = nn.Linear(2, 2).to(device)  # no hidden layer: the boundary can only be a straight line
linear_losses = fit(linear, nn.CrossEntropyLoss(), X_moon, y_moon, epochs=500, lr=0.5)

linear.eval()
with torch.no_grad():
    linear_acc = (linear(X_moon).argmax(dim=1) == y_moon).float().mean().item()
print(f"linear model:  final loss {linear_losses[-1]:.4f}, training accuracy {linear_acc:.4f}")

fig, ax = plt.subplots(figsize=(5, 4.5))
plot_decision_regions(linear, moon_points, moon_labels, ax=ax)
ax.set_title("Two moons, linear model (2-2)")
plt.show()
# --8<-- [end:moons-linear]

# %%
# --8<-- [start:moons-network]
torch.manual_seed(1)
network = nn.Sequential(nn.Linear(2, 20), nn.ReLU(), nn.Linear(20, 2)).to(device)  # one hidden layer
network_losses = fit(network, nn.CrossEntropyLoss(), X_moon, y_moon, epochs=500, lr=0.5)

network.eval()
with torch.no_grad():
    network_acc = (network(X_moon).argmax(dim=1) == y_moon).float().mean().item()
print(f"2-20-2 network: final loss {network_losses[-1]:.4f}, training accuracy {network_acc:.4f}")

fig, ax = plt.subplots(figsize=(5, 4.5))
plot_decision_regions(network, moon_points, moon_labels, ax=ax)
ax.set_title("Two moons, network with a hidden layer (2-20-2)")
plt.show()
# --8<-- [end:moons-network]

# %%
# --8<-- [start:exercise-1-solution]
def stable_softmax(x):
    """Softmax that never overflows: shift each row so its largest score is 0."""
    shifted = x - x.max(dim=1, keepdim=True).values  # shape (N, 1): broadcasts over the row
    return torch.exp(shifted) / torch.sum(torch.exp(shifted), dim=1, keepdim=True)


big = torch.tensor([[1000.0, 1001.0, 1002.0]])
print(torch.exp(big))  # too large for float32
print(softmax(big))  # inf / inf = nan
print(stable_softmax(big))
print(torch.allclose(stable_softmax(big), torch.softmax(big, dim=1)))
print(torch.allclose(stable_softmax(scores), softmax(scores)))  # same result on ordinary scores
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
torch.manual_seed(3)
some_logits = torch.randn(8, 3)
targets = torch.randint(0, 3, (8,))

ce = nn.CrossEntropyLoss()(some_logits, targets)
nll = nn.NLLLoss()(torch.log_softmax(some_logits, dim=1), targets)
print(f"CrossEntropyLoss: {ce.item():.4f}")
print(f"NLLLoss(log_softmax): {nll.item():.4f}")
print(torch.allclose(ce, nll))
# --8<-- [end:exercise-2-solution]
