"""Benchmark: the test suite and the site builds from an empty lesson cache, each lesson's
run time, and lesson 9's CNN result. Prints one table and writes it as JSON.

    python -m tools.bench                     # everything (about 10 minutes on 2 cores)
    python -m tools.bench --no-tests          # builds and lessons only
    python -m tools.bench --json before.json  # where the JSON goes (default .cache/bench.json)

Every time comes from a fresh start of the same command a contributor runs; the lesson
cache is emptied before the test suite and before the cold build, as on a clean clone.

A shared or throttled machine can change speed by half from one hour to the next, so the
table starts and ends with the machine's speed on lesson 9's CNN (training images per
second, random data, all cores): compare two tables only where those agree.
"""

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch

from tools.execute import CACHE_DIR, REPO, lesson_env, lesson_paths

CNN_LESSON = "09_cnn"
CNN_RESULT = re.compile(r"CNN: [\d,]+ parameters, test accuracy (?P<accuracy>[\d.]+)%")
CNN_TIME = re.compile(r"measured: (?P<seconds>[\d.]+) s of training")


def timed(command: list[str]) -> tuple[float, str]:
    """Run a command from the repository; its wall time and its output (it must succeed)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return seconds, done.stdout + done.stderr


SPEED_PROBE = """
import time, torch
from torch import nn
torch.manual_seed(0)
model = nn.Sequential(  # lesson 9's CNN, as it trains there
    nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(1568, 64), nn.ReLU(), nn.Linear(64, 10)).to(memory_format=torch.channels_last)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
images, labels = torch.randn(128, 1, 28, 28), torch.randint(0, 10, (128,))
def step():
    optimizer.zero_grad()
    nn.functional.cross_entropy(model(images), labels).backward()
    optimizer.step()
for _ in range(20):
    step()
steps, started = 0, time.perf_counter()
while time.perf_counter() - started < 5:
    step()
    steps += 1
print(steps * len(images) / (time.perf_counter() - started))
"""


def machine_speed() -> float:
    """Training images per second of lesson 9's CNN, in a process set up like a lesson's."""
    done = subprocess.run([sys.executable, "-c", SPEED_PROBE], env=lesson_env(), capture_output=True, text=True,
                          check=True)
    return float(done.stdout)


def cnn_result() -> dict:
    """Lesson 9's test accuracy and training time, as its last build printed them."""
    text = "".join(s["text"] for s in json.loads((CACHE_DIR / f"{CNN_LESSON}.json").read_text())["sections"].values())
    accuracy, seconds = CNN_RESULT.search(text), CNN_TIME.search(text)
    if not (accuracy and seconds):
        raise SystemExit(f"lesson {CNN_LESSON} no longer prints its CNN result and training time")
    return {"cnn_test_accuracy_percent": float(accuracy["accuracy"]), "cnn_training_seconds": float(seconds["seconds"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-tests", action="store_true", help="skip the test suite")
    parser.add_argument("--json", type=Path, default=REPO / ".cache" / "bench.json")
    args = parser.parse_args()

    results = {"speed_before_images_per_second": round(machine_speed())}
    if not args.no_tests:
        shutil.rmtree(CACHE_DIR, ignore_errors=True)
        results["test_suite_seconds"], output = timed([sys.executable, "-m", "pytest", "-n", "auto", "--dist", "worksteal", "-q", "-p", "no:cacheprovider"])
        results["tests_passed"] = int(re.search(r"(\d+) passed", output)[1])
    with tempfile.TemporaryDirectory() as site:
        build = [sys.executable, "-m", "tools.build", "--site-dir", site]
        shutil.rmtree(CACHE_DIR, ignore_errors=True)
        results["cold_build_seconds"], _ = timed(build)
        results["warm_build_seconds"], log = timed(build)
        results["warm_build_executed_lessons"] = log.count("executed in")
    results["lesson_seconds"] = {
        path.stem: round(json.loads((CACHE_DIR / f"{path.stem}.json").read_text())["seconds"], 1) for path in lesson_paths()
    }
    results.update(cnn_result())
    results["speed_after_images_per_second"] = round(machine_speed())
    results["machine"] = {"cpus": os.cpu_count(), "torch": torch.__version__, "torch_threads": torch.get_num_threads(),
                          "python": platform.python_version(), "date": time.strftime("%Y-%m-%d %H:%M")}

    rows = [("machine speed at the start (lesson 9's CNN)", f"{results['speed_before_images_per_second']} images/s")]
    rows += [(f"lesson {stem}", f"{s:.1f} s") for stem, s in results["lesson_seconds"].items()]
    rows.append(("lessons, sum of run times", f"{sum(results['lesson_seconds'].values()):.1f} s"))
    rows.append(("cold build, 4 languages (every lesson executed)", f"{results['cold_build_seconds']:.1f} s"))
    rows.append(("warm build, 4 languages", f"{results['warm_build_seconds']:.1f} s, "
                 f"{results['warm_build_executed_lessons']} lessons executed"))
    if "test_suite_seconds" in results:
        rows.append(("test suite from an empty cache (pytest)", f"{results['test_suite_seconds']:.1f} s, "
                     f"{results['tests_passed']} passed"))
    rows.append(("lesson 9 CNN: test accuracy", f"{results['cnn_test_accuracy_percent']:.2f} %"))
    rows.append(("lesson 9 CNN: training time", f"{results['cnn_training_seconds']:.1f} s"))
    rows.append(("machine speed at the end (lesson 9's CNN)", f"{results['speed_after_images_per_second']} images/s"))
    width = max(len(name) for name, _ in rows)
    print(f"{'what':<{width}}  measured\n{'-' * width}  {'-' * 24}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {args.json}")


if __name__ == "__main__":
    main()
