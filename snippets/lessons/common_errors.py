# Common errors: each mistake, the real message PyTorch gives, and the fix.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import numpy as np
import torch
from torch import nn
# --8<-- [end:imports]

# %%
# --8<-- [start:shape-error]
torch.manual_seed(0)
layer = nn.Linear(784, 10)  # expects 784 numbers per example
images = torch.randn(64, 1, 28, 28)  # a batch shaped like 64 MNIST images

try:
    layer(images)
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")
# --8<-- [end:shape-error]

# %%
# --8<-- [start:shape-fix]
inputs = images.view(images.shape[0], -1)  # keep the batch dimension, flatten the rest
print("inputs:", inputs.shape)
print("outputs:", layer(inputs).shape)
# --8<-- [end:shape-fix]

# %%
# --8<-- [start:dtype-error]
data = np.random.default_rng(0).random((4, 3))  # NumPy makes float64 by default
x = torch.from_numpy(data)  # keeps NumPy's dtype
model = nn.Linear(3, 2)  # PyTorch's weights are float32
print("x:", x.dtype, "| weights:", model.weight.dtype)

try:
    model(x)
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")
# --8<-- [end:dtype-error]

# %%
# --8<-- [start:dtype-fix]
x = torch.from_numpy(data).float()  # float64 -> float32
print("x:", x.dtype)
print("outputs:", model(x).shape)
# --8<-- [end:dtype-fix]

# %%
# --8<-- [start:labels-error]
loss_fn = nn.CrossEntropyLoss()
logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]])  # 2 examples, 3 classes
labels = torch.tensor([0.0, 2.0])  # class numbers stored as floats

try:
    loss_fn(logits, labels)
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")
# --8<-- [end:labels-error]

# %%
# --8<-- [start:labels-fix]
labels = labels.long()  # float32 -> int64 class numbers
print("labels:", labels, labels.dtype)
print(f"loss: {loss_fn(logits, labels).item():.4f}")
# --8<-- [end:labels-fix]

# %%
# --8<-- [start:device-error]
model = nn.Linear(3, 2, device="meta")  # stands in for a model on the GPU
x = torch.randn(4, 3)  # the data is still on the CPU

try:
    model(x)
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")
# --8<-- [end:device-error]

# %%
# --8<-- [start:device-fix]
device = "cuda" if torch.cuda.is_available() else "cpu"
model = nn.Linear(3, 2).to(device)  # the model on the device...
x = x.to(device)  # ...and every batch of data on the same device
print("weights on:", model.weight.device, "| data on:", x.device)
print("outputs:", model(x).shape)
# --8<-- [end:device-fix]

# %%
# --8<-- [start:grad-accumulates]
x = torch.tensor([1.0, 2.0, 3.0, 4.0])
y = 2 * x  # the best weight is 2
w = torch.zeros(1, requires_grad=True)
loss_fn = nn.MSELoss()

for call in range(1, 4):
    loss_fn(w * x, y).backward()  # same w, same loss, every time
    print(f"after backward() number {call}: w.grad = {w.grad.item():.1f}")
# --8<-- [end:grad-accumulates]

# %%
# --8<-- [start:grad-training]
def train(clear_gradients, steps=40):
    """Fit w to the points with SGD; return w after every 5 steps."""
    w = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=0.01)
    history = []
    for step in range(1, steps + 1):
        if clear_gradients:
            optimizer.zero_grad()
        loss_fn(w * x, y).backward()
        optimizer.step()
        if step % 5 == 0:
            history.append(w.item())
    return history


print("step  with zero_grad  without")
for step, good, bad in zip(range(5, 41, 5), train(True), train(False)):
    print(f"{step:4d}  {good:13.3f}  {bad:7.3f}")
# --8<-- [end:grad-training]

# %%
# --8<-- [start:softmax-error]
loss_fn = nn.CrossEntropyLoss()
label = torch.tensor([0])  # the right answer is class 0
print("scores      loss of logits  loss after softmax")
for scale in [1, 4, 16]:
    right = torch.tensor([[1.0, 0.0, -1.0]]) * scale  # favours class 0: right
    wrong = torch.tensor([[-1.0, 0.0, 1.0]]) * scale  # favours class 2: wrong
    for name, scores in [("right", right), ("wrong", wrong)]:
        good = loss_fn(scores, label).item()
        bad = loss_fn(scores.softmax(dim=1), label).item()
        print(f"{name} x{scale:<2d}   {good:14.3f}  {bad:18.3f}")
# --8<-- [end:softmax-error]

# %%
# --8<-- [start:softmax-fix]
scores = torch.tensor([[1.0, 0.0, -1.0]]) * 4
print(f"loss from the logits: {loss_fn(scores, label).item():.4f}")
print("probabilities, only to read them:", scores.softmax(dim=1).round(decimals=3))
# --8<-- [end:softmax-fix]

# %%
# --8<-- [start:eval-error]
torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 2),
)
batch = torch.randn(3, 4)
print("training mode:", model.training)  # a new model starts in training mode
print(model(batch))
print(model(batch))  # the same input, other outputs: dropout is random

try:
    model(batch[:1])  # a single example
except ValueError as error:
    print(f"{type(error).__name__}: {error}")
# --8<-- [end:eval-error]

# %%
# --8<-- [start:eval-fix]
model.eval()  # dropout off, batch norm uses its running averages
with torch.no_grad():
    print(model(batch))
    print(model(batch))  # the same outputs every time
    print(model(batch[:1]))  # one example works, and matches the first row
# --8<-- [end:eval-fix]

# %%
# --8<-- [start:numpy-error]
w = torch.randn(3, requires_grad=True)

try:
    w.numpy()
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")
# --8<-- [end:numpy-error]

# %%
# --8<-- [start:numpy-fix]
w.detach().cpu().numpy()  # no graph, on the CPU, then NumPy
# --8<-- [end:numpy-fix]
