"""A tiny team network, two reps and six people, for examples, doctests and tests."""

from __future__ import annotations

from pathlib import Path

from .exports import LinkedInExport, read_linkedin
from .graph import Network, build_network

_DEMO_CONNECTIONS = {
    "sam": ("Ana,Borges,https://www.linkedin.com/in/ana,,Orion,CFO,15 Mar 2023\n"
            "Bo,Chen,https://www.linkedin.com/in/bo,,Atlas,Head of IT,01 Jan 2025\n"
            "Cy,Dube,https://www.linkedin.com/in/cy,,Orion,Engineer,10 Jun 2024\n"
            "Dee,Evans,https://www.linkedin.com/in/dee,,Nimbus,CEO,05 Jan 2026\n"),
    "lina": ("Bo,Chen,https://www.linkedin.com/in/bo,,Atlas,Head of IT,02 Feb 2022\n"
             "Eve,Fox,https://www.linkedin.com/in/eve,,Vega,Director,20 Apr 2021\n"
             "Cy,Dube,https://www.linkedin.com/in/cy,,Orion,Engineer,11 Nov 2023\n"
             "Gil,Hart,https://www.linkedin.com/in/gil,,Vega,Buyer,03 Mar 2025\n"),
}


def _demo_messages(rep: str) -> str:
    url = "https://www.linkedin.com/in/"
    people = {"sam": "Sam Lee", "lina": "Lina Park", "ana": "Ana Borges", "bo": "Bo Chen", "cy": "Cy Dube",
              "dee": "Dee Evans", "eve": "Eve Fox", "gil": "Gil Hart"}
    rows = []

    def msg(conv, sender, recipients, date):
        rows.append(f'{conv},,{people[sender]},{url}{sender},"{", ".join(people[r] for r in recipients)}",'
                    f'"{",".join(url + r for r in recipients)}",{date} 10:00:00 UTC,,hello,INBOX')

    if rep == "sam":
        for day in range(3, 9):
            msg("c1", "sam", ["ana"], f"2026-01-{day:02d}")
            msg("c1", "ana", ["sam"], f"2026-01-{day + 10:02d}")
        for day in (5, 14):
            msg("c2", "sam", ["bo"], f"2025-12-{day:02d}")
            msg("c2", "bo", ["sam"], f"2025-12-{day + 1:02d}")
        msg("c3", "sam", ["dee"], "2026-01-06")
        msg("c3", "sam", ["dee"], "2026-01-20")
        msg("c4", "ana", ["sam", "cy"], "2025-11-02")
    else:
        for day in range(1, 5):
            msg("l1", "lina", ["eve"], f"2026-01-{day:02d}")
            msg("l1", "eve", ["lina"], f"2026-01-{day + 5:02d}")
        msg("l2", "eve", ["lina", "bo"], "2025-12-01")
        msg("l2", "bo", ["lina", "eve"], "2025-12-02")
    header = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
    return header + "\n".join(rows) + "\n"


def demo_exports() -> list[LinkedInExport]:
    """Two tiny LinkedIn exports (reps Sam Lee and Lina Park) for examples and doctests."""
    import tempfile

    out = []
    root = Path(tempfile.mkdtemp(prefix="wb-demo-network-"))
    for rep, name in (("sam", "Sam Lee"), ("lina", "Lina Park")):
        folder = root / rep
        folder.mkdir()
        (folder / "Connections.csv").write_text(
            "Notes:\n\"When exporting your connection data...\"\n\n"
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + _DEMO_CONNECTIONS[rep],
            encoding="utf-8")
        (folder / "messages.csv").write_text(_demo_messages(rep), encoding="utf-8")
        out.append(read_linkedin(folder, owner=name, owner_url=f"https://www.linkedin.com/in/{rep}",
                                 rep_id=f"U-{rep}"))
    return out


def demo_network() -> Network:
    """A small deterministic team network (two reps, six people) for examples and doctests."""
    return build_network(demo_exports(), as_of="2026-02-01")
