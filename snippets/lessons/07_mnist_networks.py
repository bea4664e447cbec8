# Lesson 7: neural networks in PyTorch with MNIST.
# The site runs it section by section (tools/execute.py) and shows each section with its output.
# No training here: every network below still has its random starting weights.

# %%
# --8<-- [start:imports]
from collections import OrderedDict

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchvision import datasets, transforms
# --8<-- [end:imports]

# %%
# --8<-- [start:helpers]
from snippets.plots import view_classify
# --8<-- [end:helpers]

# %%
# --8<-- [start:transform]
# ToTensor: PIL image -> float tensor in [0, 1]
# Normalize: (x - 0.5) / 0.5, which maps [0, 1] linearly to [-1, 1]
transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
transform
# --8<-- [end:transform]

# %%
# --8<-- [start:dataset]
# downloads MNIST into the folder "data" the first time, then reads it from there
train_set = datasets.MNIST(root="data", train=True, download=True, transform=transform)
print(type(train_set).__name__, len(train_set))
# --8<-- [end:dataset]

# %%
# --8<-- [start:dataset-item]
image, label = train_set[0]  # indexing gives one (image, label) pair, transform applied
print(f"image: {type(image).__name__} of shape {tuple(image.shape)}, label: {label}")

plain_set = datasets.MNIST(root="data", train=True, download=True)  # no transform
plain_image, plain_label = plain_set[0]
print(f"without a transform: {type(plain_image).__name__} in mode {plain_image.mode}, "
      f"size {plain_image.size}, label: {plain_label}")
# --8<-- [end:dataset-item]

# %%
# --8<-- [start:pixel-stats]
# all training images, once with ToTensor only (values in [0, 1]) and once with our transform
tensor_set = datasets.MNIST(root="data", train=True, download=True, transform=transforms.ToTensor())
before = torch.stack([image for image, label in tensor_set])  # (number of images, 1, 28, 28)
after = torch.stack([image for image, label in train_set])

print(f"ToTensor only:       mean {before.mean():.3f}, std {before.std():.3f}, "
      f"from {before.min():.1f} to {before.max():.1f}")
print(f"Normalize(0.5, 0.5): mean {after.mean():.3f}, std {after.std():.3f}, "
      f"from {after.min():.1f} to {after.max():.1f}")
print(f"pixels that are exactly -1 after it: {(after == -1).float().mean():.0%}")
# --8<-- [end:pixel-stats]

# %%
# --8<-- [start:standardise]
mean, std = before.mean().item(), before.std().item()  # statistics of these training images
print(f"mean {mean:.4f}, std {std:.4f}")
standardised = transforms.Normalize((mean,), (std,))(before)  # Normalize also takes a batch
print(f"with the data's own statistics: mean {standardised.mean():.3f}, std {standardised.std():.3f}")

usual = transforms.Normalize((0.1307,), (0.3081,))  # computed on all 60 000 MNIST training images
print(usual)
print(f"with the usual values: mean {usual(before).mean():.3f}, std {usual(before).std():.3f}")
# --8<-- [end:standardise]

# %%
# --8<-- [start:custom-dataset]
class PointsDataset(Dataset):
    """A dataset over two tensors: item i is (points[i], labels[i])."""

    def __init__(self, points, labels):
        self.points = points
        self.labels = labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.points[i], self.labels[i]


torch.manual_seed(7)
toy_set = PointsDataset(torch.randn(10, 2), torch.arange(10) % 3)  # 10 points, 3 classes
print(len(toy_set))
print(toy_set[0])
# --8<-- [end:custom-dataset]

# %%
# --8<-- [start:target-transform]
def one_hot(label):
    """Label 3 -> tensor([0, 0, 0, 1, 0, 0, 0, 0, 0, 0])."""
    return F.one_hot(torch.tensor(label), num_classes=10)


one_hot_set = datasets.MNIST(root="data", train=True, download=True,
                             transform=transform, target_transform=one_hot)
image, target = one_hot_set[0]
print(f"label {train_set[0][1]} -> {target}")
print(image.shape)  # the image goes through transform, as before
# --8<-- [end:target-transform]

