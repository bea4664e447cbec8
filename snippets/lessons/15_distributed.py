# Lesson 15: training on several processes with torch.distributed.
# The site runs it section by section (tools/execute.py) and shows each section with its output.

# %%
# --8<-- [start:imports]
import json
import socket
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import torch
import torch.distributed as dist

print("distributed available:", dist.is_available())
print("gloo:", dist.is_gloo_available(), " nccl:", dist.is_nccl_available())
# --8<-- [end:imports]

# %%
# --8<-- [start:launch]
def free_port():
    """Ask the system for a free local port: bind to port 0 and read which one we got."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch(script, nproc=2, timeout=120):
    """Run `torchrun --nproc_per_node=nproc script` on this machine; return what it printed."""
    command = [sys.executable, "-m", "torch.distributed.run", f"--nproc_per_node={nproc}",
               "--master_addr=127.0.0.1", "--master_port", str(free_port()), script]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.terminate()  # SIGTERM: torchrun then stops every rank it started
        out, err = process.communicate(timeout=60)
        raise RuntimeError(f"{script} timed out after {timeout} s:\n{err}")
    if process.returncode != 0:
        raise RuntimeError(f"{script} failed (exit code {process.returncode}):\n{err}")  # all of it: the failing rank's error comes first
    return out


def by_rank(out):
    """Sort printed lines 'rank R ...' by R (lines of one rank keep their order)."""
    lines = [line for line in out.splitlines() if line.startswith("rank ")]
    return "\n".join(sorted(lines, key=lambda line: int(line.split()[1])))
# --8<-- [end:launch]

# %%
# --8<-- [start:collectives]
Path("collectives.py").write_text('''
import datetime
import torch
import torch.distributed as dist

# torchrun sets RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT for every process.
# The ranks share one output: each line is printed whole (newline included, one write)
# so that the lines of two ranks cannot mix.
dist.init_process_group("gloo", timeout=datetime.timedelta(seconds=60))
rank, world = dist.get_rank(), dist.get_world_size()

x = torch.tensor([1.0, 2.0]) * (rank + 1)  # every rank holds different numbers
print(f"rank {rank} of {world} | before all_reduce: {x.tolist()}\\n", end="", flush=True)
dist.all_reduce(x, op=dist.ReduceOp.SUM)   # each rank gets the sum over all ranks
print(f"rank {rank} of {world} | after all_reduce:  {x.tolist()}\\n", end="", flush=True)

y = torch.tensor([10.0 * rank + 7])
print(f"rank {rank} of {world} | before broadcast:  {y.tolist()}\\n", end="", flush=True)
dist.broadcast(y, src=0)                   # everyone gets rank 0's tensor
print(f"rank {rank} of {world} | after broadcast:   {y.tolist()}\\n", end="", flush=True)

dist.barrier()  # wait for every rank before shutting down together
dist.destroy_process_group()
''')
print(by_rank(launch("collectives.py", nproc=2)))
# --8<-- [end:collectives]

# %%
# --8<-- [start:ddp-script]
Path("ddp_train.py").write_text('''
import datetime
import json
import os
import torch
import torch.distributed as dist
from pathlib import Path
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler
from torchvision import datasets, transforms

device = "cuda" if torch.cuda.is_available() else "cpu"
local_rank = int(os.environ["LOCAL_RANK"])  # this process's number on this machine
if torch.cuda.device_count() < int(os.environ["LOCAL_WORLD_SIZE"]):
    device = "cpu"                          # fewer GPUs than processes: use the CPU
if device != "cpu":
    torch.cuda.set_device(local_rank)       # one GPU per process
dist.init_process_group("nccl" if device != "cpu" else "gloo",
                        timeout=datetime.timedelta(seconds=60))
rank, world = dist.get_rank(), dist.get_world_size()

# 2048 Fashion-MNIST images, the same in every process
train_set = datasets.FashionMNIST(root="data", train=True, download=True,
                                  transform=transforms.ToTensor())
images = torch.stack([train_set[i][0] for i in range(2048)]).view(-1, 784)
labels = train_set.targets[:2048]
dataset = TensorDataset(images, labels)

GLOBAL_BATCH = 64
sampler = DistributedSampler(dataset, num_replicas=world, rank=rank, shuffle=True, seed=0)
loader = DataLoader(dataset, batch_size=GLOBAL_BATCH // world, sampler=sampler)

torch.manual_seed(0)  # the same starting weights on every rank
model = nn.Sequential(nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10)).to(device)
model = DDP(model)    # averages the gradients over the ranks in backward()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
criterion = nn.CrossEntropyLoss()

if rank == 0:
    print(f"world size {world}: {len(sampler)} images and batch {GLOBAL_BATCH // world} per rank")
step_losses, epoch_losses = [], []
for epoch in range(3):
    sampler.set_epoch(epoch)  # a new shuffle each epoch, the same on every rank
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()       # DDP: all_reduce of the gradients happens here
        optimizer.step()
        total = loss.detach().clone()
        dist.all_reduce(total)  # the loss of the whole global batch, for the log
        step_losses.append(total.item() / world)
    if rank == 0:  # only rank 0 logs...
        last = step_losses[-len(loader):]
        epoch_losses.append(sum(last) / len(last))
        print(f"epoch {epoch + 1}: loss {epoch_losses[-1]:.6f}")

if rank == 0:  # ...and saves
    Path("checkpoints").mkdir(exist_ok=True)
    torch.save(model.module.state_dict(), f"checkpoints/ddp_world{world}.pt")
    Path(f"checkpoints/losses_world{world}.json").write_text(json.dumps({"steps": step_losses, "epochs": epoch_losses}))
dist.barrier()  # wait for every rank before shutting down together
del model       # DDP keeps the process group (and its threads) alive: release it first
dist.destroy_process_group()
''')
print("wrote", Path("ddp_train.py").resolve().name)
# --8<-- [end:ddp-script]

# %%
# --8<-- [start:ddp-run]
print(launch("ddp_train.py", nproc=2))
# --8<-- [end:ddp-run]

# %%
# --8<-- [start:one-process]
print(launch("ddp_train.py", nproc=1))
# --8<-- [end:one-process]

# %%
# --8<-- [start:compare]
two = json.loads(Path("checkpoints/losses_world2.json").read_text())
one = json.loads(Path("checkpoints/losses_world1.json").read_text())
print("epoch losses, 1 process: ", [f"{a:.6f}" for a in one["epochs"]])
print("epoch losses, 2 processes:", [f"{b:.6f}" for b in two["epochs"]])
print("same to 6 digits:", [f"{a:.6f}" for a in one["epochs"]] == [f"{b:.6f}" for b in two["epochs"]])
gap = max(abs(a - b) for a, b in zip(one["steps"], two["steps"]))
print(f"{len(one['steps'])} steps, largest difference of a step's loss: {gap:.1e}")
w1 = torch.load("checkpoints/ddp_world1.pt", weights_only=True)
w2 = torch.load("checkpoints/ddp_world2.pt", weights_only=True)
print("weights close:", all(torch.allclose(w1[k], w2[k], atol=1e-6) for k in w1))

fig, ax = plt.subplots(figsize=(7, 3.5))
ax.plot(one["steps"], lw=4, alpha=0.4, label="1 process, batch 64")
ax.plot(two["steps"], "k--", lw=1, label="2 processes (DDP), batch 32 each")
ax.set_xlabel("step")
ax.set_ylabel("training loss")
ax.legend()
plt.show()
# --8<-- [end:compare]

# %%
# --8<-- [start:exercise-1-solution]
Path("gather.py").write_text('''
import datetime
import torch
import torch.distributed as dist

dist.init_process_group("gloo", timeout=datetime.timedelta(seconds=60))
rank, world = dist.get_rank(), dist.get_world_size()
mine = torch.tensor([rank * 100.0, rank * 100.0 + 1])
everything = [torch.zeros(2) for _ in range(world)]  # one slot per rank
dist.all_gather(everything, mine)
print(f"rank {rank} | mine: {mine.tolist()} | all: {torch.cat(everything).tolist()}\\n", end="", flush=True)
dist.barrier()  # wait for every rank before shutting down together
dist.destroy_process_group()
''')
print(by_rank(launch("gather.py", nproc=2)))
# --8<-- [end:exercise-1-solution]

# %%
# --8<-- [start:exercise-2-solution]
print(launch("ddp_train.py", nproc=4))
four = json.loads(Path("checkpoints/losses_world4.json").read_text())
print("same to 6 digits as 1 process:",
      [f"{a:.6f}" for a in one["epochs"]] == [f"{b:.6f}" for b in four["epochs"]])
# --8<-- [end:exercise-2-solution]
