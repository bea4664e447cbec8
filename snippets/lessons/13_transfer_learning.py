# Lesson 13: transfer learning, from Fashion-MNIST clothes to MNIST digits.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import copy
import math

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torchvision import datasets, models, transforms

device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
# --8<-- [end:imports]

# %%
# --8<-- [start:helpers]
from snippets.data import as_tensors
from snippets.train import accuracy, train_epoch
# --8<-- [end:helpers]

# %%
# --8<-- [start:data]
transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
fashion_train = datasets.FashionMNIST(root="data", train=True, download=True, transform=transform)
fashion_test = datasets.FashionMNIST(root="data", train=False, download=True, transform=transform)
digits_train = datasets.MNIST(root="data", train=True, download=True, transform=transform)
digits_test = datasets.MNIST(root="data", train=False, download=True, transform=transform)

# Normalise every image once, as in lesson 9: the same numbers as the transform, much faster.
fashion_images, fashion_labels = as_tensors(fashion_train)
fashion_test_images, fashion_test_labels = as_tensors(fashion_test)
digit_images, digit_labels = as_tensors(digits_train)
digit_test_images, digit_test_labels = as_tensors(digits_test)
print("Fashion-MNIST:", len(fashion_images), "training and", len(fashion_test_images), "test images")
print("MNIST:        ", len(digit_images), "training and", len(digit_test_images), "test images")
# --8<-- [end:data]

# %%
# --8<-- [start:model]
def make_cnn():
    """Two convolution blocks (the features) and a small classifier (the head)."""
    features = nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # -> 16 x 14 x 14
        nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # -> 32 x 7 x 7
    )
    return nn.Sequential(features, new_head())


def new_head():
    """A fresh classifier with random weights: 32 x 7 x 7 features in, 10 scores out."""
    return nn.Sequential(nn.Flatten(), nn.Linear(32 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, 10))


def count(parameters):
    return sum(p.numel() for p in parameters)


torch.manual_seed(0)
cnn = make_cnn()
print("features:", count(cnn[0].parameters()), "parameters")
print("head:    ", count(cnn[1].parameters()), "parameters")
# --8<-- [end:model]

# %%
# --8<-- [start:pretrain]
loader = DataLoader(TensorDataset(fashion_images, fashion_labels), batch_size=128, shuffle=True,
                    generator=torch.Generator().manual_seed(0))
fashion_test_loader = DataLoader(TensorDataset(fashion_test_images, fashion_test_labels), batch_size=1000)
cnn = cnn.to(device)
optimizer = torch.optim.Adam(cnn.parameters(), lr=2e-3)
for epoch in range(2):
    loss = train_epoch(cnn, loader, nn.CrossEntropyLoss(), optimizer, device)
    print(f"epoch {epoch + 1}: loss {loss:.3f}, "
          f"Fashion-MNIST test accuracy {accuracy(cnn, fashion_test_loader, device):.2%}")

pretrained = copy.deepcopy(cnn.state_dict())  # keep the pretrained weights: we reuse them 9 times
# --8<-- [end:pretrain]

# %%
# --8<-- [start:subsets]
order = torch.randperm(len(digit_images), generator=torch.Generator().manual_seed(1))
sizes = [100, 500, 4000]
digit_test_loader = DataLoader(TensorDataset(digit_test_images, digit_test_labels), batch_size=1000)
for n in sizes:
    chosen = order[:n]  # the first n of one shuffled order: each small set is inside the larger one
    print(f"{n:5} images, images per digit: {torch.bincount(digit_labels[chosen], minlength=10).tolist()}")
# --8<-- [end:subsets]

# %%
# --8<-- [start:methods]
def build(method):
    """A network for MNIST digits, and the parameters the optimizer may change."""
    torch.manual_seed(2)  # the same random head for every method
    model = make_cnn()
    if method == "scratch":  # random features, everything learns
        return model, model.parameters(), 1e-3
    model.load_state_dict(pretrained)  # the features learned on clothes
    model[1] = new_head()  # the clothes head is useless for digits: replace it
    if method == "transfer":  # frozen features, only the new head learns
        model[0].requires_grad_(False)
        return model, model[1].parameters(), 1e-3
    return model, model.parameters(), 1e-4  # fine-tune: everything learns, with smaller steps


