# Lesson 10: validation, over-fitting and dropout on Fashion-MNIST.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import copy

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split
from torchvision import datasets, transforms

device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
# --8<-- [end:imports]

# %%
# --8<-- [start:helpers]
from snippets.data import as_tensors
from snippets.train import train_epoch
# --8<-- [end:helpers]

# %%
# --8<-- [start:split]
transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
train_set = datasets.FashionMNIST(root="data", train=True, download=True, transform=transform)
classes = train_set.classes
images, labels = as_tensors(train_set)  # all 60 000 images normalised once, as transform would
full = TensorDataset(images, labels)

# 50 000 images to train on, 10 000 for validation: the same split on every run
train_part, val_part = random_split(full, [50_000, 10_000], generator=torch.Generator().manual_seed(0))
print(len(full), "training images:", len(train_part), "to train on,", len(val_part), "for validation")
print("validation images per class:", torch.bincount(labels[val_part.indices]).tolist())

loader_generator = torch.Generator().manual_seed(0)  # reproducible shuffling
train_loader = DataLoader(train_part, batch_size=256, shuffle=True, generator=loader_generator)
val_loader = DataLoader(val_part, batch_size=1000)
print(len(train_loader), "batches of 256 per epoch")
# --8<-- [end:split]

# %%
# --8<-- [start:model]
def make_mlp(p=0.0):
    """784-128-128-10 MLP; with p > 0 an nn.Dropout(p) follows each hidden layer."""
    torch.manual_seed(0)  # Dropout has no weights: every network starts from the same weights
    layers = [nn.Flatten()]
    for n_in in (784, 128):
        layers += [nn.Linear(n_in, 128), nn.ReLU()]
        if p > 0:
            layers.append(nn.Dropout(p))
    layers.append(nn.Linear(128, 10))  # logits for CrossEntropyLoss
    return nn.Sequential(*layers).to(device)


loss_fn = nn.CrossEntropyLoss()


def evaluate(model, loader):
    """Mean loss and accuracy on a loader, in eval mode, without gradients."""
    model.eval()
    total_loss, correct = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            logits = model(x)
            total_loss += loss_fn(logits, y).item() * len(y)
            correct += (logits.argmax(dim=1) == y).sum().item()
    return total_loss / len(loader.dataset), correct / len(loader.dataset)


def fit(model, epochs=20):
    """Train with Adam; after each epoch measure the validation loss and keep the best weights."""
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader_generator.manual_seed(0)  # the same batches, in the same order, for every network
    history = {"train": [], "val": []}
    best_loss, best_state, best_epoch = float("inf"), None, 0
    for epoch in range(1, epochs + 1):
        train_loss = train_epoch(model, train_loader, loss_fn, optimizer, device)
        val_loss, val_accuracy = evaluate(model, val_loader)
        history["train"].append(train_loss)
        history["val"].append(val_loss)
        if val_loss < best_loss:  # a new best epoch: copy its weights (early stopping)
            best_loss, best_epoch = val_loss, epoch
            best_state = copy.deepcopy(model.state_dict())
        print(f"epoch {epoch:2}: training loss {train_loss:.4f}, validation loss {val_loss:.4f}, "
              f"validation accuracy {val_accuracy:.1%}" + ("  <- best so far" if epoch == best_epoch else ""))
    return history, best_state, best_epoch


plain_model = make_mlp()
print(plain_model)
print(sum(p.numel() for p in plain_model.parameters()), "weights and biases")
# --8<-- [end:model]

# %%
# --8<-- [start:train-plain]
plain_history, plain_best_state, plain_best_epoch = fit(plain_model)
# --8<-- [end:train-plain]

