# Lesson 1: tensors and a single neuron.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import matplotlib.pyplot as plt
import numpy as np
import torch
# --8<-- [end:imports]

# %%
# --8<-- [start:activation]
def activation(x):
    """Sigmoid activation: squashes any number into (0, 1)."""
    return 1 / (1 + torch.exp(-x))
# --8<-- [end:activation]

# %%
# --8<-- [start:neuron-data]
torch.manual_seed(7)  # same random numbers on every run

features = torch.randn((1, 5))  # one example with 5 inputs
weights = torch.randn_like(features)  # one weight per input, same shape
bias = torch.randn((1, 1))  # a single bias

features
# --8<-- [end:neuron-data]

# %%
# --8<-- [start:neuron-output]
y = activation(torch.sum(features * weights) + bias)
y
# --8<-- [end:neuron-output]

# %%
# --8<-- [start:sigmoid-plot]
z = torch.linspace(-6, 6, 200)
h = torch.sum(features * weights) + bias  # the neuron's input to the activation

fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(z, activation(z), label="sigmoid(z)")
ax.scatter(h.item(), y.item(), color="crimson", zorder=3, label=f"our neuron: z={h.item():.2f}, y={y.item():.4f}")
ax.axhline(0.5, color="grey", lw=0.5, ls="--")
ax.set_xlabel("z = w·x + b")
ax.set_ylabel("f(z)")
ax.legend(loc="upper left")
plt.show()
# --8<-- [end:sigmoid-plot]

# %%
# --8<-- [start:dimensions]
scalar = torch.tensor(3.5)
vector = torch.tensor([1.0, 2.0, 3.0])
matrix = torch.ones(2, 3)
image = torch.zeros(3, 28, 28)  # colour channels, height, width

for name, t in [("scalar", scalar), ("vector", vector), ("matrix", matrix), ("image", image)]:
    print(f"{name:>6}: dim={t.dim()} shape={tuple(t.shape)}")

print(matrix.sum(dim=0))  # collapse dimension 0 (NumPy says axis=0)
print(matrix.sum(dim=1))
# --8<-- [end:dimensions]

# %%
# --8<-- [start:creating]
torch.manual_seed(0)
a = torch.randn(2, 3)  # standard normal numbers
print(a)
print(torch.randn_like(a).shape)  # same shape as a, new random numbers
print(torch.ones(2, 3))
print(torch.zeros(2, 3, dtype=torch.int64))
# --8<-- [end:creating]

# %%
# --8<-- [start:dtype]
print(features.shape, features.dtype, features.device)  # what every tensor knows about itself
print(torch.tensor([1.5, 2.0]).dtype)  # decimal numbers: float32, PyTorch's default
print(torch.tensor([1, 2]).dtype)  # whole numbers: int64
from_numpy = torch.tensor(np.array([1.5, 2.0]))
print(from_numpy.dtype)  # NumPy's default, float64, is kept
print(from_numpy.to(torch.float32).dtype, from_numpy.float().dtype)  # two ways to float32
# --8<-- [end:dtype]

# %%
# --8<-- [start:indexing]
m = torch.arange(12).reshape(3, 4)  # the numbers 0 to 11 in 3 rows of 4
print(m)
print(m[0])  # the first row: counting starts at 0
print(m[:, 1])  # the second column: every row, column 1
print(m[1, 2])  # a single element: row 1, column 2
print(m[:2, 1:3])  # rows 0 and 1, columns 1 and 2
print(m[-1])  # negative indices count from the end: the last row
# --8<-- [end:indexing]

# %%
# --8<-- [start:item]
element = m[1, 2]
print(element, type(element).__name__)  # still a tensor
print(element.item(), type(element.item()).__name__)  # a plain Python number
print(f"neuron output: {y.item():.4f}")  # handy for printing and plotting
# --8<-- [end:item]

# %%
# --8<-- [start:shape-error]
try:
    torch.mm(features, weights)  # (1, 5) @ (1, 5): inner sizes 5 and 1 differ
except RuntimeError as error:
    print("RuntimeError:", error)
# --8<-- [end:shape-error]

# %%
# --8<-- [start:reshape]
print(weights.shape)
print(weights.reshape(5, 1).shape)  # a new shape; copies data only if it must
print(weights.view(5, 1).shape)  # a new shape on the same memory, never a copy

