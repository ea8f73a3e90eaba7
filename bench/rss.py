"""Run a command and measure its wall time and the peak RSS of its whole process tree
(the command and every process it starts, summed, sampled every 0.1 s with psutil)."""

from __future__ import annotations

import subprocess
import threading
import time
from typing import IO

import psutil


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for proc in [process, *process.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


def run_measured(
    command: list[str], stderr: IO[str] | None = None
) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    """Seconds, peak tree RSS in bytes, and the completed process (its stderr goes to
    ``stderr`` when given, e.g. a log file to follow a long run's progress)."""
    start = time.perf_counter()
    popen = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=stderr or subprocess.PIPE, text=True
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            process = psutil.Process(popen.pid)
            while not done.is_set():
                peak = max(peak, tree_rss(process))
                time.sleep(0.1)
        except psutil.NoSuchProcess:
            return

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = popen.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return seconds, peak, subprocess.CompletedProcess(command, popen.returncode, out, err)