# %%
# --8<-- [start:overfit-plot]
epochs = range(1, 21)
fig, ax = plt.subplots(figsize=(6, 3.6))
ax.plot(epochs, plain_history["train"], "o-", label="training loss")
ax.plot(epochs, plain_history["val"], "s--", label="validation loss")
ax.axvline(plain_best_epoch, color="grey", ls=":", label=f"lowest validation loss (epoch {plain_best_epoch})")
ax.set_xticks(range(2, 21, 2))
ax.set_xlabel("epoch")
ax.set_ylabel("cross-entropy loss")
ax.set_title("MLP without dropout")
ax.legend()
plt.show()
# --8<-- [end:overfit-plot]

# %%
# --8<-- [start:dropout-layer]
torch.manual_seed(0)
dropout = nn.Dropout(p=0.2)
x = torch.ones(2, 10)
print("train mode:\n", dropout(x))  # a new module is in train mode
dropout.eval()
print("eval mode:\n", dropout(x))
# --8<-- [end:dropout-layer]

# %%
# --8<-- [start:train-dropout]
dropout_model = make_mlp(p=0.2)
print(dropout_model)
dropout_history, dropout_best_state, dropout_best_epoch = fit(dropout_model)
# --8<-- [end:train-dropout]

# %%
# --8<-- [start:compare-plot]
fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
runs = [("without dropout", plain_history, plain_best_epoch), ("with Dropout(p=0.2)", dropout_history, dropout_best_epoch)]
for ax, (title, history, best_epoch) in zip(axes, runs):
    ax.plot(epochs, history["train"], "o-", label="training loss")
    ax.plot(epochs, history["val"], "s--", label="validation loss")
    ax.fill_between(epochs, history["train"], history["val"], color="tab:red", alpha=0.15, label="gap")
    ax.axvline(best_epoch, color="grey", ls=":", label=f"best epoch ({best_epoch})")
    ax.set_title(title)
    ax.set_xlabel("epoch")
    ax.set_xticks(range(2, 21, 2))
    ax.legend()
axes[0].set_ylabel("cross-entropy loss")
plt.show()

for title, history, _ in runs:
    print(f"{title:<20} epoch 20: training {history['train'][-1]:.4f}, validation {history['val'][-1]:.4f}, "
          f"gap {history['val'][-1] - history['train'][-1]:.4f}")
# --8<-- [end:compare-plot]

# %%
# --8<-- [start:train-eval]
image = val_part[0][0].unsqueeze(0).to(device)  # one validation image, as a batch of one

dropout_model.train()
with torch.no_grad():
    first, second = dropout_model(image), dropout_model(image)
print("train mode, first 5 logits of two runs:", first[0, :5], second[0, :5], sep="\n")
print("equal:", torch.equal(first, second))

dropout_model.eval()
with torch.no_grad():
    first, second = dropout_model(image), dropout_model(image)
print("eval mode, first 5 logits of two runs:", first[0, :5], second[0, :5], sep="\n")
print("equal:", torch.equal(first, second))
# --8<-- [end:train-eval]

# %%
# --8<-- [start:batch-norm]
bn = nn.BatchNorm1d(1)  # one feature; a new module is in train mode
batch = torch.tensor([[1.0], [2.0], [3.0], [10.0]])
with torch.no_grad():
    print(f"train mode, the value 1.0 in a batch of 2: {bn(batch[:2])[0].item():.4f}")
    print(f"train mode, the value 1.0 in a batch of 4: {bn(batch)[0].item():.4f}")
    bn.eval()
    print(f"running mean {bn.running_mean.item():.4f}, running variance {bn.running_var.item():.4f}")
    print(f"eval mode,  the value 1.0 in a batch of 2: {bn(batch[:2])[0].item():.4f}")
    print(f"eval mode,  the value 1.0 in a batch of 4: {bn(batch)[0].item():.4f}")
# --8<-- [end:batch-norm]

# %%
# --8<-- [start:early-stopping]
live = dropout_model.state_dict()  # no copy: the same tensors as the model's weights
print("state_dict shares the weights' memory:", live["1.weight"].data_ptr() == dropout_model[1].weight.data_ptr())

