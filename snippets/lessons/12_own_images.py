# Lesson 12: loading your own images.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import csv
import re
import time
from pathlib import Path

import matplotlib.pyplot as plt
import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import datasets
from torchvision.transforms import v2

device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
device
# --8<-- [end:imports]

# %%
# --8<-- [start:write-pngs]
test_set = datasets.FashionMNIST(root="data", train=False, download=True)  # no transform: PIL images
root = Path("data/fashion-png")
per_class = {"train": 30, "val": 10}  # images per class in each split
sizes = torch.Generator().manual_seed(0)  # photos come in all sizes: so do ours


def folder_name(class_name):
    """A class name that is safe as a folder name: 'T-shirt/top' -> 'T-shirt_top'."""
    return re.sub(r"[^\w-]+", "_", class_name)


for label, class_name in enumerate(test_set.classes):
    indices = (test_set.targets == label).nonzero().flatten().tolist()
    start = 0
    for split, count in per_class.items():
        folder = root / split / folder_name(class_name)
        folder.mkdir(parents=True, exist_ok=True)
        for index in indices[start:start + count]:
            width, height = torch.randint(28, 49, (2,), generator=sizes).tolist()
            image, _ = test_set[index]
            image.resize((width, height)).save(folder / f"{index:05d}.png")
        start += count
print("class names:", test_set.classes)
print("PNG files written:", len(list(root.rglob("*.png"))))
# --8<-- [end:write-pngs]