# %%
# --8<-- [start:loader]
generator = torch.Generator().manual_seed(7)  # fixes the shuffle order, so the batches repeat
trainloader = DataLoader(train_set, batch_size=64, shuffle=True, generator=generator)

images, labels = next(iter(trainloader))  # one batch
print(images.shape)  # batch, colour channels, height, width
print(labels.shape)
print(labels[:10])
print(f"pixel values from {images.min().item():.1f} to {images.max().item():.1f}")
# --8<-- [end:loader]

# %%
# --8<-- [start:show-digit]
fig, ax = plt.subplots(figsize=(4, 3.6))
shown = ax.imshow(images[0].squeeze().numpy(), cmap="gray_r")  # (1, 28, 28) -> (28, 28)
ax.set_title(f"label: {labels[0].item()}")
ax.set_xlabel("pixel column")
ax.set_ylabel("pixel row")
fig.colorbar(shown, ax=ax, label="normalised pixel value")
plt.show()
# --8<-- [end:show-digit]

# %%
# --8<-- [start:batches]
in_order = DataLoader(train_set, batch_size=64)  # shuffle=False: items in stored order
print("digits in the first batch without shuffle:", next(iter(in_order))[1].unique().tolist())

for batch_points, batch_labels in DataLoader(toy_set, batch_size=4):  # items 0-3, 4-7, 8-9
    print(tuple(batch_points.shape), batch_labels.tolist())

for drop_last in (False, True):
    toy_loader = DataLoader(toy_set, batch_size=4, drop_last=drop_last)
    mnist_loader = DataLoader(train_set, batch_size=64, drop_last=drop_last, num_workers=0)
    print(f"drop_last={drop_last}: {len(toy_loader)} toy batches, {len(mnist_loader)} MNIST batches")
print(f"{len(train_set)} images = {len(train_set) // 64} full batches of 64 + {len(train_set) % 64}")
# --8<-- [end:batches]

# %%
# --8<-- [start:flatten]
inputs = images.view(images.shape[0], -1)  # keep the batch dimension, flatten the rest
inputs.shape
# --8<-- [end:flatten]

# %%
# --8<-- [start:activations]
def activation(x):
    """Sigmoid, as in lesson 1."""
    return 1 / (1 + torch.exp(-x))


def softmax(x):
    """Softmax of each row, as in lesson 6: view(-1, 1) makes the row sums a column."""
    return torch.exp(x) / torch.sum(torch.exp(x), dim=1).view(-1, 1)
# --8<-- [end:activations]

# %%
# --8<-- [start:by-hand]
torch.manual_seed(7)

W1 = torch.randn(784, 256)  # 784 inputs -> 256 hidden units
B1 = torch.randn(256)
W2 = torch.randn(256, 10)  # 256 hidden units -> 10 classes
B2 = torch.randn(10)

hidden = activation(inputs @ W1 + B1)  # (64, 784) @ (784, 256) -> (64, 256)
scores = hidden @ W2 + B2  # (64, 256) @ (256, 10) -> (64, 10)
probabilities = softmax(scores)

print(probabilities.shape)
print(probabilities.sum(dim=1)[:8])  # the first 8 of the 64 row sums
print(torch.allclose(probabilities.sum(dim=1), torch.ones(64)))  # all 64 rows
# --8<-- [end:by-hand]

