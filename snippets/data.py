"""Data helpers that lessons show and use."""

import torch


def as_tensors(dataset, mean=0.5, std=0.5):
    """All images of an MNIST-style torchvision dataset as one normalised tensor, and the labels.

    Gives what ``ToTensor()`` then ``Normalize((mean,), (std,))`` give image by image,
    without their per-image cost: use it when you loop over the data many times.

    >>> class Tiny:  # any object with uint8 .data and .targets will do
    ...     data = torch.tensor([[[0, 255]]], dtype=torch.uint8)
    ...     targets = torch.tensor([3])
    >>> images, labels = as_tensors(Tiny())
    >>> images
    tensor([[[[-1.,  1.]]]])
    >>> images.shape, labels
    (torch.Size([1, 1, 1, 2]), tensor([3]))
    >>> as_tensors([1, 2, 3])
    Traceback (most recent call last):
    ...
    TypeError: as_tensors expects an MNIST-style dataset with uint8 .data of shape (N, H, W)
    """
    data = getattr(dataset, "data", None)
    if not isinstance(data, torch.Tensor) or data.dtype != torch.uint8 or data.dim() != 3:
        raise TypeError("as_tensors expects an MNIST-style dataset with uint8 .data of shape (N, H, W)")
    images = data.unsqueeze(1).float().div(255)  # (N, 1, H, W), values in [0, 1]
    return (images - mean) / std, dataset.targets.clone()
