# Lesson 14: devices and speed.
# The site runs it section by section (tools/execute.py) and shows each section with its output.
# Every line that prints a timing starts with "measured:": those numbers change from run to run.

# %%
# --8<-- [start:imports]
import logging
import os
import time

import matplotlib.pyplot as plt
import torch
from torch import nn

logging.getLogger("torch.utils.cpp_extension").setLevel(logging.ERROR)  # hide a note about C++ build tools
from torch.utils import benchmark
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU when there is one
device
# --8<-- [end:imports]

# %%
# --8<-- [start:accelerator]
print("torch.cuda.is_available():       ", torch.cuda.is_available())
print("torch.accelerator.is_available():", torch.accelerator.is_available())
# None when no accelerator (GPU, Apple MPS, Intel XPU, ...) can be used
print("current accelerator:             ", torch.accelerator.current_accelerator(check_available=True))
print("torch.device(device):            ", torch.device(device))
# --8<-- [end:accelerator]

# %%
# --8<-- [start:model]
def make_cnn():
    """The small CNN of lesson 9: two convolution blocks and a linear classifier."""
    return nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # -> 16 x 14 x 14
        nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # -> 32 x 7 x 7
        nn.Flatten(), nn.Linear(32 * 7 * 7, 10),
    )


torch.manual_seed(0)
model = make_cnn().to(device)  # moves every weight to the device (in place for a model)
x = torch.randn(4, 1, 28, 28)  # a tensor is created on the CPU
x = x.to(device)  # returns a copy on the device: keep the result!
print("weights on:", next(model.parameters()).device)
print("data on:   ", x.device)
print("output:    ", model(x).shape, "on", model(x).device)
# --8<-- [end:model]

# %%
# --8<-- [start:mismatch]
elsewhere = make_cnn().to("meta")  # the "meta" device: shapes only, no numbers
try:
    elsewhere(torch.randn(4, 1, 28, 28))  # data on the CPU, weights on another device
except RuntimeError as error:
    print("RuntimeError:", error)
# --8<-- [end:mismatch]

# %%
# --8<-- [start:data]
train = datasets.FashionMNIST(root="data", train=True, download=True, transform=transforms.ToTensor())
images = torch.stack([train[i][0] for i in range(256)])  # one batch of real images, made once
labels = torch.tensor([train[i][1] for i in range(256)])
print("images:", tuple(images.shape), images.dtype)
# --8<-- [end:data]

# %%
# --8<-- [start:timer]
loss_fn = nn.CrossEntropyLoss()


def make_step(net):
    """One training step of `net` with its own optimizer."""
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01)

    def step(x, y, autocast=False):
        optimizer.zero_grad()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=autocast):
            loss = loss_fn(net(x), y)
        loss.backward()
        optimizer.step()

    return step


def images_per_second(step, x, y, **options):
    """Time `step(x, y)` with torch.utils.benchmark; returns images per second."""
    timer = benchmark.Timer(stmt="step(x, y, **options)", globals=dict(step=step, x=x, y=y, options=options))
    result = timer.blocked_autorange(min_run_time=0.2)  # repeats the step for at least 0.2 s
    return len(x) / result.median


torch.manual_seed(0)
step = make_step(make_cnn())
speed = {}
speed["batch 32"] = images_per_second(step, images[:32], labels[:32])
speed["batch 256"] = images_per_second(step, images, labels)
print(f"measured: batch  32: {speed['batch 32']:8.0f} images/s")
print(f"measured: batch 256: {speed['batch 256']:8.0f} images/s")
# --8<-- [end:timer]

# %%
# --8<-- [start:threads]
threads = torch.get_num_threads()
print("threads PyTorch uses here:", threads)
torch.set_num_threads(1)
speed["1 thread"] = images_per_second(step, images, labels)
torch.set_num_threads(threads)  # restore
print(f"measured: 1 thread: {speed['1 thread']:8.0f} images/s")
# --8<-- [end:threads]

# %%
# --8<-- [start:channels-last]
torch.manual_seed(0)
net = make_cnn().to(memory_format=torch.channels_last)
images_cl = images.contiguous(memory_format=torch.channels_last)
rgb = torch.zeros(1, 3, 4, 4)  # with 3 channels the change of layout is visible
print("same shape:", tuple(rgb.shape), " strides:", rgb.stride(), "->",
      rgb.contiguous(memory_format=torch.channels_last).stride())
speed["channels_last"] = images_per_second(make_step(net), images_cl, labels)
print(f"measured: channels_last: {speed['channels_last']:8.0f} images/s")
# --8<-- [end:channels-last]

