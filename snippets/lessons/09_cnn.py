# Lesson 9: convolutional networks on Fashion-MNIST.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import time

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from matplotlib.patches import Rectangle
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torchvision import datasets, transforms

device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
# --8<-- [end:imports]

# %%
# --8<-- [start:helpers]
from snippets.data import as_tensors
from snippets.train import accuracy, train_epoch
# --8<-- [end:helpers]

# %%
# --8<-- [start:convolution]
image = torch.zeros(6, 10)
image[1:5, 4:6] = 1  # a bright vertical bar, two pixels wide, on a dark background
image = image.view(1, 1, 6, 10)  # (batch, channels, height, width)
vertical_edges = torch.tensor(
    [[-1, 0, 1],
     [-1, 0, 1],
     [-1, 0, 1]], dtype=torch.float32).view(1, 1, 3, 3)  # (out channels, in channels, kh, kw)

feature_map = F.conv2d(image, vertical_edges)  # slide the 3x3 filter over the image
print(feature_map.squeeze())
# --8<-- [end:convolution]

# %%
# --8<-- [start:sliding-window]
kernel = vertical_edges[0, 0]
fig, axes = plt.subplots(2, 3, figsize=(10, 4.6), gridspec_kw={"height_ratios": [6, 4]})
for column, (row, col) in enumerate([(1, 0), (1, 2), (1, 5)]):  # three positions of the window
    window = image[0, 0, row:row + 3, col:col + 3]
    value = (window * kernel).sum()  # multiply pixel by weight, then add up
    top, bottom = axes[0, column], axes[1, column]
    top.imshow(image[0, 0].numpy(), cmap="gray", vmin=-0.5, vmax=1.5)
    top.add_patch(Rectangle((col - 0.5, row - 0.5), 3, 3, fill=False, edgecolor="red", linewidth=3))
    top.set_title(f"window at row {row}, column {col}", fontsize=9)
    bottom.imshow(feature_map[0, 0].numpy(), cmap="RdBu_r", vmin=-4, vmax=4)
    bottom.add_patch(Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, edgecolor="red", linewidth=3))
    bottom.set_title(f"output[{row}, {col}] = {value:.0f}", fontsize=9)
    for ax, grid in [(top, image[0, 0]), (bottom, feature_map[0, 0])]:
        for i in range(grid.shape[0]):  # write every number in its cell
            for j in range(grid.shape[1]):
                dark = ax is top and grid[i, j] < 0.5
                ax.text(j, i, f"{grid[i, j]:.0f}", ha="center", va="center", fontsize=7,
                        color="white" if dark else "black")
        ax.axis("off")
fig.tight_layout()
plt.show()
# --8<-- [end:sliding-window]

# %%
# --8<-- [start:cross-correlation]
flipped = vertical_edges.flip(-2, -1)  # the kernel turned by 180 degrees
true_convolution = F.conv2d(image, flipped)  # what a mathematician calls convolution
print("equal to the feature map:  ", torch.equal(true_convolution, feature_map))
print("equal to its negative:     ", torch.equal(true_convolution, -feature_map))
# --8<-- [end:cross-correlation]

# %%
# --8<-- [start:stride-padding]
def output_size(n, kernel, stride=1, padding=0):
    """Side of the feature map: (n + 2*padding - kernel) // stride + 1."""
    return (n + 2 * padding - kernel) // stride + 1


for stride, padding in [(1, 0), (1, 1), (2, 0), (2, 1)]:
    out = F.conv2d(image, vertical_edges, stride=stride, padding=padding)
    height, width = output_size(6, 3, stride, padding), output_size(10, 3, stride, padding)
    print(f"stride={stride} padding={padding}: shape {tuple(out.shape[-2:])}, formula {(height, width)}")
# --8<-- [end:stride-padding]

# %%
# --8<-- [start:pooling]
x = torch.tensor(
    [[1.0, 3.0, 2.0, 0.0],
     [4.0, 2.0, 1.0, 1.0],
     [0.0, 1.0, 5.0, 6.0],
     [2.0, 2.0, 7.0, 8.0]]).view(1, 1, 4, 4)
print("max pooling:\n", F.max_pool2d(x, kernel_size=2).squeeze())
print("average pooling:\n", F.avg_pool2d(x, kernel_size=2).squeeze())
# --8<-- [end:pooling]

# %%
# --8<-- [start:parameter-count]
def count(layer):
    return sum(p.numel() for p in layer.parameters())


dense = nn.Linear(100 * 100, 100 * 100)  # every pixel to every unit of a same-size layer
conv = nn.Conv2d(1, 32, kernel_size=3, padding=1)  # 32 filters of 3x3, shared over the image
print(f"fully connected: {count(dense):,} parameters")
print(f"convolution:     {count(conv):,} parameters, output {tuple(conv(torch.zeros(1, 1, 100, 100)).shape)}")
del dense  # 100 million numbers: free them
# --8<-- [end:parameter-count]