w = weights.clone()
w.resize_(5, 1)  # trailing underscore: changes w itself, in place
print(w.shape)
# --8<-- [end:reshape]

# %%
# --8<-- [start:transpose]
print(torch.equal(weights.view(5, 1), weights.T))  # a single row: both give the same column

A = torch.tensor([[1, 2, 3], [4, 5, 6]])  # a 2x3 matrix
print(A.view(3, 2))  # the same six numbers in the same order, cut into rows of 2
print(A.T)  # rows become columns
print(torch.equal(A.view(3, 2), A.T), torch.equal(A.T, A.transpose(0, 1)))
# --8<-- [end:transpose]

# %%
# --8<-- [start:matmul-output]
y_mm = activation(torch.mm(features, weights.T) + bias)  # (1, 5) @ (5, 1) -> (1, 1)
y_mm
# --8<-- [end:matmul-output]

# %%
# --8<-- [start:squeeze-stack]
row = torch.tensor([[1.0, 2.0, 3.0]])  # shape (1, 3)
print(row.squeeze().shape)  # drop dimensions of size 1 -> (3,)
print(row.squeeze().unsqueeze(1).shape)  # add a dimension at position 1 -> (3, 1)

other = torch.tensor([[4.0, 5.0, 6.0]])
print(torch.cat((row, other), dim=0).shape)  # join along an existing dimension -> (2, 3)
print(torch.stack((row, other), dim=0).shape)  # join along a new dimension -> (2, 1, 3)
# --8<-- [end:squeeze-stack]

# %%
# --8<-- [start:network]
torch.manual_seed(7)

features = torch.randn((1, 3))  # 3 inputs

n_input = features.shape[1]  # must match the number of input features
n_hidden = 2  # a hyperparameter: we choose it
n_output = 1

W1 = torch.randn(n_input, n_hidden)  # input -> hidden
W2 = torch.randn(n_hidden, n_output)  # hidden -> output
B1 = torch.randn((1, n_hidden))
B2 = torch.randn((1, n_output))

hidden = activation(torch.mm(features, W1) + B1)
output = activation(torch.mm(hidden, W2) + B2)
output
# --8<-- [end:network]

# %%
# --8<-- [start:numpy-bridge]
a = np.arange(6, dtype=np.float64).reshape(2, 3)
b = torch.from_numpy(a)  # shares memory with a
b.mul_(2)  # in place on the tensor...
print(a)  # ...and the NumPy array changed too
print(np.shares_memory(a, b.numpy()))  # one block of memory, two views
# --8<-- [end:numpy-bridge]

# %%
# --8<-- [start:device]
device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
x = features.to(device)
print(device, x.device)
# --8<-- [end:device]

# %%
# --8<-- [start:sigmoid-gradient]
for sigmoid in (activation, torch.sigmoid):
    point = torch.tensor(-100.0, requires_grad=True)  # float32, far to the left
    value = sigmoid(point)
    value.backward()  # the slope at -100, from autograd (lesson 2)
    print(f"{sigmoid.__name__:>10}: value {value.item():.3g}, gradient {point.grad.item():.3g}")
# --8<-- [end:sigmoid-gradient]

# %%
# --8<-- [start:exercise-1-solution]
z = torch.linspace(-5, 5, 11)
print(torch.allclose(activation(z), torch.sigmoid(z)))

torch.manual_seed(7)
features = torch.randn((1, 5))
weights = torch.randn_like(features)
bias = torch.randn((1, 1))
y_again = torch.sigmoid(features @ weights.T + bias)  # (1, 5) @ (5, 1) -> (1, 1)
print(y_again)
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
torch.manual_seed(7)
features = torch.randn((1, 3))
W1 = torch.randn(3, 4)  # 3 inputs -> 4 hidden units
W2 = torch.randn(4, 1)  # 4 hidden units -> 1 output
B1 = torch.randn((1, 4))
B2 = torch.randn((1, 1))

hidden = activation(features @ W1 + B1)  # (1, 3) @ (3, 4) -> (1, 4)
output = activation(hidden @ W2 + B2)  # (1, 4) @ (4, 1) -> (1, 1)
print(hidden.shape, output.shape)
print(output)
# --8<-- [end:exercise-2-solution]
