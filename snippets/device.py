"""The one place where lessons choose their device.

Lessons call ``get_device()`` and move tensors and models with ``.to(device)``.
The site build sets ``PYTORCH_TUTORIALS_DEVICE=cpu`` so that the outputs it shows
are the same on every machine.
"""

import os

import torch

ENV_VAR = "PYTORCH_TUTORIALS_DEVICE"


def get_device() -> torch.device:
    """Return the GPU when one is available, else the CPU.

    Set the environment variable ``PYTORCH_TUTORIALS_DEVICE`` to force a choice.

    >>> import os
    >>> os.environ[ENV_VAR] = "cpu"
    >>> get_device()
    device(type='cpu')
    >>> os.environ[ENV_VAR] = "tpu"
    >>> get_device()
    Traceback (most recent call last):
    ...
    ValueError: PYTORCH_TUTORIALS_DEVICE must be 'cpu' or 'cuda', not 'tpu'
    >>> del os.environ[ENV_VAR]
    """
    forced = os.environ.get(ENV_VAR)
    if forced:
        if forced not in ("cpu", "cuda"):
            raise ValueError(f"{ENV_VAR} must be 'cpu' or 'cuda', not {forced!r}")
        if forced == "cuda" and not torch.cuda.is_available():
            raise RuntimeError(f"{ENV_VAR}=cuda but torch.cuda.is_available() is False")
        return torch.device(forced)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
