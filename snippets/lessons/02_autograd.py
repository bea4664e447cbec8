# Lesson 2: autograd, PyTorch's automatic differentiation.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import math
import warnings

import matplotlib.pyplot as plt
import torch
# --8<-- [end:imports]

# %%
# --8<-- [start:requires-grad]
x = torch.ones(2, requires_grad=True)  # ask autograd to track every operation on x
x
# --8<-- [end:requires-grad]

# %%
# --8<-- [start:forward]
z = 4 * x
y = z.norm()  # sqrt(z1² + z2²): one number
print(z)
print(y)
# --8<-- [end:forward]

# %%
# --8<-- [start:graph]
node = y.grad_fn
while node is not None:  # walk the graph from y back to x
    print(node.name())
    node = node.next_functions[0][0] if node.next_functions else None
# --8<-- [end:graph]

# %%
# --8<-- [start:leaves]
for name, t in [("x", x), ("z", z), ("y", y)]:
    print(f"{name}: is_leaf={t.is_leaf}, grad_fn={t.grad_fn.name() if t.grad_fn else None}")
# --8<-- [end:leaves]

# %%
# --8<-- [start:backward]
y.backward()  # fills x.grad with dy/dx
x.grad
# --8<-- [end:backward]

# %%
# --8<-- [start:by-hand]
with torch.no_grad():  # plain arithmetic: nothing to record
    y_by_hand = 4 * torch.sqrt(x[0] ** 2 + x[1] ** 2)
    grad_by_hand = 4 * x / torch.sqrt(x[0] ** 2 + x[1] ** 2)
print(f"y by hand: {y_by_hand:.4f}")
print("dy/dx by hand:", grad_by_hand)
print("same as x.grad:", torch.allclose(x.grad, grad_by_hand))
# --8<-- [end:by-hand]

# %%
# --8<-- [start:non-leaf-grad]
with warnings.catch_warnings():  # PyTorch warns when you read a non-leaf .grad
    warnings.simplefilter("ignore")  # this cell reads it on purpose
    print("z.grad:", z.grad)
# --8<-- [end:non-leaf-grad]

# %%
# --8<-- [start:retain-grad]
x = torch.ones(2, requires_grad=True)  # a fresh start: new leaf, new graph
z = 4 * x
z.retain_grad()  # keep the gradient of this intermediate tensor too
y = z.norm()
y.backward()
print("z.grad:", z.grad)  # dy/dz = z / ||z||
print("x.grad:", x.grad)
# --8<-- [end:retain-grad]

# %%
# --8<-- [start:leaf-trap]
torch.manual_seed(0)
w = torch.randn(3, requires_grad=True) * 0.01  # looks like small weights...
print("is_leaf:", w.is_leaf, "grad_fn:", w.grad_fn.name())  # ...but w was computed
w.sum().backward()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    print("w.grad:", w.grad)  # the gradient went to a tensor we no longer hold
# --8<-- [end:leaf-trap]

# %%
# --8<-- [start:leaf-fix]
torch.manual_seed(0)
w = (torch.randn(3) * 0.01).requires_grad_()  # compute first, then ask for gradients
print("is_leaf:", w.is_leaf, "grad_fn:", w.grad_fn)
w.sum().backward()
print("w.grad:", w.grad)
# --8<-- [end:leaf-fix]

# %%
# --8<-- [start:mean-grad]
torch.manual_seed(0)
x = torch.randn(2, 2, requires_grad=True)  # 4 numbers
y = x**2
z = y.mean()  # (x1² + x2² + x3² + x4²) / 4
z.backward()
print(x)
print(x.grad)
print("x.grad equals x / 2:", torch.allclose(x.grad, x / 2))
# --8<-- [end:mean-grad]

# %%
# --8<-- [start:sin-slope]
xs = torch.linspace(-2 * math.pi, 2 * math.pi, 101, requires_grad=True)
ys = torch.sin(xs)
ys.sum().backward()  # ys[i] depends on xs[i] only, so xs.grad[i] = d sin/dx at xs[i]
print("autograd matches cos(x):", torch.allclose(xs.grad, torch.cos(xs)))
# --8<-- [end:sin-slope]

