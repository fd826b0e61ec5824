"""A class on JupyterHub, run for real on this machine: how long each cell takes when N learners
work at once, and how much memory the whole hub needs.

Starts the hub of scripts/hub/run_hub.py (JupyterHub, configurable-http-proxy from npm, the shared
class password, one local server per learner in the course environment). Then N learners, all at
once, log in, click the nbgitpuller link for week 2 (the course is cloned from a local git
repository into each home folder), and run lesson 02 and exercise 02 cell by cell over kernel
websockets, as JupyterLab does. Cell latency: from sending a cell to the kernel reporting idle.
Peak memory: hub + proxy + servers + kernels, PSS summed, sampled every 0.5 s.

Not a test: it prints figures and asserts nothing; its last line is the summary. Needs
`make hub-install`.

    python benchmarks/hub_class.py --learners 20
"""
import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts" / "hub"))
from classroom import WEEK_2, MemorySampler, latency_breakdown, run_class, summary  # noqa: E402
from run_hub import running_hub  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--log", help="write the hub's log here (default: discard it)")
    args = parser.parse_args(argv)
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)
    log = open(args.log, "w") if args.log else None  # noqa: SIM115 - kept open while the hub runs
    with running_hub(log=log) as hub:
        sampler = MemorySampler(hub)
        sampler.start()
        start = time.perf_counter()
        seats = run_class(hub, args.learners, WEEK_2)
        elapsed = time.perf_counter() - start
        sampler.stop()
    for seat in seats:
        for where, problem in seat.problems.items():
            print(f"{seat.name} {where}: {problem}")
    print(f"whole class: {elapsed:.1f} s from the first login to the last cell; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(latency_breakdown(seats))
    print(summary(seats, WEEK_2, sampler.peak))


if __name__ == "__main__":
    main()