def train_on(n, method, builder=build, steps=250, batch_size=50):
    chosen = order[:n]
    model, parameters, lr = builder(method)
    model = model.to(device)
    optimizer = torch.optim.Adam(parameters, lr=lr)
    small_loader = DataLoader(TensorDataset(digit_images[chosen], digit_labels[chosen]),
                              batch_size=batch_size, shuffle=True, generator=torch.Generator().manual_seed(3))
    for epoch in range(math.ceil(steps * batch_size / n)):  # about the same number of steps for every n
        train_epoch(model, small_loader, nn.CrossEntropyLoss(), optimizer, device)
    return model, accuracy(model, digit_test_loader, device)


model, test_accuracy = train_on(100, "transfer")
print("trainable parameters:", count(p for p in model.parameters() if p.requires_grad))
print("frozen parameters:   ", count(p for p in model.parameters() if not p.requires_grad))
print(f"transfer, 100 images: test accuracy {test_accuracy:.2%}")
# --8<-- [end:methods]

# %%
# --8<-- [start:compare]
methods = ["transfer", "fine-tune", "scratch"]
results = {method: [] for method in methods}
for n in sizes:
    for method in methods:
        results[method].append(train_on(n, method)[1])

print(f"{'images':>6} | " + " | ".join(f"{method:>9}" for method in methods))
for i, n in enumerate(sizes):
    print(f"{n:>6} | " + " | ".join(f"{results[method][i]:>9.2%}" for method in methods))
# --8<-- [end:compare]

# %%
# --8<-- [start:plot]
fig, ax = plt.subplots(figsize=(6, 4))
for method, marker in zip(methods, ["o", "s", "^"]):
    ax.plot(sizes, [100 * a for a in results[method]], marker=marker, label=method)
ax.set_xscale("log")
ax.set_xticks(sizes, [str(n) for n in sizes])
ax.set_xlabel("MNIST training images (log scale)")
ax.set_ylabel("MNIST test accuracy (%)")
ax.grid(True, alpha=0.3)
ax.legend()
plt.show()
# --8<-- [end:plot]

# %%
# --8<-- [start:resnet]
use_pretrained = False  # True at home: downloads about 45 MB of ImageNet weights once

weights = models.ResNet18_Weights.DEFAULT  # a description of the weights: nothing is downloaded yet
resnet = models.resnet18(weights=weights if use_pretrained else None)
print("ResNet-18 parameters:", f"{count(resnet.parameters()):,}")
for name, child in resnet.named_children():
    print(f"  {name:8} {type(child).__name__:18} {count(child.parameters()):>10,}")
# --8<-- [end:resnet]

# %%
# --8<-- [start:resnet-head]
resnet.requires_grad_(False)  # freeze everything...
resnet.fc = nn.Linear(resnet.fc.in_features, 10)  # ...then a new head, trainable by default
print(resnet.fc)
print("trainable:", f"{count(p for p in resnet.parameters() if p.requires_grad):,}")
resnet.eval()
with torch.no_grad():
    print("output shape:", tuple(resnet(torch.zeros(2, 3, 224, 224)).shape))
# --8<-- [end:resnet-head]

# %%
# --8<-- [start:resnet-transforms]
preprocess = weights.transforms()  # the preprocessing these weights were trained with
print(preprocess)
print(weights.meta["num_params"], "parameters,", len(weights.meta["categories"]), "ImageNet classes")
# --8<-- [end:resnet-transforms]

# %%
# --8<-- [start:exercise-1-solution]
def build_half_frozen(method):
    """Pretrained, only the first convolution block frozen, a new head."""
    torch.manual_seed(2)
    model = make_cnn()
    model.load_state_dict(pretrained)
    model[1] = new_head()
    model[0][:3].requires_grad_(False)  # Conv2d, ReLU, MaxPool2d of the first block
    return model, [p for p in model.parameters() if p.requires_grad], 1e-3


for i, n in enumerate(sizes[:2]):
    half_frozen = train_on(n, "half-frozen", builder=build_half_frozen)[1]
    print(f"{n:4} images: half-frozen {half_frozen:.2%}, all features frozen {results['transfer'][i]:.2%}")
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
for method in methods:
    model, _ = train_on(100, method)
    before = {k: v for k, v in pretrained.items() if k.startswith("0.")}  # the features' weights
    unchanged = all(torch.equal(model.state_dict()[k].cpu(), v.cpu()) for k, v in before.items())
    trainable = count(p for p in model.parameters() if p.requires_grad)
    print(f"{method:9}: {trainable:6} trainable parameters, features equal to the pretrained ones: {unchanged}")
# --8<-- [end:exercise-2-solution]