# %%
# --8<-- [start:show-tree]
def check_image_folder(folder):
    """Stop with a clear message unless folder holds class folders that all contain files."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no folder {folder}: check the path, relative to the working folder")
    classes = sorted(p for p in folder.iterdir() if p.is_dir())
    if not classes:
        raise ValueError(f"{folder} has no class folders: expected {folder}/<class>/<image files>")
    empty = [p.name for p in classes if not any(f.is_file() for f in p.iterdir())]
    if empty:
        raise ValueError(f"class folders without images in {folder}: {', '.join(empty)}")
    return classes


def show_tree(folder, shown=2):
    """Print each class folder of folder with its number of files and the first few names."""
    classes = check_image_folder(folder)
    total = sum(len(list(c.iterdir())) for c in classes)
    print(f"{folder}/  ({len(classes)} class folders, {total} files)")
    for c in classes:
        files = sorted(f.name for f in c.iterdir())
        print(f"    {c.name + '/':<13} {len(files):3} files: {', '.join(files[:shown])}, ...")


show_tree(root / "train")
show_tree(root / "val")
# --8<-- [end:show-tree]

# %%
# --8<-- [start:bad-folders]
(root / "val" / "Hat").mkdir(exist_ok=True)  # a class folder someone forgot to fill
for bad in (root / "validation", root / "val"):
    try:
        show_tree(bad)
    except (FileNotFoundError, ValueError) as error:
        print(f"{type(error).__name__}: {error}")
try:
    datasets.ImageFolder(root / "val")  # torchvision checks too
except FileNotFoundError as error:
    print(f"{type(error).__name__}: {error}")
(root / "val" / "Hat").rmdir()
# --8<-- [end:bad-folders]

# %%
# --8<-- [start:image-folder]
raw_train = datasets.ImageFolder(root / "train")  # no transform yet: PIL images
print(raw_train.classes)
print(raw_train.class_to_idx)
print(len(raw_train), "images;", "first samples:", raw_train.samples[:2])
for i in (0, 1, 2):
    image, label = raw_train[i]
    print(f"sample {i}: {image.mode} image of {image.size[0]}x{image.size[1]} pixels, label {label}")
# --8<-- [end:image-folder]

# %%
# --8<-- [start:transforms]
size = 28
to_tensor = v2.Compose([
    v2.Resize(size),  # the shorter side becomes 28 pixels, the proportions stay
    v2.CenterCrop(size),  # then cut the middle 28x28
    v2.ToImage(),  # PIL image -> tensor (channels, height, width), uint8 0..255
    v2.ToDtype(torch.float32, scale=True),  # -> float32 0.0..1.0
])
image, label = raw_train[0]
x = to_tensor(image)
print(f"{image.size} -> {tuple(x.shape)}, {x.dtype}, values from {x.min():.2f} to {x.max():.2f}")
# --8<-- [end:transforms]

# %%
# --8<-- [start:mean-std]
def channel_mean_std(folder, transform):
    """Mean and standard deviation of each colour channel over every pixel of an image folder."""
    check_image_folder(folder)
    total, total_sq, count = 0, 0, 0
    for image, _ in datasets.ImageFolder(folder, transform=transform):
        total = total + image.sum(dim=(1, 2))
        total_sq = total_sq + (image ** 2).sum(dim=(1, 2))
        count += image.shape[1] * image.shape[2]
    mean = total / count
    return mean, (total_sq / count - mean ** 2).sqrt()


mean, std = channel_mean_std(root / "train", to_tensor)  # from the training folder only
mean, std = mean.tolist(), std.tolist()
print("mean per channel:", [round(m, 4) for m in mean])
print("std per channel: ", [round(s, 4) for s in std])

val_transform = v2.Compose([to_tensor, v2.Normalize(mean, std)])  # (x - mean) / std, per channel
mean_after, std_after = channel_mean_std(root / "train", val_transform)
print("after Normalize, mean per channel:", [round(m, 3) + 0.0 for m in mean_after.tolist()])  # + 0.0: no -0.0
print("after Normalize, std per channel: ", [round(s, 3) for s in std_after.tolist()])
# --8<-- [end:mean-std]

# %%
# --8<-- [start:batch-grid]
val_set = datasets.ImageFolder(root / "val", transform=val_transform)
loader = DataLoader(val_set, batch_size=16, shuffle=True, generator=torch.Generator().manual_seed(0))
images, labels = next(iter(loader))
print(images.shape, labels.shape)

shown = images * torch.tensor(std).view(3, 1, 1) + torch.tensor(mean).view(3, 1, 1)  # undo Normalize
fig, axes = plt.subplots(2, 8, figsize=(10, 3))
for ax, picture, label in zip(axes.flat, shown, labels):
    ax.imshow(picture.permute(1, 2, 0).clamp(0, 1))  # (C, H, W) -> (H, W, C) for imshow
    ax.set_title(val_set.classes[label], fontsize=8)
    ax.axis("off")
plt.show()
# --8<-- [end:batch-grid]

# %%
# --8<-- [start:augmentation]
augment = v2.Compose([
    v2.RandomResizedCrop(size, scale=(0.6, 1.0), antialias=True),  # a random part, resized to 28x28
    v2.RandomHorizontalFlip(p=0.5),  # a mirror image half of the time
    v2.RandomRotation(degrees=15),  # turned by up to 15 degrees either way
    v2.ToImage(),
    v2.ToDtype(torch.float32, scale=True),
])
image, label = raw_train[210]  # a sneaker: it points one way
torch.manual_seed(0)  # the v2 transforms draw their random numbers from torch
fig, axes = plt.subplots(1, 9, figsize=(11, 1.7))
axes[0].imshow(to_tensor(image).permute(1, 2, 0))
axes[0].set_title("original", fontsize=8)
for i, ax in enumerate(axes[1:], start=1):
    ax.imshow(augment(image).permute(1, 2, 0))
    ax.set_title(f"augmented {i}", fontsize=8)
for ax in axes:
    ax.axis("off")
plt.show()
# --8<-- [end:augmentation]

# %%
# --8<-- [start:train-val]
train_transform = v2.Compose([augment, v2.Normalize(mean, std)])
train_set = datasets.ImageFolder(root / "train", transform=train_transform)
val_set = datasets.ImageFolder(root / "val", transform=val_transform)

print("training image twice, same tensor:  ", torch.equal(train_set[0][0], train_set[0][0]))
print("validation image twice, same tensor:", torch.equal(val_set[0][0], val_set[0][0]))
# --8<-- [end:train-val]

# %%
# --8<-- [start:write-csv]
csv_file = root / "labels.csv"
with open(csv_file, "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["file", "label"])
    for path, label in datasets.ImageFolder(root / "val").samples:
        writer.writerow([Path(path).relative_to(root).as_posix(), val_set.classes[label]])
print(csv_file.read_text().splitlines()[:4])
# --8<-- [end:write-csv]

# %%
# --8<-- [start:csv-dataset]
class CsvImages(Dataset):
    """Images listed in a CSV file with the columns file (relative to folder) and label."""

    def __init__(self, csv_file, folder, transform=None):
        folder = Path(folder)
        if not folder.is_dir():
            raise FileNotFoundError(f"no folder {folder}")
        with open(csv_file, newline="") as f:
            rows = list(csv.DictReader(f))
        if not rows:
            raise ValueError(f"{csv_file} lists no images")
        missing = [row["file"] for row in rows if not (folder / row["file"]).is_file()]
        if missing:
            raise FileNotFoundError(f"{len(missing)} files of {csv_file} are not in {folder}, e.g. {missing[0]}")
        self.classes = sorted({row["label"] for row in rows})
        self.class_to_idx = {name: i for i, name in enumerate(self.classes)}
        self.samples = [(folder / row["file"], self.class_to_idx[row["label"]]) for row in rows]
        self.transform = transform

    def __len__(self):
        return len(self.samples)  # how many images

    def __getitem__(self, i):
        path, label = self.samples[i]  # image number i: read it only now, when it is asked for
        with Image.open(path) as file:
            image = file.convert("RGB")
        if self.transform is not None:
            image = self.transform(image)
        return image, label


csv_set = CsvImages(csv_file, root, transform=val_transform)
image, label = csv_set[0]
print(len(csv_set), "images,", len(csv_set.classes), "classes")
print(tuple(image.shape), label, csv_set.classes[label])
# --8<-- [end:csv-dataset]

# %%
# --8<-- [start:collate-error]
unresized = CsvImages(csv_file, root, transform=v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True)]))
print([tuple(unresized[i][0].shape) for i in range(3)])
try:
    images, labels = next(iter(DataLoader(unresized, batch_size=8)))
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")

images, labels = next(iter(DataLoader(csv_set, batch_size=8)))  # Resize + CenterCrop: one shape
print(images.shape, labels)
# --8<-- [end:collate-error]

# %%
# --8<-- [start:workers]
def images_per_second(num_workers, persistent_workers=False, epochs=3):
    """Read every training image, transformed, epochs times; return images per second."""
    loader = DataLoader(train_set, batch_size=32, shuffle=True, num_workers=num_workers,
                        persistent_workers=persistent_workers,  # keep the workers between epochs
                        pin_memory=torch.cuda.is_available())  # pinned memory only helps copies to a GPU
    start = time.perf_counter()
    for _ in range(epochs):
        for images, labels in loader:
            images = images.to(device, non_blocking=True)
    return epochs * len(train_set) / (time.perf_counter() - start)


torch.manual_seed(0)
for workers, persistent in ((0, False), (2, False), (2, True)):
    speed = images_per_second(workers, persistent)
    print(f"measured now: num_workers={workers}, persistent_workers={persistent!s:<5}  {speed:6.0f} images/s")
# --8<-- [end:workers]

# %%
# --8<-- [start:exercise-1-solution]
gray = v2.Compose([v2.Grayscale(num_output_channels=1), to_tensor])  # one channel instead of three
gray_mean, gray_std = channel_mean_std(root / "train", gray)
print("one channel: mean", [round(m, 4) for m in gray_mean.tolist()], "std", [round(s, 4) for s in gray_std.tolist()])

gray_set = datasets.ImageFolder(root / "val", transform=v2.Compose([gray, v2.Normalize(gray_mean.tolist(), gray_std.tolist())]))
images, labels = next(iter(DataLoader(gray_set, batch_size=16)))
print(images.shape, f"{images.element_size() * images.nelement():,} bytes per batch instead of {3 * images.element_size() * images.nelement():,}")
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
digits = datasets.MNIST(root="data", train=False, download=True)  # PIL images of handwritten digits
keep_label = v2.Compose([v2.RandomResizedCrop(28, scale=(0.8, 1.0), antialias=True), v2.RandomRotation(degrees=10)])
with_flip = v2.Compose([v2.RandomHorizontalFlip(p=1.0), keep_label])  # always mirrored, to show it

picks = [(digits.targets == d).nonzero()[0].item() for d in (2, 3, 5, 7)]  # the first 2, 3, 5 and 7
torch.manual_seed(0)
fig, axes = plt.subplots(2, 8, figsize=(10, 2.8))
for row, (name, pipeline) in enumerate((("no flip", keep_label), ("flipped", with_flip))):
    for col, ax in enumerate(axes[row]):
        image, label = digits[picks[col % 4]]  # each digit twice
        ax.imshow(pipeline(image), cmap="gray")
        ax.set_title(f"{name}: {label}", fontsize=8)
        ax.axis("off")
plt.show()
# --8<-- [end:exercise-2-solution]
