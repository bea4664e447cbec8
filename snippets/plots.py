"""Figures that several lessons draw."""

import matplotlib.pyplot as plt
from matplotlib.colors import ListedColormap
import torch


def view_classify(image, probabilities, class_names=None):
    """Show an image beside a bar chart of the class probabilities a model gave it.

    >>> import torch
    >>> fig = view_classify(torch.zeros(1, 28, 28), torch.full((10,), 0.1))
    >>> [ax.get_title() for ax in fig.axes]
    ['Input', 'Class probability']
    >>> view_classify(torch.zeros(28, 28), torch.ones(3))
    Traceback (most recent call last):
    ...
    ValueError: probabilities must be a 1-d tensor that sums to 1, got shape (3,) summing to 3.0000
    """
    image = torch.as_tensor(image).detach().cpu().squeeze()
    probabilities = torch.as_tensor(probabilities).detach().cpu().flatten()
    if image.dim() != 2:
        raise ValueError(f"image must be one grey-scale image, got shape {tuple(image.shape)}")
    total = probabilities.sum().item()
    if abs(total - 1) > 1e-3:
        raise ValueError(
            f"probabilities must be a 1-d tensor that sums to 1, got shape "
            f"{tuple(probabilities.shape)} summing to {total:.4f}"
        )
    names = class_names or [str(i) for i in range(len(probabilities))]
    if len(names) != len(probabilities):
        raise ValueError(f"{len(names)} class names for {len(probabilities)} probabilities")
    fig, (left, right) = plt.subplots(figsize=(7, 3.2), ncols=2, gridspec_kw={"width_ratios": [1, 1.3]})
    left.imshow(image.numpy(), cmap="gray_r")
    left.set_title("Input")
    left.axis("off")
    right.barh(range(len(names)), probabilities.numpy())
    right.set_yticks(range(len(names)), names)
    right.invert_yaxis()
    right.set_xlim(0, 1.05)
    right.set_title("Class probability")
    fig.tight_layout()
    return fig


@torch.no_grad()
def plot_decision_regions(model, points, labels, ax=None, steps=200):
    """Colour the plane by the class ``model`` predicts, and draw the points on top.

    >>> import torch
    >>> model = torch.nn.Linear(2, 2)
    >>> ax = plot_decision_regions(model, torch.randn(10, 2), torch.randint(0, 2, (10,)))
    >>> ax.get_xlabel()
    'x1'
    >>> plot_decision_regions(model, torch.randn(10, 3), torch.zeros(10))
    Traceback (most recent call last):
    ...
    ValueError: points must have shape (N, 2), got (10, 3)
    """
    points, labels = torch.as_tensor(points).cpu(), torch.as_tensor(labels).cpu()
    if points.dim() != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (N, 2), got {tuple(points.shape)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4.5))
    low, high = points.min(dim=0).values - 1, points.max(dim=0).values + 1
    xs = torch.linspace(low[0], high[0], steps)
    ys = torch.linspace(low[1], high[1], steps)
    grid_x, grid_y = torch.meshgrid(xs, ys, indexing="xy")
    grid = torch.stack((grid_x.flatten(), grid_y.flatten()), dim=1)
    device = next(model.parameters()).device
    model.eval()
    predicted = model(grid.to(device)).argmax(dim=1).cpu().reshape(grid_x.shape)
    classes = int(max(predicted.max().item(), labels.max().item())) + 1
    colours = ListedColormap(plt.get_cmap("tab10").colors[:classes])  # one colour per class, regions and dots alike
    levels = torch.arange(classes + 1).numpy() - 0.5
    ax.contourf(grid_x.numpy(), grid_y.numpy(), predicted.numpy(), levels=levels, cmap=colours, alpha=0.25)
    ax.scatter(points[:, 0].numpy(), points[:, 1].numpy(), c=labels.numpy(), cmap=colours,
               vmin=-0.5, vmax=classes - 0.5, s=8)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    return ax
