# Lesson 8: training neural networks.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn, optim
from torch.utils.data import DataLoader, random_split
from torchvision import datasets, transforms

device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
device
# --8<-- [end:imports]

# %%
# --8<-- [start:helpers]
from snippets.plots import view_classify
# --8<-- [end:helpers]

# %%
# --8<-- [start:mse]
x = torch.tensor([1.0, 2.0, 3.0])  # inputs
y = torch.tensor([2.0, 4.0, 6.0])  # targets: y = 2·x
w = 1.5  # a guess for the one weight of the model y_hat = w·x

y_hat = w * x
mse = nn.MSELoss()
print("predictions:", y_hat)
print("errors:     ", y_hat - y)
print(f"MSE by hand:   {((y_hat - y) ** 2).mean().item():.4f}")
print(f"nn.MSELoss():  {mse(y_hat, y).item():.4f}")
# --8<-- [end:mse]

# %%
# --8<-- [start:gradient-descent]
def descend(lr, steps=10, start=0.0):
    """Gradient descent on the single weight w; returns every w visited."""
    w = torch.tensor(start, requires_grad=True)
    path = [w.item()]
    for _ in range(steps):
        loss = mse(w * x, y)
        loss.backward()  # fills w.grad with d(loss)/dw
        with torch.no_grad():
            w -= lr * w.grad  # one step downhill
        w.grad.zero_()  # gradients accumulate: clear them for the next step
        path.append(w.item())
    return path


for lr in (0.02, 0.1, 0.25):
    path = descend(lr)
    print(f"lr={lr:<4}  w after 10 steps = {path[-1]:8.4f}   loss = {mse(path[-1] * x, y).item():.4f}")
# --8<-- [end:gradient-descent]

# %%
# --8<-- [start:landscape-plot]
ws = torch.linspace(-3.5, 7.5, 200)
landscape = torch.stack([mse(v * x, y) for v in ws])

fig, axes = plt.subplots(1, 3, figsize=(11, 3.4), sharex=True, sharey=True)
for ax, lr, title in zip(axes, (0.02, 0.1, 0.25), ("too small", "about right", "too large")):
    path = descend(lr, steps=4)
    ax.plot(ws.numpy(), landscape.numpy(), color="grey")
    ax.plot(path, [mse(p * x, y).item() for p in path], "o-", color="crimson", ms=4)
    ax.set_title(f"lr = {lr}: {title}")
    ax.set_xlabel("weight w")
axes[0].set_ylabel("loss (MSE)")
axes[0].set_ylim(-3, 120)
fig.tight_layout()
plt.show()
# --8<-- [end:landscape-plot]

# %%
# --8<-- [start:chain-rule]
x0, target = torch.tensor(2.0), torch.tensor(1.0)
w1 = torch.tensor(0.5, requires_grad=True)
w2 = torch.tensor(-1.0, requires_grad=True)

h = torch.sigmoid(w1 * x0)  # layer 1
out = w2 * h  # layer 2
loss = (out - target) ** 2
loss.backward()

# The chain rule, one factor per layer, from the loss backwards
d_out = 2 * (out - target)  # d(loss)/d(out)
print(f"dloss/dw2: by hand {(d_out * h).item():.4f}, autograd {w2.grad.item():.4f}")
print(f"dloss/dw1: by hand {(d_out * w2 * h * (1 - h) * x0).item():.4f}, autograd {w1.grad.item():.4f}")
# --8<-- [end:chain-rule]

# %%
# --8<-- [start:data]
transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
train_set = datasets.MNIST(root="data", train=True, download=True, transform=transform)

# Keep 10 % of the training images aside for validation, the same 10 % on every run
train_part, val_part = random_split(train_set, [0.9, 0.1], generator=torch.Generator().manual_seed(0))

generator = torch.Generator().manual_seed(0)  # the shuffling order is reproducible
trainloader = DataLoader(train_part, batch_size=64, shuffle=True, generator=generator)
valloader = DataLoader(val_part, batch_size=1000)  # no shuffling needed to evaluate

images, labels = next(iter(trainloader))
images = images.view(images.shape[0], -1).to(device)  # (64, 1, 28, 28) -> (64, 784)
labels = labels.to(device)
print(images.shape, labels.shape)
print(len(train_set), "training images:", len(train_part), "to train on,", len(val_part), "for validation")
print(len(trainloader), "batches of 64 per epoch")
# --8<-- [end:data]

