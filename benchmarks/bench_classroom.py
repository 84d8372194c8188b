"""Benchmark: a class of N trainees logging in at once on this machine's JupyterHub, pressing Check together.

Each simulated trainee logs in through the hub's login form (their first login sets the
password), has their lab started, opens a kernel through the hub's proxy, runs the
start-here notebook's first cell (``wb.start()`` on their own data variant), then presses
Check five times (``wb.check(...)``) at the same moment as the whole class.  Printed:

- time from login to a ready lab (median, worst);
- Check latency through the hub and its proxy (median, p95);
- memory per trainee: the proportional resident memory (PSS) of their server and kernel
  (every process of their account) and their share of the labs' fork server, read while
  the whole class is connected;
- CPU seconds per lab start: what the trainee's server used until it answered (from its
  fork), plus the share of the hub, its proxy and the labs' fork server (logins and the fork
  server's one loading included), the figure the machine's other load changes least.  (It
  does not predict the ready time alone: the trainees' kernels and first cells, started as
  their labs come up, share the cores too.)

Baseline, measured in the same run: one single-user ``jupyter lab`` as ``make lab`` starts
it (no hub, no proxy), the same cell and the same Checks, and its CPU seconds until it answers.  Targets: p95 Check < 1 s and
median ready < 15 s.  After the first class size, larger ones (x2, then +50%) are tried
while the machine holds the class (every lab comes up, p95 Check < 1 s) and memory
suffices; printed: the largest class that met both targets, and the largest one held.  Needs root (one Unix account per trainee, ``wbbench-<run>-NNN``, removed at the end).

    sudo python benchmarks/bench_classroom.py                 # 30 trainees, then larger classes
    sudo python benchmarks/bench_classroom.py --trainees 10 --no-grow
    sudo python benchmarks/bench_classroom.py --quick         # 2 trainees, no growth
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PREFIX = f"wbbench-{uuid.uuid4().hex[:6]}-"  # a run of its own: two runs at once never remove each other's accounts
WARM_UP = "import workbench as wb\ndata = wb.start()"
CHECK = 'wb.check("start.tour.count-sales-team", 12).points'
CHECKS = 5
PASSWORD = "bench-password"
READY_TARGET, CHECK_TARGET = 15.0, 1.0


# ----------------------------------------------------------------------------- a kernel over a websocket

class Kernel:
    """A kernel of a Jupyter server, driven over its websocket (``base``: the server's URL)."""

    def __init__(self, base: str, token: str):
        import requests
        import websocket

        reply = requests.post(f"{base}/api/kernels", headers={"Authorization": f"token {token}"}, json={},
                              timeout=180)
        reply.raise_for_status()
        self.id = reply.json()["id"]
        ws_url = base.replace("http", "ws", 1) + f"/api/kernels/{self.id}/channels"
        self.ws = websocket.create_connection(ws_url, timeout=180, header=[f"Authorization: token {token}"])
        self.session = uuid.uuid4().hex

    def run(self, code: str) -> float:
        """Execute ``code``; the seconds until its reply (a failed cell raises)."""
        msg_id = uuid.uuid4().hex
        message = {"header": {"msg_id": msg_id, "username": "bench", "session": self.session,
                              "msg_type": "execute_request", "version": "5.3"},
                   "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                   "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                               "allow_stdin": False, "stop_on_error": True}}
        started = time.perf_counter()
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("parent_header", {}).get("msg_id") == msg_id and reply["msg_type"] == "execute_reply":
                if reply["content"]["status"] != "ok":
                    raise RuntimeError(f"{code!r} failed: {reply['content'].get('evalue')}")
                return time.perf_counter() - started

    def close(self) -> None:
        self.ws.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def cpu_of(processes) -> float:
    """CPU seconds (user and system, with their finished children's) of ``processes``, gone ones left out."""
    import psutil

    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def account_cpu(login: str) -> float:
    """CPU seconds of every process of ``login``'s account (their lab's server, and kernels once started)."""
    import psutil

    from workbench.accounts import find_account

    uid = find_account(login).uid
    return cpu_of(p for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real == uid)


def hub_cpu(hub) -> float:
    """CPU seconds of the hub and what runs as root under it (proxy, culler, bubblewrap), not the trainees'."""
    import psutil

    def as_root(process) -> bool:
        try:
            return process.uids().real == 0
        except psutil.Error:  # ended since it was listed
            return False

    root = psutil.Process(hub.pid)
    return cpu_of([root] + [p for p in root.children(recursive=True) if as_root(p)])


