# Lesson 11: saving and loading models.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import pickle
import re
from argparse import Namespace
from pathlib import Path

import matplotlib.pyplot as plt
import torch
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset
from torchvision import datasets, transforms

device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
folder = Path("checkpoints")  # every file this lesson writes goes here
folder.mkdir(exist_ok=True)
device
# --8<-- [end:imports]

# %%
# --8<-- [start:helpers]
from snippets.data import as_tensors
# --8<-- [end:helpers]

# %%
# --8<-- [start:data]
transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
train_set = datasets.FashionMNIST(root="data", train=True, download=True, transform=transform)
test_set = datasets.FashionMNIST(root="data", train=False, download=True, transform=transform)

images, labels = as_tensors(train_set)  # all 60 000 images as one tensor, once
images = images[:3000].view(-1, 784)  # a small subset, flattened: enough to show the ideas
labels = labels[:3000]
test_images, test_labels = as_tensors(test_set)
test_images = test_images[:1000].view(-1, 784).to(device)
test_labels = test_labels[:1000].to(device)
print("training:", images.shape, " test:", test_images.shape)
# --8<-- [end:data]

# %%
# --8<-- [start:model]
def make_model(hidden=64):
    """A 784-hidden-10 network; `hidden` is the one setting that changes its shape."""
    return nn.Sequential(nn.Linear(784, hidden), nn.ReLU(), nn.Linear(hidden, 10))


torch.manual_seed(0)
model = make_model().to(device)
model
# --8<-- [end:model]

# %%
# --8<-- [start:state-dict]
state = model.state_dict()
print(type(state).__name__)
for name, tensor in state.items():
    print(f"{name:<9} {str(tuple(tensor.shape)):<10} {tensor.dtype}")
print(sum(t.numel() for t in state.values()), "numbers in all")
# --8<-- [end:state-dict]

# %%
# --8<-- [start:save-weights]
torch.save(model.state_dict(), folder / "weights.pt")

loaded = torch.load(folder / "weights.pt", weights_only=True)  # a dict of tensors, nothing else
restored = make_model().to(device)  # a new network with its own random weights...
print(restored.load_state_dict(loaded))  # ...gets the saved ones
with torch.no_grad():
    print("same outputs:", torch.equal(model(test_images), restored(test_images)))
# --8<-- [end:save-weights]

# %%
# --8<-- [start:weights-only]
args = Namespace(hidden=64, lr=0.001)  # settings as a training script's argparse gives them
torch.save({"args": args, "weights": model.state_dict()}, folder / "with_class.pt")

try:
    torch.load(folder / "with_class.pt", weights_only=True)
except pickle.UnpicklingError as error:
    print(type(error).__name__)
    print(re.sub(r"\x1b\[\d*m", "", str(error)))  # drop the terminal's bold marks
# --8<-- [end:weights-only]

# %%
# --8<-- [start:safe-globals]
with torch.serialization.safe_globals([Namespace]):  # we trust this one class, nothing else
    trusted = torch.load(folder / "with_class.pt", weights_only=True)
print(trusted["args"])
# --8<-- [end:safe-globals]

# %%
# --8<-- [start:train]
def train(model, optimizer, loader, epochs, first=1):
    """Train for some epochs; print and return the mean loss of each."""
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    for epoch in range(first, first + epochs):
        model.train()
        total = 0.0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(y)
        losses.append(total / len(loader.dataset))
        print(f"epoch {epoch}: loss {losses[-1]:.6f}")
    return losses


def start(hparams, seed=0):
    """A fresh run: model, optimizer and shuffling generator, all from fixed seeds."""
    torch.manual_seed(seed)
    model = make_model(hparams["hidden"]).to(device)
    optimizer = optim.Adam(model.parameters(), lr=hparams["lr"])
    generator = torch.Generator().manual_seed(seed)  # decides the batch order
    loader = DataLoader(TensorDataset(images, labels), batch_size=64, shuffle=True, generator=generator)
    return model, optimizer, generator, loader


hparams = {"hidden": 64, "lr": 0.001}
model, optimizer, generator, loader = start(hparams)
print("uninterrupted run, 4 epochs:")
full_losses = train(model, optimizer, loader, epochs=4)
# --8<-- [end:train]

# %%
# --8<-- [start:checkpoint]
model, optimizer, generator, loader = start(hparams)  # the same run from the start...
first_losses = train(model, optimizer, loader, epochs=2)  # ...stopped after 2 epochs

checkpoint = {
    "model": model.state_dict(),
    "optimizer": optimizer.state_dict(),
    "epoch": 2,
    "hparams": hparams,  # what make_model and Adam need to rebuild everything
    "generator": generator.get_state(),  # where the shuffling order has got to
}
torch.save(checkpoint, folder / "checkpoint.pt")
print("checkpoint keys:", list(checkpoint))
print("optimizer state_dict keys:", list(checkpoint["optimizer"]))
print("Adam's memory for 0.weight:", {k: tuple(v.shape) for k, v in checkpoint["optimizer"]["state"][0].items()})
# --8<-- [end:checkpoint]

# %%
# --8<-- [start:resume]
del model, optimizer, generator, loader  # as if the program had stopped here