# %%
# --8<-- [start:model]
def make_model():
    """The 784-128-64-10 network; it outputs log-probabilities."""
    return nn.Sequential(
        nn.Linear(784, 128),
        nn.ReLU(),
        nn.Linear(128, 64),
        nn.ReLU(),
        nn.Linear(64, 10),
        nn.LogSoftmax(dim=1),
    )


torch.manual_seed(7)
model = make_model().to(device)
model
# --8<-- [end:model]

# %%
# --8<-- [start:cross-entropy]
logits = model[:-1](images)  # every layer but LogSoftmax: raw scores
print(logits.shape)
print(logits[0])

criterion = nn.CrossEntropyLoss()  # applies log-softmax itself: give it raw scores
print(f"CrossEntropyLoss on logits: {criterion(logits, labels).item():.4f}")
# --8<-- [end:cross-entropy]

# %%
# --8<-- [start:nll-loss]
criterion = nn.NLLLoss()
log_probs = model(images)  # the whole model, LogSoftmax included
loss = criterion(log_probs, labels)
print(f"NLLLoss on log-probabilities: {loss.item():.4f}")
print(f"log(10) = {np.log(10):.4f}")  # the loss of a model that gives every class 1/10
# --8<-- [end:nll-loss]

# %%
# --8<-- [start:probabilities]
probs = torch.exp(log_probs)  # undo the log: probabilities
print(probs[0])
print(probs.sum(dim=1)[:5])  # every row sums to 1
# --8<-- [end:probabilities]

# %%
# --8<-- [start:model-autograd]
print("before backward:", model[0].weight.grad)
loss.backward()  # backpropagation through all five layers
print("after backward: ", model[0].weight.grad.shape)
print(model[0].weight.grad[0, 400:405])
# --8<-- [end:model-autograd]

# %%
# --8<-- [start:training-step]
def show(t):
    """Five numbers with seven decimals: enough to see a tiny step."""
    return "  ".join(f"{v:+.7f}" for v in t.tolist())


optimizer = optim.SGD(model.parameters(), lr=0.003)
few = (0, slice(400, 405))  # first hidden unit, five pixels near the middle of the image
before = model[0].weight[few].detach().clone()  # a copy: step() changes the weights in place

optimizer.zero_grad()  # clear the gradients the last backward left behind
output = model(images)  # forward
loss = criterion(output, labels)  # loss
loss.backward()  # gradients
optimizer.step()  # w <- w - lr * gradient

after = model[0].weight[few].detach()
gradient = model[0].weight.grad[few]
print("weight before:", show(before))
print("gradient:     ", show(gradient))
print("weight after: ", show(after))
print("change:       ", show(after - before))
print("-lr * grad:   ", show(-0.003 * gradient))
# --8<-- [end:training-step]

# %%
# --8<-- [start:evaluate]
def evaluate(model, loader, criterion):
    """Mean loss and accuracy on images the model does not train on."""
    model.eval()  # evaluation mode (matters for layers such as dropout)
    total_loss, correct = 0.0, 0
    with torch.no_grad():  # no graph, no gradients: faster and lighter
        for images, labels in loader:
            images, labels = images.view(images.shape[0], -1).to(device), labels.to(device)
            output = model(images)
            total_loss += criterion(output, labels).item() * len(labels)
            correct += (output.argmax(dim=1) == labels).sum().item()
    return total_loss / len(loader.dataset), correct / len(loader.dataset)


val_loss, val_accuracy = evaluate(model, valloader, criterion)
print(f"after one step: validation loss {val_loss:.4f}, validation accuracy {val_accuracy:.1%}")
# --8<-- [end:evaluate]

# %%
# --8<-- [start:train]
def train(model, optimizer, criterion, epochs=5):
    """Train for some epochs; return the training and validation loss of each epoch."""
    generator.manual_seed(0)  # the same batches, in the same order, on every run
    train_losses, val_losses = [], []
    for epoch in range(epochs):
        model.train()
        running_loss = 0.0
        for images, labels in trainloader:
            images = images.view(images.shape[0], -1).to(device)  # flatten to (batch, 784)
            labels = labels.to(device)

            optimizer.zero_grad()
            output = model(images)
            loss = criterion(output, labels)
            loss.backward()
            optimizer.step()

            running_loss += loss.item() * len(labels)  # loss.item() is the batch mean
        train_losses.append(running_loss / len(trainloader.dataset))  # mean loss per image
        val_loss, val_accuracy = evaluate(model, valloader, criterion)
        val_losses.append(val_loss)
        print(f"epoch {epoch + 1}/{epochs}: training loss {train_losses[-1]:.4f}, "
              f"validation loss {val_loss:.4f}, validation accuracy {val_accuracy:.1%}")
    return train_losses, val_losses


