"""The training and evaluation loops that lessons 8 onwards reuse."""

import torch


def train_epoch(model, loader, loss_fn, optimizer, device, augment=None) -> float:
    """One pass over ``loader``: forward, loss, backward, step. Returns the mean loss.

    ``augment``, if given, changes each batch of inputs before the forward pass
    (random flips, for example), so every epoch sees slightly different images.

    >>> import torch
    >>> from torch import nn
    >>> _ = torch.manual_seed(0)
    >>> x = torch.randn(64, 2)
    >>> y = (x[:, 0] > 0).long()
    >>> loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=16)
    >>> model = nn.Linear(2, 2)
    >>> optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    >>> first = train_epoch(model, loader, nn.CrossEntropyLoss(), optimizer, torch.device("cpu"))
    >>> later = [train_epoch(model, loader, nn.CrossEntropyLoss(), optimizer, torch.device("cpu")) for _ in range(5)]
    >>> later[-1] < first
    True
    >>> seen = []
    >>> _ = train_epoch(model, loader, nn.CrossEntropyLoss(), optimizer, "cpu", augment=lambda x: seen.append(len(x)) or -x)
    >>> seen
    [16, 16, 16, 16]
    """
    model.train()
    total, count = 0.0, 0
    for inputs, targets in loader:
        inputs, targets = inputs.to(device), targets.to(device)
        if augment is not None:
            inputs = augment(inputs)
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(targets)
        count += len(targets)
    if count == 0:
        raise ValueError("the loader yielded no batches")
    return total / count


@torch.no_grad()
def accuracy(model, loader, device) -> float:
    """Fraction of examples whose highest score is the right class (model in eval mode).

    >>> import torch
    >>> from torch import nn
    >>> model = nn.Linear(2, 2)
    >>> with torch.no_grad():
    ...     _ = model.weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0]]))
    ...     _ = model.bias.zero_()
    >>> x = torch.tensor([[2.0, 1.0], [0.0, 3.0], [5.0, 1.0], [1.0, 0.0]])
    >>> y = torch.tensor([0, 1, 1, 0])  # the third is wrong on purpose
    >>> loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=2)
    >>> accuracy(model, loader, torch.device("cpu"))
    0.75
    """
    model.eval()
    correct, count = 0, 0
    for inputs, targets in loader:
        predicted = model(inputs.to(device)).argmax(dim=1)
        correct += (predicted == targets.to(device)).sum().item()
        count += len(targets)
    if count == 0:
        raise ValueError("the loader yielded no batches")
    return correct / count