for name, model, state, best_epoch, history in [
        ("without dropout", plain_model, plain_best_state, plain_best_epoch, plain_history),
        ("with dropout", dropout_model, dropout_best_state, dropout_best_epoch, dropout_history)]:
    model.load_state_dict(state)  # back to the weights of the best epoch
    val_loss, val_accuracy = evaluate(model, val_loader)
    print(f"{name:<16} best epoch {best_epoch:2}: validation loss {val_loss:.4f} "
          f"(epoch 20: {history['val'][-1]:.4f}), validation accuracy {val_accuracy:.1%}")
# --8<-- [end:early-stopping]

# %%
# --8<-- [start:test]
test_set = datasets.FashionMNIST(root="data", train=False, download=True, transform=transform)
test_images, test_labels = as_tensors(test_set)
test_loader = DataLoader(TensorDataset(test_images, test_labels), batch_size=1000)

test_loss, test_accuracy = evaluate(dropout_model, test_loader)  # once, for the chosen model
print(f"test accuracy of the best dropout model: {test_accuracy:.1%} on {len(test_set)} test images")
# --8<-- [end:test]

# %%
# --8<-- [start:inference]
dropout_model.eval()  # dropout off: the same answer every time
with torch.inference_mode():
    logits = dropout_model(test_images[:24].to(device))
    probs = torch.softmax(logits, dim=1).cpu()  # every row: 10 probabilities that sum to 1
print("requires_grad:", probs.requires_grad, " inference tensor:", probs.is_inference())
print("sum of each row:", probs.sum(dim=1)[:4])

confidence, predicted = probs.max(dim=1)
for i in range(4):
    print(f"image {i}: {classes[predicted[i]]:<12} {confidence[i]:.1%}   (true: {classes[test_labels[i]]})")
# --8<-- [end:inference]

# %%
# --8<-- [start:prediction-grid]
fig, axes = plt.subplots(3, 8, figsize=(12, 6.2), layout="constrained")
for i, ax in enumerate(axes.flat):
    ax.imshow(test_images[i, 0].numpy(), cmap="gray_r")
    right = predicted[i] == test_labels[i]
    ax.set_title(f"{classes[predicted[i]]} {confidence[i]:.0%}\n"
                 + ("" if right else f"true: {classes[test_labels[i]]}"),
                 fontsize=8, color="black" if right else "red")
    ax.set_xticks([])
    ax.set_yticks([])
    if not right:  # a red frame around each mistake
        for side in ax.spines.values():
            side.set_color("red")
            side.set_linewidth(2)
fig.suptitle("predicted class and its probability; mistakes in red, with the true class")
plt.show()
print("wrong among these 24:", (predicted != test_labels[:24]).sum().item())
# --8<-- [end:prediction-grid]

# %%
# --8<-- [start:exercise-1-solution]
strong_model = make_mlp(p=0.5)
strong_history, strong_best_state, strong_best_epoch = fit(strong_model)
for name, history, best_epoch in [("p=0.2", dropout_history, dropout_best_epoch),
                                  ("p=0.5", strong_history, strong_best_epoch)]:
    print(f"{name}: lowest validation loss {min(history['val']):.4f} (epoch {best_epoch}), "
          f"gap at epoch 20 {history['val'][-1] - history['train'][-1]:.4f}")
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
def stopping_epoch(val_losses, patience):
    """The epoch at which training stops: `patience` epochs in a row without a new best."""
    best, waited = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, waited = loss, 0
        else:
            waited += 1
            if waited == patience:
                return epoch
    return len(val_losses)  # never ran out of patience


for name, history in [("without dropout", plain_history), ("with dropout", dropout_history)]:
    for patience in (3, 5):
        stop = stopping_epoch(history["val"], patience)
        kept = min(range(stop), key=lambda i: history["val"][i]) + 1  # best epoch up to the stop
        print(f"{name:<16} patience {patience}: stops after epoch {stop:2}, keeps epoch {kept:2} "
              f"(validation loss {history['val'][kept - 1]:.4f})")
# --8<-- [end:exercise-2-solution]
