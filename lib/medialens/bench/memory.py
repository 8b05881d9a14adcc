"""What a benchmark ran on, and the peak resident memory of the process tree while a phase runs."""

from __future__ import annotations

import os
import platform
import threading
from pathlib import Path


def _cpu_with_waited(proc) -> float:
    """A process' CPU seconds and those of the children it has waited for (psutil)."""
    t = proc.cpu_times()
    return t.user + t.system + t.children_user + t.children_system


class PeakMemory:
    """Peak resident memory of this process plus its children while the ``with`` block runs (MB), and
    the CPU time they used (``cpu_seconds``).

    RSS is sampled every ``interval`` seconds; PSS (which the kernel computes by walking every page of
    a process: about 3 ms for a worker of 500 MB) every ``pss_every`` samples and whenever the RSS
    reaches a new peak -- read at every sample it cost the measured run about an eighth of its speed.
    """

    def __init__(self, interval: float = 0.1, pss_every: int = 10) -> None:
        self.interval = interval
        self.pss_every = pss_every
        self.peak_mb = 0.0
        #: peak of the summed proportional set sizes (shared pages counted once; Linux only, else 0)
        self.peak_pss_mb = 0.0
        self.method = "psutil"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @staticmethod
    def _tree():
        import psutil

        me = psutil.Process()
        return [me, *me.children(recursive=True)]

    @staticmethod
    def _summed(procs, read) -> float:
        """``read(process)`` summed over ``procs``, skipping processes that ended or cannot be read."""
        import psutil

        total = 0
        for proc in procs:
            try:
                total += read(proc)
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        return total

    def _sample(self, pss: bool | None = True) -> float:
        """Summed RSS of the tree in MB. Also updates the PSS peak when ``pss`` is true, or, with ``None``,
        when the RSS is a new peak."""
        procs = self._tree()
        rss = self._summed(procs, lambda p: p.memory_info().rss) / 2**20
        if pss or (pss is None and rss > self.peak_mb):
            total = self._summed(procs, lambda p: getattr(p.memory_full_info(), "pss", 0)) / 2**20
            self.peak_pss_mb = max(self.peak_pss_mb, total)
        return rss

    def _run(self) -> None:
        count = 0
        while not self._stop.is_set():
            count += 1
            rss = self._sample(pss=True if count % self.pss_every == 0 else None)
            self.peak_mb = max(self.peak_mb, rss)
            self._stop.wait(self.interval)

    def _cpu(self) -> float:
        """CPU seconds of this process, of the children it has waited for, and of every live descendant
        together with the children *it* has waited for. The live ones matter: a lean pool starts its workers
        from a fork server, which waits for them itself and outlives the block -- ``RUSAGE_CHILDREN`` alone
        would leave every worker out. (A process that ends between two readings is counted once: live at
        the first, among its parent's waited-for children at the second.)"""
        import resource

        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        total = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
        if self.method == "psutil":
            total += self._summed(self._tree()[1:], _cpu_with_waited)
        return total

    def __enter__(self) -> "PeakMemory":
        try:
            import psutil  # noqa: F401
        except ImportError:
            self.method = "getrusage"
        self._cpu_start = self._cpu()
        if self.method == "getrusage":
            return self
        self.peak_mb = self._sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        #: CPU seconds of the process tree in the block, workers of a fork server included (a shared
        #: machine slows the wall clock, much less the CPU time a phase needs)
        self.cpu_seconds = self._cpu() - self._cpu_start
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self.peak_mb = max(self.peak_mb, self._sample())
        else:
            import resource

            # Linux reports kilobytes: the maximum of this process, plus the largest finished child.
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            self.peak_mb = (own + children) / 1024


def machine() -> dict:
    """What the numbers ran on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "memory_sampler": "psutil" if _has_psutil() else "getrusage",
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }


def _has_psutil() -> bool:
    try:
        import psutil  # noqa: F401
    except ImportError:
        return False
    return True