# %%
# --8<-- [start:network-class]
class Network(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(784, 256)  # weights and bias of the hidden layer
        self.output = nn.Linear(256, 10)  # weights and bias of the output layer
        self.sigmoid = nn.Sigmoid()
        self.softmax = nn.Softmax(dim=1)  # across the 10 scores of each row

    def forward(self, x):
        x = self.hidden(x)
        x = self.sigmoid(x)
        x = self.output(x)
        x = self.softmax(x)
        return x


torch.manual_seed(7)
model = Network()
model
# --8<-- [end:network-class]

# %%
# --8<-- [start:network-output]
model.eval()  # inference mode (matters for layers such as dropout, harmless here)
with torch.no_grad():  # no gradients needed: we are not training
    probabilities = model(inputs)
print(probabilities.shape)
print(torch.allclose(probabilities.sum(dim=1), torch.ones(64)))
# --8<-- [end:network-output]

# %%
# --8<-- [start:functional]
class FunctionalNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(784, 256)  # layers with weights stay attributes
        self.output = nn.Linear(256, 10)

    def forward(self, x):
        x = F.sigmoid(self.hidden(x))  # functions without weights are called directly
        x = F.softmax(self.output(x), dim=1)
        return x


functional_model = FunctionalNetwork()
functional_model.load_state_dict(model.state_dict())  # same names, so the same weights fit
functional_model.eval()
with torch.no_grad():
    print(torch.allclose(functional_model(inputs), model(inputs)))
functional_model
# --8<-- [end:functional]

# %%
# --8<-- [start:sequential]
torch.manual_seed(7)
model = nn.Sequential(
    nn.Linear(784, 128),
    nn.ReLU(),
    nn.Linear(128, 64),
    nn.ReLU(),
    nn.Linear(64, 10),
    nn.Softmax(dim=1),
)
print(model)
model[0]  # layers are numbered from 0
# --8<-- [end:sequential]

# %%
# --8<-- [start:ordered-dict]
torch.manual_seed(7)
model = nn.Sequential(
    OrderedDict(
        [
            ("fc1", nn.Linear(784, 128)),
            ("relu1", nn.ReLU()),
            ("fc2", nn.Linear(128, 64)),
            ("relu2", nn.ReLU()),
            ("output", nn.Linear(64, 10)),
            ("softmax", nn.Softmax(dim=1)),
        ]
    )
)
print(model)
model.fc1  # the same layer as model[0], now with a name
# --8<-- [end:ordered-dict]

# %%
# --8<-- [start:weights]
print(model.fc1.weight.shape)  # (out_features, in_features)
print(model.fc1.bias.shape)
print(type(model.fc1.weight).__name__, model.fc1.weight.requires_grad)

# PyTorch's default: uniform in [-1/sqrt(in_features), 1/sqrt(in_features)]
bound = 1 / 784**0.5
print(f"bound {bound:.4f}, smallest weight {model.fc1.weight.min().item():.4f}, "
      f"largest {model.fc1.weight.max().item():.4f}")
# --8<-- [end:weights]

# %%
# --8<-- [start:init]
torch.manual_seed(7)
nn.init.zeros_(model.fc1.bias)  # nn.init changes the tensor in place, without tracking gradients
nn.init.normal_(model.fc1.weight, std=0.01)

print(f"non-zero biases: {torch.count_nonzero(model.fc1.bias).item()}")
print(f"weight std {model.fc1.weight.std().item():.4f}")
# --8<-- [end:init]

# %%
# --8<-- [start:classify]
device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
model = model.to(device)
model.eval()

images, labels = next(iter(trainloader))  # the next batch from the seeded loader
image = images[0]
with torch.no_grad():
    probabilities = model(image.view(1, 784).to(device))  # a batch of one flattened image

print(f"label {labels[0].item()}, probabilities from {probabilities.min().item():.4f} "
      f"to {probabilities.max().item():.4f}")
fig = view_classify(image, probabilities[0].cpu())
plt.show()
# --8<-- [end:classify]

# %%
# --8<-- [start:exercise-1-solution]
class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        # the names match the OrderedDict model, so its weights fit this class
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 64)
        self.output = nn.Linear(64, 10)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return F.softmax(self.output(x), dim=1)


classifier = Classifier().to(device)
classifier.load_state_dict(model.state_dict())
classifier.eval()
with torch.no_grad():
    batch = inputs.to(device)
    print(classifier(batch).shape)
    print(torch.allclose(classifier(batch), model(batch)))
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
def count_parameters(network):
    return sum(p.numel() for p in network.parameters())


by_hand_256 = 784 * 256 + 256 + 256 * 10 + 10
by_hand_128_64 = 784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10
print(f"784-256-10:    {by_hand_256:,} by hand, {count_parameters(Network()):,} by numel")
print(f"784-128-64-10: {by_hand_128_64:,} by hand, {count_parameters(model):,} by numel")
# --8<-- [end:exercise-2-solution]