torch.manual_seed(7)
model = make_model().to(device)  # a fresh, untrained network
criterion = nn.NLLLoss()
train_losses, val_losses = train(model, optim.SGD(model.parameters(), lr=0.003), criterion)
# --8<-- [end:train]

# %%
# --8<-- [start:momentum]
torch.manual_seed(7)
momentum_model = make_model().to(device)  # the same starting weights as the plain SGD run
optimizer = optim.SGD(momentum_model.parameters(), lr=0.003, momentum=0.9)
momentum_train_losses, momentum_val_losses = train(momentum_model, optimizer, criterion)

print(f"validation accuracy, plain SGD:     {evaluate(model, valloader, criterion)[1]:.1%}")
print(f"validation accuracy, momentum=0.9:  {evaluate(momentum_model, valloader, criterion)[1]:.1%}")
# --8<-- [end:momentum]

# %%
# --8<-- [start:loss-plot]
epoch_numbers = range(1, 6)
fig, ax = plt.subplots(figsize=(6, 3.6))
ax.plot(epoch_numbers, train_losses, "o-", color="tab:blue", label="SGD, training")
ax.plot(epoch_numbers, val_losses, "o--", color="tab:blue", label="SGD, validation")
ax.plot(epoch_numbers, momentum_train_losses, "s-", color="tab:orange", label="momentum, training")
ax.plot(epoch_numbers, momentum_val_losses, "s--", color="tab:orange", label="momentum, validation")
ax.axhline(np.log(10), color="grey", ls=":", label="log(10): guessing uniformly")
ax.legend(fontsize=8)
ax.set_xticks(epoch_numbers)
ax.set_ylim(bottom=0)
ax.set_xlabel("epoch")
ax.set_ylabel("loss (NLLLoss)")
ax.set_title("lr = 0.003, batch size 64, same start and batches")
plt.show()
# --8<-- [end:loss-plot]

# %%
# --8<-- [start:test-accuracy]
test_set = datasets.MNIST(root="data", train=False, download=True, transform=transform)
testloader = DataLoader(test_set, batch_size=1000)

test_loss, test_accuracy = evaluate(momentum_model, testloader, criterion)  # once, for the chosen setting
print(f"test accuracy with momentum: {test_accuracy:.1%} on {len(test_set)} test images")
# --8<-- [end:test-accuracy]

# %%
# --8<-- [start:classify]
picks = [(test_set.targets == digit).nonzero()[0].item() for digit in (1, 3, 5)]  # first 1, 3 and 5

momentum_model.eval()
with torch.no_grad():
    for i in picks:
        image, label = test_set[i]
        probs = torch.exp(momentum_model(image.view(1, 784).to(device))).cpu()  # log-probabilities -> probabilities
        view_classify(image, probs[0])
        plt.title(f"Class probability (true digit: {label})")
plt.show()
# --8<-- [end:classify]

# %%
# --8<-- [start:exercise-1-solution]
results = {}
for lr in (0.03, 0.3):
    torch.manual_seed(7)
    net = make_model().to(device)
    print(f"lr={lr}, no momentum:")
    train(net, optim.SGD(net.parameters(), lr=lr), criterion)
    results[f"lr={lr}, no momentum"] = evaluate(net, valloader, criterion)[1]
results["lr=0.003, momentum=0.9"] = evaluate(momentum_model, valloader, criterion)[1]
for name, acc in results.items():
    print(f"{name:<24} validation accuracy {acc:.1%}")
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
torch.manual_seed(7)
model_ce = make_model()[:-1].to(device)  # the same weights, no LogSoftmax: it outputs logits
ce_losses, _ = train(model_ce, optim.SGD(model_ce.parameters(), lr=0.003), nn.CrossEntropyLoss())
print("CrossEntropyLoss run:", [f"{v:.4f}" for v in ce_losses])
print("NLLLoss run:         ", [f"{v:.4f}" for v in train_losses])
print("same losses:", np.allclose(ce_losses, train_losses))
# --8<-- [end:exercise-2-solution]