# %%
# --8<-- [start:sin-plot]
x_np, y_np, slope_np = xs.detach().numpy(), ys.detach().numpy(), xs.grad.numpy()

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
left.plot(x_np, y_np, label="sin(x)")
for i in range(5, 101, 15):  # a few tangent lines, slope taken from autograd
    x0, y0, k = x_np[i], y_np[i], slope_np[i]
    label = "tangent, slope = xs.grad" if i == 5 else None
    left.plot([x0 - 0.7, x0 + 0.7], [y0 - 0.7 * k, y0 + 0.7 * k], color="crimson", lw=1.5, label=label)
    left.scatter(x0, y0, color="crimson", s=15, zorder=3)
left.set_xlabel("x")
left.set_ylabel("sin(x)")

right.plot(x_np, torch.cos(xs).detach().numpy(), color="grey", lw=4, alpha=0.5, label="cos(x), known derivative")
right.scatter(x_np, slope_np, color="crimson", s=8, zorder=3, label="xs.grad from autograd")
right.set_xlabel("x")
right.set_ylabel("d sin(x) / dx")

for ax in (left, right):
    ax.set_ylim(-1.3, 1.9)  # room for the legend above the curves
    ax.legend(loc="upper center", ncol=2, fontsize=9)
plt.show()
# --8<-- [end:sin-plot]

# %%
# --8<-- [start:no-grad]
x = torch.ones(2, requires_grad=True)
print("tracked:", (x * 2).requires_grad)

with torch.no_grad():  # nothing inside is recorded
    doubled = x * 2
print("inside no_grad:", doubled.requires_grad, doubled.grad_fn)
# --8<-- [end:no-grad]

# %%
# --8<-- [start:set-grad-enabled]
for training in (True, False):
    with torch.set_grad_enabled(training):  # one switch for both modes
        doubled = x * 2
    print(f"training={training}: requires_grad={doubled.requires_grad}")
# --8<-- [end:set-grad-enabled]

# %%
# --8<-- [start:detach]
doubled = x * 2
try:
    doubled.numpy()
except RuntimeError as error:
    print("RuntimeError:", error)

plain = doubled.detach()  # same numbers, cut off from the graph
print(plain, plain.requires_grad, plain.is_leaf)
print(plain.numpy())
# --8<-- [end:detach]

# %%
# --8<-- [start:accumulate]
x = torch.ones(2, requires_grad=True)
for step in range(1, 4):
    y = (4 * x).norm()  # a new graph each time: backward frees the old one
    y.backward()
    print(f"after backward call {step}: x.grad = {x.grad}")
# --8<-- [end:accumulate]

# %%
# --8<-- [start:zero-grad]
x.grad.zero_()  # in place: the gradient tensor stays, filled with zeros
print("after zero_():", x.grad)

(4 * x).norm().backward()
print("one backward later:", x.grad)

x.grad = None  # or drop it altogether; the next backward creates it again
print("after x.grad = None:", x.grad)
# --8<-- [end:zero-grad]

# %%
# --8<-- [start:device]
device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
x = torch.ones(2, device=device, requires_grad=True)
(4 * x).norm().backward()
print(x.grad, x.grad.device)  # the gradient lives where x lives
# --8<-- [end:device]

# %%
# --8<-- [start:exercise-1-solution]
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
f = a**2 * b + b**3
f.backward()

av, bv = a.item(), b.item()  # plain Python numbers for the formulas
print(f"f = {f.item():.1f}")
print(f"df/da: autograd {a.grad.item():.1f}, by hand 2ab = {2 * av * bv:.1f}")
print(f"df/db: autograd {b.grad.item():.1f}, by hand a² + 3b² = {av**2 + 3 * bv**2:.1f}")
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
w = torch.tensor(3.0, requires_grad=True)

(w**2).backward()  # adds 2w = 6
(5 * w).backward()  # adds 5, on top of the 6
print("accumulated:", w.grad)

w.grad = None  # start clean before the second way
(w**2 + 5 * w).backward()
print("in one go:  ", w.grad)
print("by hand 2w + 5 =", 2 * w.item() + 5)
# --8<-- [end:exercise-2-solution]