# %%
# --8<-- [start:channels]
torch.manual_seed(0)
layer = nn.Conv2d(16, 32, kernel_size=3)  # 16 maps in, 32 maps out
print("weight:", tuple(layer.weight.shape), " bias:", tuple(layer.bias.shape))  # (out, in, kh, kw)
out_channels, in_channels, kh, kw = layer.weight.shape
print(f"formula out*(in*kh*kw + 1) = {out_channels * (in_channels * kh * kw + 1):,}, PyTorch: {count(layer):,}")

inputs = torch.randn(1, 16, 8, 8)  # 16 input maps of 8x8
# one input map at a time, each with its own 3x3 slice of every filter:
by_channel = sum(F.conv2d(inputs[:, i:i + 1], layer.weight[:, i:i + 1]) for i in range(16))
print("sum over input channels + bias equals the layer:",
      torch.allclose(by_channel + layer.bias.view(1, 32, 1, 1), layer(inputs), atol=1e-5))
# --8<-- [end:channels]

# %%
# --8<-- [start:data]
transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
train_set = datasets.FashionMNIST(root="data", train=True, download=True, transform=transform)
test_set = datasets.FashionMNIST(root="data", train=False, download=True, transform=transform)
print(len(train_set), "training and", len(test_set), "test images")

# Normalise all images once instead of once per image and epoch: same numbers, much faster.
train_images, train_labels = as_tensors(train_set)
test_images, test_labels = as_tensors(test_set)
print(torch.allclose(train_images[0], train_set[0][0]), train_images.shape)
print(f"after Normalize: mean {train_images.mean():.2f}, std {train_images.std():.2f}, "
      f"pixels equal to -1: {(train_images == -1).float().mean():.0%}")

loader = DataLoader(TensorDataset(train_images, train_labels), batch_size=128, shuffle=True,
                    generator=torch.Generator().manual_seed(0))
test_loader = DataLoader(TensorDataset(test_images, test_labels), batch_size=1000)
classes = train_set.classes
classes
# --8<-- [end:data]

# %%
# --8<-- [start:show-data]
fig, axes = plt.subplots(2, 6, figsize=(9, 3.4))
for ax, index in zip(axes.flat, range(12)):
    ax.imshow(train_images[index, 0].numpy(), cmap="gray_r")
    ax.set_title(classes[train_labels[index]], fontsize=8)
    ax.axis("off")
plt.show()
# --8<-- [end:show-data]

# %%
# --8<-- [start:model]
class FashionCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=3, padding=1, bias=False),  # 16 filters -> 16 x 28 x 28
            nn.BatchNorm2d(16),  # its shift replaces the convolution's bias
            nn.ReLU(),
            nn.MaxPool2d(2),  # -> 16 x 14 x 14
            nn.Conv2d(16, 32, kernel_size=3, padding=1, bias=False),  # -> 32 x 14 x 14
            nn.BatchNorm2d(32),
            nn.ReLU(),
            nn.MaxPool2d(2),  # -> 32 x 7 x 7
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(32 * 7 * 7, 64),
            nn.ReLU(),
            nn.Linear(64, 10),  # raw scores (logits) for CrossEntropyLoss
        )

    def forward(self, x):
        return self.classifier(self.features(x))


torch.manual_seed(0)
cnn = FashionCNN().to(device)
print(cnn)
# --8<-- [end:model]

# %%
# --8<-- [start:parameter-table]
def parameter_table(model):
    total = count(model)
    print(f"{'layer':<24}{'weight shape':>18}{'parameters':>12}{'share':>8}")
    for name, module in model.named_modules():
        own = sum(p.numel() for p in module.parameters(recurse=False))  # this layer only
        if own:
            label = f"{name} {type(module).__name__}"
            print(f"{label:<24}{str(tuple(module.weight.shape)):>18}{own:>12,}{own / total:>8.1%}")
    print(f"{'total':<24}{'':>18}{total:>12,}")


parameter_table(cnn)
# --8<-- [end:parameter-table]

# %%
# --8<-- [start:receptive-field]
side, jump, field = 28, 1, 1  # jump: input pixels between neighbouring outputs
print(f"{'layer':<14}{'map side':>9}{'jump':>6}{'receptive field':>17}")
for name, kernel, stride, padding in [("conv 3x3", 3, 1, 1), ("max pool 2x2", 2, 2, 0),
                                      ("conv 3x3", 3, 1, 1), ("max pool 2x2", 2, 2, 0)]:
    side = output_size(side, kernel, stride, padding)
    field += (kernel - 1) * jump  # each step adds kernel - 1 outputs of the layer below
    jump *= stride
    print(f"{name:<14}{side:>9}{jump:>6}{f'{field} x {field}':>17}")

# Check with autograd: which input pixels can change one unit of the last feature map?
cnn.eval()
pixels = test_images[:1].clone().to(device).requires_grad_()
(gradient,) = torch.autograd.grad(cnn.features(pixels)[0, :, 3, 3].sum(), pixels)
rows, cols = gradient[0, 0].abs().gt(0).nonzero().unbind(1)
print(f"autograd: rows {rows.min()}-{rows.max()}, columns {cols.min()}-{cols.max()}: "
      f"{rows.max() - rows.min() + 1} x {cols.max() - cols.min() + 1} pixels")