# %%
# --8<-- [start:autocast]
with torch.autocast("cpu", dtype=torch.bfloat16):
    print("inside autocast, the output is", make_cnn()(images[:4]).dtype)
speed["bfloat16"] = images_per_second(step, images, labels, autocast=True)
print(f"measured: autocast bfloat16: {speed['bfloat16']:8.0f} images/s")
# --8<-- [end:autocast]

# %%
# --8<-- [start:compile]
os.environ["TORCHINDUCTOR_CACHE_DIR"] = os.path.abspath("compile-cache")  # compiled code goes here
torch.manual_seed(0)
compiled = torch.compile(make_cnn())
try:
    start = time.perf_counter()
    make_step(compiled)(images, labels)  # the first call compiles
    print(f"measured: compiling took {time.perf_counter() - start:.1f} s")
    speed["torch.compile"] = images_per_second(make_step(compiled), images, labels)
    print(f"measured: torch.compile: {speed['torch.compile']:8.0f} images/s")
except Exception as error:  # no C++ compiler, unsupported platform, ...
    print("torch.compile failed here:", type(error).__name__, str(error).splitlines()[0])
# --8<-- [end:compile]

# %%
# --8<-- [start:table]
baseline = speed["batch 256"]
print(f"{'variant':<15}{'images/s':>10}{'vs batch 256':>14}")
for name, value in speed.items():
    print(f"measured: {name:<15}{value:>10.0f}{value / baseline:>13.2f}x")

fig, ax = plt.subplots(figsize=(7, 3.2))
ax.barh(list(speed), list(speed.values()), color=["grey", "tab:blue", *["tab:orange"] * (len(speed) - 2)])
ax.invert_yaxis()
ax.set_xlabel("images per second (one training step, this machine's CPU)")
fig.tight_layout()
plt.show()
# --8<-- [end:table]

# %%
# --8<-- [start:gpu]
if device != "cpu":  # runs only where a GPU exists
    loader = DataLoader(train, batch_size=256, shuffle=True, pin_memory=True)  # page-locked memory
    gpu_model = make_cnn().to(device)
    optimizer = torch.optim.SGD(gpu_model.parameters(), lr=0.01)
    scaler = torch.amp.GradScaler(device)  # keeps small float16 gradients from becoming 0
    for xb, yb in loader:
        xb, yb = xb.to(device, non_blocking=True), yb.to(device, non_blocking=True)
        optimizer.zero_grad()
        with torch.autocast(device, dtype=torch.float16):
            loss = loss_fn(gpu_model(xb), yb)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
    print("one epoch in mixed precision, last loss", loss.item())
else:
    print("no GPU here: the GPU-only code is skipped")
# --8<-- [end:gpu]

# %%
# --8<-- [start:reproducible]
def two_steps(seed):
    """Two training steps from weights drawn with `seed`; returns the losses."""
    torch.manual_seed(seed)
    net = make_cnn()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    losses = []
    for _ in range(2):
        optimizer.zero_grad()
        loss = loss_fn(net(images), labels)
        loss.backward()
        optimizer.step()
        losses.append(round(loss.item(), 6))
    return losses


before = torch.are_deterministic_algorithms_enabled()
torch.use_deterministic_algorithms(True)  # error instead of a silently nondeterministic algorithm
print("seed 0:      ", two_steps(0))
print("seed 0 again:", two_steps(0))
print("seed 1:      ", two_steps(1))
torch.use_deterministic_algorithms(before)  # restore the setting
print("deterministic algorithms back to", torch.are_deterministic_algorithms_enabled())
# --8<-- [end:reproducible]

# %%
# --8<-- [start:exercise-1-solution]
torch.manual_seed(0)
net = make_cnn()
net.eval()


def predict(x):
    with torch.inference_mode():  # no graph for backward
        net(x)


timer = benchmark.Timer(stmt="predict(images)", globals=dict(predict=predict, images=images))
inference = len(images) / timer.blocked_autorange(min_run_time=0.2).median
print(f"measured: prediction only: {inference:8.0f} images/s")
print(f"measured: training step:   {speed['batch 256']:8.0f} images/s")
print(f"measured: ratio: {inference / speed['batch 256']:.1f}x")
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
torch.manual_seed(0)
numbers = torch.randn(1_000_000)
shuffled = numbers[torch.randperm(len(numbers))]  # the same numbers in another order
for dtype in (torch.float32, torch.float64):
    a, b = numbers.to(dtype).sum().item(), shuffled.to(dtype).sum().item()
    print(f"{str(dtype):<14} {a:.10f}  {b:.10f}  equal: {a == b}")
# --8<-- [end:exercise-2-solution]
