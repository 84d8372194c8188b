"""Benchmark: a rep's network report from a 30,000-connection LinkedIn export with 50,000 messages.

``workbench.network.write_report`` reads the export, builds the evidence
network, scores every tie, ranks connectors, finds warm paths into 10 target
accounts, the covering connectors, referrals, the inventory, weekly means and
a map, and writes the HTML page (target: under 10 s; at full scale, without
``--quick`` or other sizes, the benchmark fails with exit status 1 when it takes 10 s or more, in
wall time and in process CPU time both: on a shared machine the wall time also counts other work,
and the CPU time is what the report itself spent).

Baseline, measured in the same run on the same network: the plain-networkx
recipe of ``research/networks.md`` for the connector betweenness alone
(``betweenness_centrality`` with ``k=500`` sampled sources).  Burt's measures
are left out of the baseline: networkx's all-nodes path for them builds a dense
n x n matrix (about 7 GB for 30,000 people, enough to be killed for memory) and
its per-node path is quadratic in the rep's 30,000 contacts.

    python benchmarks/bench_network_report.py            # 30,000 connections, 50,000 messages
    python benchmarks/bench_network_report.py --quick    # 3,000 connections, 5,000 messages (tests)
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

TARGET_SECONDS = 10
PREAMBLE = ('Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
            'missing."\n\n')


def make_export(folder: Path, n_connections: int, n_messages: int, seed: int = 42) -> list[str]:
    """Write a synthetic export (Connections, messages, Invitations); return 10 target companies."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    n_comp = max(n_connections // 10, 10)
    companies = np.array([f"Company {i}" for i in range(n_comp)])
    weights = 1 / np.arange(1, n_comp + 1) ** 0.8
    comp = rng.choice(n_comp, n_connections, p=weights / weights.sum())
    positions = np.array(["Engineer", "Head of IT", "CFO", "Buyer", "Analyst", "Director", "Consultant", "CEO"])
    ids = [f"p{i:06d}" for i in range(n_connections)]
    days = rng.integers(0, 3650, n_connections)
    conn = pd.DataFrame({
        "First Name": [f"First{i}" for i in range(n_connections)],
        "Last Name": [f"Last{i}" for i in range(n_connections)],
        "URL": [f"https://www.linkedin.com/in/{p}" for p in ids],
        "Email Address": "", "Company": companies[comp],
        "Position": positions[rng.integers(0, len(positions), n_connections)],
        "Connected On": (pd.Timestamp("2026-06-01") - pd.to_timedelta(days, unit="D")).strftime("%d %b %Y")})
    (folder / "Connections.csv").write_text(PREAMBLE + conn.to_csv(index=False), encoding="utf-8")
    owner_url = "https://www.linkedin.com/in/the-rep"
    active = rng.choice(n_connections, size=max(n_connections // 5, 1), replace=False)
    talk = active[rng.integers(0, len(active), n_messages)]
    outgoing = rng.random(n_messages) < 0.55
    group = rng.random(n_messages) < 0.05
    other = active[rng.integers(0, len(active), n_messages)]
    when = pd.Timestamp("2026-06-01") - pd.to_timedelta(rng.integers(0, 720 * 24 * 60, n_messages), unit="min")
    rows = []
    for i in range(n_messages):
        p, q = ids[talk[i]], ids[other[i]]
        pn, qn = f"First{talk[i]} Last{talk[i]}", f"First{other[i]} Last{other[i]}"
        conv = f"conv-{talk[i]}" if not group[i] else f"group-{min(talk[i], other[i])}-{max(talk[i], other[i])}"
        if outgoing[i]:
            frm, furl = "The Rep", owner_url
            to, turl = ([pn, qn], [f"https://www.linkedin.com/in/{p}", f"https://www.linkedin.com/in/{q}"]) \
                if group[i] else ([pn], [f"https://www.linkedin.com/in/{p}"])
        else:
            frm, furl = pn, f"https://www.linkedin.com/in/{p}"
            to, turl = (["The Rep", qn], [owner_url, f"https://www.linkedin.com/in/{q}"]) if group[i] \
                else (["The Rep"], [owner_url])
        rows.append((conv, "", frm, furl, ", ".join(to), ",".join(turl), when[i].strftime("%Y-%m-%d %H:%M:%S UTC"),
                     "", "Hello, following up on our conversation.", "INBOX"))
    msgs = pd.DataFrame(rows, columns=["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                                       "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"])
    (folder / "messages.csv").write_text(msgs.to_csv(index=False), encoding="utf-8")
    n_inv = max(n_connections // 15, 1)
    who = rng.integers(0, n_connections, n_inv)
    sent = pd.Timestamp("2026-06-01") - pd.to_timedelta(rng.integers(0, 365 * 24, n_inv), unit="h")
    inv = pd.DataFrame({"From": "The Rep", "To": [f"First{w} Last{w}" for w in who],
                        "Sent At": [f"{d.month}/{d.day}/{d.strftime('%y')}, {d.strftime('%I:%M %p').lstrip('0')}"
                                    for d in sent], "Message": "", "Direction": "OUTGOING",
                        "inviterProfileUrl": owner_url,
                        "inviteeProfileUrl": [f"https://www.linkedin.com/in/{ids[w]}" for w in who]})
    (folder / "Invitations.csv").write_text(inv.to_csv(index=False), encoding="utf-8")
    return companies[:10].tolist()


def baseline(network) -> float:
    """Plain networkx on the same graph: k=500 sampled betweenness."""
    import networkx as nx

    G = network.graph
    started = time.perf_counter()
    nx.betweenness_centrality(G, k=min(500, G.number_of_nodes()), seed=0)
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small scale, for the test suite")
    parser.add_argument("--connections", type=int, default=None)
    parser.add_argument("--messages", type=int, default=None)
    args = parser.parse_args(argv)
    n_conn = args.connections or (3_000 if args.quick else 30_000)
    n_msg = args.messages or (5_000 if args.quick else 50_000)

    from workbench.network.exports import read_linkedin
    from workbench.network.graph import build_network
    from workbench.network.report import write_report

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "export"
        targets = make_export(folder, n_conn, n_msg)
        out = Path(tmp) / "report.html"
        started, cpu = time.perf_counter(), time.process_time()
        write_report([folder], out, targets=targets)
        ours, ours_cpu = time.perf_counter() - started, time.process_time() - cpu
        size = out.stat().st_size
        net = build_network(read_linkedin(folder))
        theirs = baseline(net)
    print(f"network report: {n_conn:,} connections, {n_msg:,} messages -> {len(net.people):,} people, "
          f"{len(net.ties):,} ties")
    print(f"workbench write_report (whole report, HTML {size / 1e6:.1f} MB): {ours:.2f} s (target < 10 s; process CPU {ours_cpu:.2f} s)")
    print(f"baseline (plain networkx, betweenness only, k=500 sampled sources): {theirs:.2f} s")
    print(f"ratio (baseline / workbench whole report): {theirs / ours:.1f}x")
    if args.quick or args.connections or args.messages:
        return 0
    met = min(ours, ours_cpu) < TARGET_SECONDS
    print(f"full-scale report {'under' if met else 'NOT under'} {TARGET_SECONDS} s (wall {ours:.2f} s, "
          f"process CPU {ours_cpu:.2f} s: wall time above CPU time is other work on the machine)")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