checkpoint = torch.load(folder / "checkpoint.pt", weights_only=True, map_location=device)
model, optimizer, generator, loader = start(checkpoint["hparams"], seed=123)  # any seed: all is overwritten
model.load_state_dict(checkpoint["model"])
optimizer.load_state_dict(checkpoint["optimizer"])
generator.set_state(checkpoint["generator"])

print(f"resuming after epoch {checkpoint['epoch']}:")
resumed_losses = train(model, optimizer, loader, epochs=2, first=checkpoint["epoch"] + 1)
print("uninterrupted:", [f"{v:.6f}" for v in full_losses])
print("2 + resumed 2:", [f"{v:.6f}" for v in first_losses + resumed_losses])
print("exactly equal:", full_losses == first_losses + resumed_losses)
# --8<-- [end:resume]

# %%
# --8<-- [start:resume-plot]
epochs = range(1, len(full_losses) + 1)
fig, ax = plt.subplots(figsize=(5.5, 3.2))
ax.plot(epochs, full_losses, "o-", lw=3, alpha=0.4, label="uninterrupted: 4 epochs")
ax.plot(epochs, first_losses + resumed_losses, "x--", color="black", label="2 epochs, saved, resumed for 2")
ax.axvline(2.5, color="grey", ls=":")  # where the program stopped and the checkpoint was loaded
ax.set_xticks(list(epochs))
ax.set_xlabel("epoch")
ax.set_ylabel("training loss")
ax.legend()
plt.show()
# --8<-- [end:resume-plot]

# %%
# --8<-- [start:size-mismatch]
weights = torch.load(folder / "checkpoint.pt", weights_only=True)["model"]
wider = make_model(hidden=128)
try:
    wider.load_state_dict(weights)
except RuntimeError as error:
    print(error)
# --8<-- [end:size-mismatch]

# %%
# --8<-- [start:missing-keys]
deeper = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
try:
    deeper.load_state_dict(weights)
except RuntimeError as error:
    print(error)
# --8<-- [end:missing-keys]

# %%
# --8<-- [start:strict-false]
torch.manual_seed(0)
two_heads = nn.Sequential(*make_model(), nn.ReLU(), nn.Linear(10, 2))  # our network plus a new layer
result = two_heads.load_state_dict(weights, strict=False)
print("missing:   ", result.missing_keys)  # left as they were: random
print("unexpected:", result.unexpected_keys)  # in the file, ignored

oops = make_model()
result = oops.load_state_dict(checkpoint, strict=False)  # the whole checkpoint, not checkpoint["model"]
print("missing:   ", result.missing_keys)
print("unexpected:", result.unexpected_keys)
# --8<-- [end:strict-false]

# %%
# --8<-- [start:map-location]
on_cpu = torch.load(folder / "weights.pt", weights_only=True, map_location="cpu")
print("map_location='cpu':   ", on_cpu["0.weight"].device)
here = torch.load(folder / "weights.pt", weights_only=True, map_location=device)
print("map_location=device:  ", here["0.weight"].device)

if torch.cuda.is_available():  # only on a machine with a GPU
    torch.save(make_model().to(device).state_dict(), folder / "gpu_weights.pt")
    print("saved from:", torch.load(folder / "gpu_weights.pt", weights_only=True)["0.weight"].device)
    print("loaded to: ", torch.load(folder / "gpu_weights.pt", weights_only=True, map_location="cpu")["0.weight"].device)
else:
    print("no GPU here: the GPU branch did not run")
# --8<-- [end:map-location]

# %%
# --8<-- [start:files]
for path in sorted(folder.iterdir()):
    print(f"{path.as_posix():<28} {path.stat().st_size:>9,} bytes")
# --8<-- [end:files]

# %%
# --8<-- [start:exercise-1-solution]
torch.save({"model": model.state_dict(), "hparams": checkpoint["hparams"]}, folder / "for_inference.pt")
for name in ("checkpoint.pt", "for_inference.pt"):
    print(f"{name:<17} {(folder / name).stat().st_size:>9,} bytes")

saved = torch.load(folder / "for_inference.pt", weights_only=True, map_location=device)
predictor = make_model(saved["hparams"]["hidden"]).to(device)
predictor.load_state_dict(saved["model"])
predictor.eval()
with torch.no_grad():
    accuracy = (predictor(test_images).argmax(dim=1) == test_labels).float().mean().item()
    same = torch.equal(predictor(test_images), model(test_images))
print(f"test accuracy on 1 000 images: {accuracy:.1%}, same outputs as the trained model: {same}")
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
checkpoint = torch.load(folder / "checkpoint.pt", weights_only=True, map_location=device)
for forget in ("optimizer", "generator"):
    model, optimizer, generator, loader = start(checkpoint["hparams"])
    model.load_state_dict(checkpoint["model"])
    if forget != "optimizer":
        optimizer.load_state_dict(checkpoint["optimizer"])
    if forget != "generator":
        generator.set_state(checkpoint["generator"])
    print(f"resumed without the {forget} state:")
    losses = train(model, optimizer, loader, epochs=2, first=3)
    print("equal to the uninterrupted run:", first_losses + losses == full_losses)
# --8<-- [end:exercise-2-solution]