def pss_of(process) -> int:
    """The proportional resident memory of ``process``: its own pages, and its share of those it shares (the
    labs forked from one server share its loaded modules; resident size would count them once per lab)."""
    import psutil

    try:
        return process.memory_full_info().pss
    except psutil.Error:
        return 0


# ----------------------------------------------------------------------------- the baseline: make lab

def baseline(tmp: Path) -> dict:
    """One ``jupyter lab`` as make lab starts it, the same warm-up and Checks: ready time, latency, memory."""
    import psutil
    import requests

    from workbench.classroom.folder import free_port
    from workbench.data.active import ensure_variant
    from workbench.lesson_copies import prepare as copy_lessons

    home = tmp / "baseline-home"
    copy_lessons(home)
    ensure_variant(1001, home)
    port, token = free_port(), uuid.uuid4().hex
    env = {**os.environ, "WORKBENCH_HOME": str(home), "WORKBENCH_LEARNER": "baseline", "WORKBENCH_SEED": "1001",
           "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces")}
    started = time.perf_counter()
    log = open(tmp / "baseline.log", "w")
    process = subprocess.Popen([str(Path(sys.executable).with_name("jupyter")), "lab", "--no-browser",
                                "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--allow-root",
                                f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={home / 'lessons'}"],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                if requests.get(f"{base}/api/status", headers={"Authorization": f"token {token}"},
                                timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.perf_counter() - started > 180:
                raise RuntimeError("the baseline jupyter lab did not start: " + (tmp / "baseline.log").read_text())
            time.sleep(0.2)
        ready = time.perf_counter() - started
        server = psutil.Process(process.pid)
        cpu = cpu_of([server] + server.children(recursive=True))
        kernel = Kernel(base, token)
        kernel.run(WARM_UP)
        checks = [kernel.run(CHECK) for _ in range(CHECKS)]
        memory = sum(pss_of(p) for p in [server, *server.children(recursive=True)])
        kernel.close()
        return {"ready": ready, "checks": checks, "memory": memory, "cpu": cpu}
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


# ----------------------------------------------------------------------------- the class on the hub


def trainee_run(folder, login: str, barrier: threading.Barrier, hub) -> dict:
    """One trainee: log in, start the lab, warm up, then Check with the whole class (a failure stops the class)."""
    try:
        return _trainee_run(folder, login, barrier, hub)
    except Exception:
        barrier.abort()
        raise


def wait_for_lab(folder, login: str, token: str, timeout: float = 600) -> None:
    """Until ``login``'s lab is ready, read from the hub's spawn progress stream, as the browser's spawn page does
    (one open request, not a poll of the API)."""
    import requests

    from workbench.classroom.hub import api, api_url

    with requests.get(api_url(folder.url, f"users/{login}/server/progress"), stream=True, timeout=timeout,
                      headers={"Authorization": f"token {token}", "Accept": "text/event-stream"}) as reply:
        reply.raise_for_status()
        for line in reply.iter_lines(decode_unicode=True):
            event = json.loads(line[len("data:"):]) if line and line.startswith("data:") else {}
            if event.get("failed"):
                raise RuntimeError(f"{login}'s lab failed to start: {event.get('message')}")
            if event.get("ready"):
                return
    if not api(folder, f"users/{login}").get("servers", {}).get("", {}).get("ready"):
        raise RuntimeError(f"{login}'s lab did not become ready (the hub's progress stream ended)")


def _trainee_run(folder, login: str, barrier: threading.Barrier, hub) -> dict:
    import requests

    from workbench.classroom.hub import api

    base, token = folder.url, folder.api_token()
    session = requests.Session()
    session.get(f"{base}/hub/login", timeout=60)
    started = time.perf_counter()
    reply = session.post(f"{base}/hub/login", data={"username": login, "password": PASSWORD,
                                                     "_xsrf": session.cookies.get("_xsrf")},
                         allow_redirects=False, timeout=120)
    if reply.status_code != 302:
        raise RuntimeError(f"{login} could not log in: {reply.status_code}")
    try:
        api(folder, f"users/{login}/server", "POST", timeout=300)
    except Exception as err:  # already starting (the login's redirect may start it): wait for it below
        if "400" not in str(err):
            raise
    wait_for_lab(folder, login, token)
    server = f"{base}/user/{login}"
    status = requests.get(f"{server}/api/status", headers={"Authorization": f"token {token}"}, timeout=120)
    status.raise_for_status()
    ready = time.perf_counter() - started
    server_cpu, hub_cpu_now = account_cpu(login), hub_cpu(hub)  # before the kernel starts
    kernel = Kernel(server, token)
    kernel.run(WARM_UP)
    checks = []
    for _ in range(CHECKS):
        barrier.wait(timeout=900)  # the whole class presses Check at the same moment
        checks.append(kernel.run(CHECK))
    barrier.wait(timeout=900)  # everyone connected: memory is read now
    barrier.wait(timeout=900)
    kernel.close()
    return {"login": login, "ready": ready, "checks": checks, "server_cpu": server_cpu, "hub_cpu": hub_cpu_now}


def class_memory(logins: list[str]) -> list[int]:
    """Proportional resident memory of every process of each trainee's account (their server and kernel), plus
    an equal share of the labs' fork server and its keepers (root's processes that serve the labs)."""
    import psutil

    from workbench.accounts import find_account

    uids = {find_account(login).uid: login for login in logins}
    totals, shared = dict.fromkeys(uids, 0), 0
    for process in psutil.process_iter(["uids", "cmdline"]):
        uid = process.info["uids"].real if process.info["uids"] else None
        if uid in totals:
            totals[uid] += pss_of(process)
        elif uid == 0 and "workbench.classroom.forkserver" in (process.info["cmdline"] or []):
            shared += pss_of(process)
    return [total + shared // len(totals) for total in totals.values()]


def run_class(n: int, tmp: Path) -> dict:
    """Serve a class of ``n`` trainees and run them all at once; their figures."""
    from workbench.classroom.folder import ClassFolder, free_port
    from workbench.classroom.hub import start_hub, stop_hub, wait_ready
    from workbench.classroom.roster import Trainee
    from workbench.classroom.trainees import prepare

    trainees = [Trainee(f"{PREFIX}{i:03d}", f"Trainee {i}", seed=1000 + i) for i in range(1, n + 1)]
    started = time.perf_counter()
    prepare(trainees)
    setup = time.perf_counter() - started
    folder = ClassFolder(tmp / f"class-{n}")
    folder.write(trainees, admin=f"{PREFIX}admin", port=free_port(), ip="127.0.0.1")
    process = start_hub(folder)
    barrier = threading.Barrier(n + 1)
    results, memory = [], []
    try:
        wait_ready(folder, process, timeout=180)
        hub_before = hub_cpu(process)
        with ThreadPoolExecutor(max_workers=n) as pool:
            futures = [pool.submit(trainee_run, folder, t.login, barrier, process) for t in trainees]
            try:
                for _ in range(CHECKS):
                    barrier.wait(timeout=1800)
                barrier.wait(timeout=900)
                memory = class_memory([t.login for t in trainees])
                barrier.wait(timeout=900)
            except threading.BrokenBarrierError:
                pass
            for future in futures:
                try:
                    results.append(future.result())
                except Exception as err:  # a trainee whose lab never came: the class failed at this size
                    barrier.abort()
                    where = [f for f in traceback.extract_tb(err.__traceback__) if f.filename == __file__][-1]
                    results.append({"error": f"{type(err).__name__}: {str(err)[:200]} (in {where.name}, "
                                             f"line {where.lineno}: {where.line})"})
    finally:
        stop_hub(process)
    errors = sorted({r["error"] for r in results if "error" in r and "BrokenBarrierError" not in r["error"]})
    if errors:  # what stopped the class, and the hub's own words on it
        print(f"\n{n} trainees: " + "; ".join(errors[:3]))
        hub_errors = [line for line in folder.log.read_text(errors="replace").splitlines()
                      if line.startswith("[E") or "Error" in line]
        print("\n".join(hub_errors[-8:]))
    return {"n": n, "setup": setup, "results": results, "memory": memory, "hub_before": hub_before}


def summary(run: dict) -> dict:
    ok = [r for r in run["results"] if "error" not in r]
    ready = [r["ready"] for r in ok]
    checks = [c for r in ok for c in r["checks"]]
    failed = len(run["results"]) - len(ok)
    hub_share = (max(r["hub_cpu"] for r in ok) - run["hub_before"]) / len(ok) if ok else 0.0
    return {"n": run["n"], "failed": failed, "setup": run["setup"],
            "server_cpu": statistics.median(r["server_cpu"] for r in ok) if ok else 0.0, "hub_cpu": hub_share,
            "ready_median": statistics.median(ready) if ready else float("inf"),
            "ready_worst": max(ready) if ready else float("inf"),
            "check_median": statistics.median(checks) if checks else float("inf"),
            "check_p95": percentile(checks, 95) if checks else float("inf"),
            "memory": statistics.median(run["memory"]) if run["memory"] else 0}


def meets(s: dict) -> bool:
    """Both targets met, and every trainee's lab came up."""
    return holds(s) and s["ready_median"] < READY_TARGET


def holds(s: dict) -> bool:
    """The machine held the class: every lab came up and Check stayed interactive (p95 < 1 s)."""
    return s["failed"] == 0 and s["check_p95"] < CHECK_TARGET


def report(s: dict, base: dict) -> None:
    mib = 1 << 20
    print(f"\n== class of {s['n']} trainees (accounts and homes prepared in {s['setup']:.0f} s; load average "
          f"{os.getloadavg()[0]:.1f} after the run)"
          + (f"; {s['failed']} lab(s) never became ready" if s["failed"] else ""))
    print(f"login to ready lab: median {s['ready_median']:.1f} s, worst {s['ready_worst']:.1f} s "
          f"(baseline make lab {base['ready']:.1f} s; ratio median/baseline {s['ready_median'] / base['ready']:.1f}x)")
    base_p95 = percentile(base["checks"], 95)
    print(f"Check through the hub: median {s['check_median'] * 1000:.0f} ms, p95 {s['check_p95'] * 1000:.0f} ms "
          f"(baseline p95 {base_p95 * 1000:.0f} ms; ratio p95/baseline {s['check_p95'] / base_p95:.1f}x)")
    cpu = s["server_cpu"] + s["hub_cpu"]
    print(f"CPU per lab start: {cpu:.2f} s (the lab's server {s['server_cpu']:.2f} s, the hub, proxy and fork server "
          f"{s['hub_cpu']:.2f} s, login included; baseline make lab {base['cpu']:.2f} s; ratio "
          f"{cpu / base['cpu']:.2f}x)")
    print(f"memory per trainee (server + kernel): {s['memory'] / mib:.0f} MiB "
          f"(baseline {base['memory'] / mib:.0f} MiB; ratio {s['memory'] / base['memory']:.2f}x)")
    print(f"targets (p95 Check < {CHECK_TARGET:.0f} s, median ready < {READY_TARGET:.0f} s): "
          f"{'met' if meets(s) else 'NOT met'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--no-grow", action="store_true", help="only the first class size")
    parser.add_argument("--max", type=int, default=400, help="the largest class to try")
    parser.add_argument("--quick", action="store_true", help="2 trainees, no growth (the test suite's run)")
    args = parser.parse_args()
    if args.quick:
        args.trainees, args.no_grow = 2, True
    if os.geteuid() != 0:
        print("bench_classroom needs root: it creates one Unix account per trainee", file=sys.stderr)
        return 2
    import psutil

    from workbench.accounts import remove_account
    from workbench.classroom.proxy import install

    install()
    tmp = Path(tempfile.mkdtemp(prefix="bench-classroom-"))
    made = set()
    try:
        base = baseline(tmp)
        print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work slows "
              "every figure but the CPU seconds)")
        print(f"baseline, one make lab: ready in {base['ready']:.1f} s ({base['cpu']:.2f} s of CPU), Check median "
              f"{statistics.median(base['checks']) * 1000:.0f} ms, memory {base['memory'] / (1 << 20):.0f} MiB")
        n, largest, held, runs = args.trainees, 0, 0, []
        while True:
            made |= {f"{PREFIX}{i:03d}" for i in range(1, n + 1)}
            s = summary(run_class(n, tmp))
            runs.append(s)
            report(s, base)
            largest = n if meets(s) else largest
            if not holds(s):
                break
            held = n
            following = min(args.max, n * 2 if n < 60 else int(n * 1.5))
            free = psutil.virtual_memory().available
            if args.no_grow or following <= n:
                break
            if (following - n) * s["memory"] * 1.2 > free:
                print(f"\nstopping: {following} trainees would need about "
                      f"{following * s['memory'] / (1 << 30):.1f} GiB, {free / (1 << 30):.1f} GiB is free")
                break
            n = following
        print("\n== summary")
        for s in runs:
            print(f"{s['n']:>4} trainees: ready median {s['ready_median']:.1f} s, worst {s['ready_worst']:.1f} s; "
                  f"Check p95 {s['check_p95'] * 1000:.0f} ms; {s['memory'] / (1 << 20):.0f} MiB per trainee; "
                  f"{s['server_cpu'] + s['hub_cpu']:.2f} s CPU per lab start; "
                  f"{'met' if meets(s) else 'NOT met'}")
        print(f"largest class within both targets: {largest or 'none of the sizes tried'}; largest class this "
              f"machine held (every lab up, Check p95 < 1 s): {held or 'none of the sizes tried'}"
              + ("" if args.no_grow else f" (sizes tried: {', '.join(str(s['n']) for s in runs)})"))
        return 0 if args.quick or (runs and meets(runs[0])) else 1
    finally:
        for login in sorted(made | {f"{PREFIX}admin"}):
            remove_account(login)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