# --8<-- [end:receptive-field]

# %%
# --8<-- [start:train-cnn]
def flip_half(images):
    """Mirror a random half of the batch left to right: a mirrored shoe is still a shoe."""
    flip = torch.rand(len(images), device=images.device) < 0.5
    return torch.where(flip[:, None, None, None], images.flip(3), images)


def fit(model, epochs=10, log=False):
    """Adam, a cosine learning-rate schedule and flipped images; returns the seconds it took."""
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    started = time.perf_counter()
    for epoch in range(epochs):
        loss = train_epoch(model, loader, loss_fn, optimizer, device, augment=flip_half)
        scheduler.step()  # a smaller learning rate for the next epoch
        if log:
            print(f"epoch {epoch + 1:2}: training loss {loss:.4f}")
    return time.perf_counter() - started


loss_fn = nn.CrossEntropyLoss()
torch.manual_seed(0)  # the random flips
cnn = cnn.to(memory_format=torch.channels_last)  # faster convolutions on a CPU (lesson 14)
seconds = fit(cnn, log=True)
print(f"measured: {seconds:.0f} s of training on the {device.upper()}")
print(f"test accuracy: {accuracy(cnn, test_loader, device):.2%}")
# --8<-- [end:train-cnn]

# %%
# --8<-- [start:train-mlp]
def make_mlp(batch_norm):
    torch.manual_seed(0)
    if batch_norm:  # the same layers, each hidden Linear followed by BatchNorm1d
        return nn.Sequential(
            nn.Flatten(),
            nn.Linear(784, 128, bias=False), nn.BatchNorm1d(128), nn.ReLU(),
            nn.Linear(128, 64, bias=False), nn.BatchNorm1d(64), nn.ReLU(),
            nn.Linear(64, 10))
    # the network of lesson 8, with ReLU and logits out
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))


plain_mlp = make_mlp(batch_norm=False).to(device)
fit(plain_mlp)
mlp = make_mlp(batch_norm=True).to(device)
fit(mlp)
print(f"MLP without batch norm: {count(plain_mlp):,} parameters, "
      f"test accuracy {accuracy(plain_mlp, test_loader, device):.2%}")
print(f"MLP: {count(mlp):,} parameters, test accuracy {accuracy(mlp, test_loader, device):.2%}")
print(f"CNN: {count(cnn):,} parameters, test accuracy {accuracy(cnn, test_loader, device):.2%}")
# --8<-- [end:train-mlp]

# %%
# --8<-- [start:filters]
filters = cnn.features[0].weight.detach().cpu()  # (16, 1, 3, 3)
fig, axes = plt.subplots(2, 8, figsize=(9, 2.6))
for ax, kernel in zip(axes.flat, filters):
    ax.imshow(kernel[0].numpy(), cmap="RdBu_r", vmin=-filters.abs().max(), vmax=filters.abs().max())
    ax.axis("off")
fig.suptitle("The 16 learned 3x3 filters of the first convolution")
plt.show()
# --8<-- [end:filters]

# %%
# --8<-- [start:feature-maps]
cnn.eval()
with torch.no_grad():
    maps = cnn.features[:3](test_images[:1].to(device)).cpu()[0]  # first convolution, batch norm, ReLU

fig, axes = plt.subplots(2, 9, figsize=(10, 2.6))
axes[0, 0].imshow(test_images[0, 0].numpy(), cmap="gray_r")
axes[0, 0].set_title(classes[test_labels[0]], fontsize=8)
for ax, feature in zip(list(axes[0, 1:]) + list(axes[1, 1:]), maps):
    ax.imshow(feature.numpy(), cmap="viridis")
for ax in axes.flat:
    ax.axis("off")
plt.show()
# --8<-- [end:feature-maps]

# %%
# --8<-- [start:exercise-1-solution]
sizes = [28]
for kernel, stride, padding in [(3, 1, 1), (2, 2, 0), (3, 1, 1), (2, 2, 0)]:  # conv, pool, conv, pool
    sizes.append(output_size(sizes[-1], kernel, stride, padding))
print("by the formula:", sizes)
with torch.no_grad():
    print("by PyTorch:   ", tuple(cnn.features(torch.zeros(1, 1, 28, 28, device=device)).shape))
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
cnn.eval()
with torch.no_grad():
    predicted = torch.cat([cnn(images.to(device)).argmax(dim=1).cpu() for images, _ in test_loader])
confusion = torch.zeros(10, 10, dtype=torch.int64)
for true, guess in zip(test_labels, predicted):
    confusion[true, guess] += 1
per_class = confusion.diag() / confusion.sum(dim=1)
for name, score in sorted(zip(classes, per_class.tolist()), key=lambda pair: pair[1]):
    print(f"{name:>12}: {score:.1%}")
# --8<-- [end:exercise-2-solution]
