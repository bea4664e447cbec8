"""Lesson 15 launches torchrun during the build: a rank that fails or hangs must become an
error with the rank's message, never a hung build, and must leave no process behind."""

import re
import time
from pathlib import Path

import pytest

from tools.execute import LESSONS_DIR, execute, sections

RANKS = """\
import datetime, time
import torch.distributed as dist
dist.init_process_group("gloo", timeout=datetime.timedelta(seconds=60))
if dist.get_rank() == 1:
    {body}
dist.barrier()
dist.destroy_process_group()
"""


def lesson_launch():
    """The lesson's own `launch`, defined from its page section."""
    code = {s.name: s.code for s in sections(LESSONS_DIR / "15_distributed.py")}
    namespace = {}
    exec("import socket, subprocess, sys\n" + code["launch"], namespace)
    return namespace["launch"]


def processes_running(script):
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if script in cmdline.read_bytes().decode(errors="replace"):
                found.append(cmdline.parent.name)
        except OSError:  # the process ended while we looked
            pass
    return found


@pytest.mark.parametrize("body, timeout, message", [
    ("raise ValueError('rank 1 broke')", 60, r"failed \(exit code 1\)(.|\n)*rank 1 broke"),
    ("time.sleep(300)", 5, r"timed out after 5 s"),
])
def test_a_rank_that_fails_or_hangs_is_an_error_not_a_hang(tmp_path, monkeypatch, body, timeout, message):
    monkeypatch.chdir(tmp_path)
    script = f"ranks_{tmp_path.name}.py"
    Path(script).write_text(RANKS.format(body=body))
    started = time.monotonic()
    with pytest.raises(RuntimeError, match=message):
        lesson_launch()(script, nproc=2, timeout=timeout)
    assert time.monotonic() - started < 60
    assert processes_running(script) == []


def test_each_rank_prints_whole_lines():
    """Two ranks share one stdout: every printed line must be one rank's whole line."""
    lines = execute(LESSONS_DIR / "15_distributed.py")["sections"]["collectives"]["text"].splitlines()
    assert len(lines) == 8, lines
    pattern = re.compile(r"rank [01] of 2 \| (before|after) (all_reduce|broadcast): +\[[\d., ]+\]")
    assert all(pattern.fullmatch(line) for line in lines), lines
