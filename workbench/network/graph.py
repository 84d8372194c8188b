"""Build the evidence graph of a rep's (or a team's) network.

A connections export is only a star around its owner: it says nothing about
who knows whom among the rep's contacts.  The ties between other people come
from *evidence*, and each tie keeps its sources:

============================  ===========================================  =========
source                        evidence                                     base
============================  ===========================================  =========
``message``                   a LinkedIn message (sender -> each recipient)  interaction
``invitation``                an invitation sent                           interaction
``crm_activity``              a CRM call, email or meeting rep <-> contact  interaction
``connection``                a LinkedIn connection                        0.10
``thread``                    two people in the same group conversation    0.20
``same_meeting``              two contacts in the same CRM meeting         0.30
``same_opportunity``          two contacts on the same deal                0.25
``same_account``              two contacts at the same CRM account         0.10
``same_company``              two connections at the same current company  0.08
``team``                      two reps of the team                         0.50
============================  ===========================================  =========

Interactions feed :func:`~workbench.network.strength.tie_strength`; a tie's
strength is the larger of that score and its structural base.  Groups larger
than ``max_group`` (default 30) add no pairwise ties: a company of 500 people
says little about who knows whom.

>>> from workbench.network.demo import demo_network
>>> net = demo_network()
>>> net
Network(reps=2, people=8, ties=12, as_of=2026-02-01)
>>> sorted(net.graph.edges["in/ana", "in/cy"]["sources"])
['message', 'same_company', 'thread']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError, InputError
from ..i18n.messages import _
from . import strength as _strength
from .exports import LinkedInExport, as_exports
from .linkedin import person_key

BASE = {"connection": 0.10, "thread": 0.20, "same_meeting": 0.30, "same_opportunity": 0.25,
        "same_account": 0.10, "same_company": 0.08, "team": 0.50, "edge_list": 0.5}
INTERACTION_WEIGHT = {"message": 1, "invitation": 1, "email": 1, "call": 1, "meeting": 1}
MAX_GROUP = 30
MIN_STRENGTH = 0.01
_EV_COLS = ["a", "b", "dir", "source", "at", "w", "interaction"]


@dataclass
class Network:
    """A network: the graph, its people, its ties (with evidence) and its reps.

    ``graph`` is an undirected ``networkx.Graph`` whose edges carry
    ``strength`` (0-1), ``distance`` (``-log strength``, for strongest paths),
    ``class`` and ``sources``; its nodes carry ``name``, ``company``,
    ``position``, ``account``, ``kind`` (``rep``, ``colleague`` or ``person``) and
    CRM fields when the person is a contact.
    """

    people: pd.DataFrame
    ties: pd.DataFrame
    reps: list
    as_of: pd.Timestamp
    _graph: object = None
    memo: dict = field(default_factory=dict, repr=False, compare=False)
    notes: list = field(default_factory=list, compare=False)  # what the rep should know about the exports
    introductions: object = field(default=None, compare=False)  # the rep's log, once applied

    @property
    def graph(self):
        if self._graph is None:
            self._graph = to_graph(self.people, self.ties)
        return self._graph

    def rep_key(self, rep=None) -> str:
        """The key of ``rep`` (a key, a rep id or a name); the first rep by default."""
        if rep is None:
            if not self.reps:
                raise InputError(_("the network has no rep"), where="rep", fix=_("build it from a rep's export"))
            return self.reps[0]
        if rep in self.reps:
            return rep
        people = self.people[self.people["person"].isin(self.reps)]
        for col in ("rep_id", "name"):
            if col in people:
                hit = people.loc[people[col].astype("string").str.lower() == str(rep).lower(), "person"]
                if len(hit):
                    return hit.iat[0]
        names = ", ".join(people["name"].astype(str))
        raise InputError(_('{rep!r} is not one of the reps').format(rep=rep), where="rep", fix=_('use one of: {names}').format(names=names))

    def name(self, person) -> str:
        """A person's display name (their key when no name is known)."""
        hit = self.people.loc[self.people["person"] == person, "name"]
        return str(hit.iat[0]) if len(hit) and str(hit.iat[0]) else str(person)

    def __repr__(self):
        return (f"Network(reps={len(self.reps)}, people={len(self.people)}, ties={len(self.ties)}, "
                f"as_of={self.as_of.date()})")


def _ordered(a: pd.Series, b: pd.Series):
    a = a.astype(str).to_numpy()
    b = b.astype(str).to_numpy()
    swap = a > b
    return np.where(swap, b, a), np.where(swap, a, b), swap


def _evidence(a, b, source, at, *, directed: bool, w=1.0, interaction=True) -> pd.DataFrame:
    lo, hi, swap = _ordered(pd.Series(a), pd.Series(b))
    n = len(lo)
    d = np.where(swap, -1, 1) if directed else np.zeros(n, dtype=int)
    return pd.DataFrame({"a": lo, "b": hi, "dir": d, "source": source,
                         "at": pd.to_datetime(pd.Series(at)).to_numpy() if n else pd.Series([], dtype="datetime64[ns]"),
                         "w": np.broadcast_to(np.asarray(w, dtype=float), (n,)).copy() if n else [],
                         "interaction": interaction})[_EV_COLS]


def group_pairs(df: pd.DataFrame, group: str, person: str, *, max_group: int = MAX_GROUP) -> pd.DataFrame:
    """Every pair of distinct people sharing a ``group`` value (groups up to ``max_group`` people).

    >>> group_pairs(pd.DataFrame({"g": [1, 1, 1, 2], "p": ["x", "y", "z", "w"]}), "g", "p").values.tolist()
    [[1, 'x', 'y'], [1, 'x', 'z'], [1, 'y', 'z']]
    """
    d = df[[group, person]].dropna().drop_duplicates()
    d = d[d[group].astype(str).str.strip() != ""]
    sizes = d.groupby(group)[person].transform("size")
    d = d[(sizes >= 2) & (sizes <= max_group)]
    m = d.merge(d, on=group, suffixes=("_1", "_2"))
    m = m[m[f"{person}_1"].astype(str) < m[f"{person}_2"].astype(str)]
    out = m.rename(columns={f"{person}_1": "a", f"{person}_2": "b"})[[group, "a", "b"]]
    return out.sort_values([group, "a", "b"]).reset_index(drop=True)


def _norm_company(s: pd.Series) -> pd.Series:
    return s.astype("string").fillna("").str.lower().str.replace(r"[^\w]+", " ", regex=True).str.strip()


def export_evidence(export: LinkedInExport, *, max_group: int = MAX_GROUP) -> pd.DataFrame:
    """Evidence rows (``a, b, dir, source, at, w, interaction``) from one LinkedIn export."""
    parts = []
    c = export.connections
    if len(c):
        parts.append(_evidence([export.owner] * len(c), c["person"], "connection", c["connected_on"],
                               directed=False, w=0.0, interaction=False))
    m = export.messages
    if len(m):
        parts.append(_evidence(m["sender"], m["recipient"], "message", m["date"], directed=True,
                               w=INTERACTION_WEIGHT["message"]))
        who = pd.concat([m[["conversation_id", "sender", "date"]].rename(columns={"sender": "p"}),
                         m[["conversation_id", "recipient", "date"]].rename(columns={"recipient": "p"})])
        first = who.groupby("conversation_id")["date"].max()
        pairs = group_pairs(who, "conversation_id", "p", max_group=max_group)
        pairs = pairs[(pairs["a"] != export.owner) & (pairs["b"] != export.owner)]
        if len(pairs):
            parts.append(_evidence(pairs["a"], pairs["b"], "thread", pairs["conversation_id"].map(first),
                                   directed=False, w=0.0, interaction=False))
    inv = export.invitations
    if len(inv):
        parts.append(_evidence(inv["sender"], inv["recipient"], "invitation", inv["sent_at"], directed=True,
                               w=INTERACTION_WEIGHT["invitation"]))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=_EV_COLS)


def _table(crm, name):
    if crm is None:
        return None
    tables = crm.tables if hasattr(crm, "tables") else crm
    return tables.get(name)


def _contact_keys(contacts: pd.DataFrame, known: set) -> pd.Series:
    names = (contacts["first_name"].astype("string").fillna("") + " " +
             contacts["last_name"].astype("string").fillna("")).str.strip()
    urls = contacts["linkedin_url"] if "linkedin_url" in contacts else pd.Series(None, index=contacts.index)
    keys = []
    for cid, url, nm in zip(contacts["contact_id"], urls, names):
        k = person_key(url, None)
        if k is None:
            nk = person_key(None, nm)
            k = nk if nk in known else f"contact:{cid}"
        keys.append(k)
    return pd.Series(keys, index=contacts.index)


CONNECTED_OUTCOMES = ("connected", "call back later")


def _connected(activities: pd.DataFrame) -> np.ndarray:
    """Calls where the two people spoke: outcome connected or call back later, or a completed call with
    no outcome logged (many CRMs have no outcome field).  No answer and voicemail are one-way."""
    if "outcome" not in activities:
        return np.ones(len(activities), dtype=bool)
    outcome = activities["outcome"].astype("string").fillna("").str.strip().str.lower()
    completed = activities["status"].astype("string").fillna("").str.lower() == "completed"
    return (outcome.isin(CONNECTED_OUTCOMES) | ((outcome == "") & completed)).to_numpy()


def crm_evidence(crm, contact_key: pd.Series, user_key: dict, as_of, *, max_group: int = MAX_GROUP) -> pd.DataFrame:
    """Evidence rows from CRM activities, meetings, opportunities and accounts.

    A call, email or meeting ties its owner (the rep or colleague) to its
    contact.  Meetings count both ways, and so do calls where the two spoke
    (:data:`CONNECTED_OUTCOMES`, or a completed call with no outcome); a call
    left on voicemail or unanswered counts one way, like an email, in its
    ``direction``.  Contacts sharing a meeting (same owner, scheduled time and
    subject) are tied ``same_meeting``; contacts on the same deal (its primary
    contact and the contacts of its activities) ``same_opportunity``.
    """
    parts = []
    contacts = _table(crm, "contacts")
    cmap = dict(zip(contacts["contact_id"].astype(str), contact_key))
    acts = _table(crm, "activities")
    if acts is not None and len(acts):
        a = acts[acts["contact_id"].notna() & acts["owner_id"].notna()].copy()
        a["at"] = a["completed_at"].fillna(a["due_at"]) if "completed_at" in a else a["due_at"]
        a = a[a["at"].notna() & (a["at"] <= as_of) & (a["status"].astype(str) != "cancelled")]
        a = a[a["type"].astype(str).isin(["call", "email", "meeting"])]
        a["c"] = a["contact_id"].astype(str).map(cmap)
        a["u"] = a["owner_id"].astype(str).map(user_key)
        a = a[a["c"].notna() & a["u"].notna()]
        kind = a["type"].astype(str)
        mutual = (kind == "meeting").to_numpy() | ((kind == "call").to_numpy() & _connected(a))
        inbound = (a["direction"].astype(str) == "inbound").to_numpy() if "direction" in a else np.zeros(len(a), bool)
        sender = np.where(inbound, a["c"], a["u"])
        receiver = np.where(inbound, a["u"], a["c"])
        ev = _evidence(sender, receiver, "crm_activity", a["at"], directed=True,
                       w=kind.map(INTERACTION_WEIGHT).to_numpy(dtype=float))
        ev.loc[mutual, "dir"] = 0
        parts.append(ev)
        meet = a[kind == "meeting"].copy()
        if len(meet):
            meet["g"] = (meet["owner_id"].astype(str) + "|" + meet["due_at"].fillna(meet["at"]).astype(str) + "|"
                         + meet["subject"].astype(str))
            p = group_pairs(meet, "g", "c", max_group=max_group)
            when = meet.groupby("g")["at"].max()
            parts.append(_evidence(p["a"], p["b"], "same_meeting", p["g"].map(when), directed=False, w=0.0,
                                   interaction=False))
        links = a.loc[a["opportunity_id"].notna(), ["opportunity_id", "c", "at"]]
        opps = _table(crm, "opportunities")
        if opps is not None and "primary_contact_id" in opps:
            o = opps[opps["primary_contact_id"].notna()]
            links = pd.concat([links, pd.DataFrame({"opportunity_id": o["opportunity_id"],
                                                    "c": o["primary_contact_id"].astype(str).map(cmap),
                                                    "at": o["created_at"]})])
        if len(links):
            p = group_pairs(links, "opportunity_id", "c", max_group=max_group)
            when = links.groupby("opportunity_id")["at"].min()
            parts.append(_evidence(p["a"], p["b"], "same_opportunity", p["opportunity_id"].map(when),
                                   directed=False, w=0.0, interaction=False))
    if "account_id" in contacts:
        tmp = pd.DataFrame({"account_id": contacts["account_id"], "c": contact_key.to_numpy(),
                            "at": contacts["created_at"] if "created_at" in contacts else pd.NaT})
        p = group_pairs(tmp, "account_id", "c", max_group=max_group)
        when = tmp.groupby("account_id")["at"].max()
        parts.append(_evidence(p["a"], p["b"], "same_account", p["account_id"].map(when), directed=False,
                               w=0.0, interaction=False))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=_EV_COLS)


def aggregate_ties(evidence: pd.DataFrame, *, as_of) -> pd.DataFrame:
    """One row per pair: counts each way, dates, sources, strength and class."""
    ev = evidence[evidence["a"] != evidence["b"]]
    as_of = pd.Timestamp(as_of)
    inter = ev["interaction"].to_numpy(dtype=bool)
    w = ev["w"].to_numpy(dtype=float) * inter
    d = ev["dir"].to_numpy()
    recent = (ev["at"] >= as_of - pd.Timedelta(days=365)).to_numpy() & (ev["at"] <= as_of).to_numpy()
    tmp = pd.DataFrame({"a": ev["a"].to_numpy(), "b": ev["b"].to_numpy(),
                        "n_ab": np.where(d == 1, w, 0.0), "n_ba": np.where(d == -1, w, 0.0),
                        "n_mutual": np.where(d == 0, w, 0.0), "n_recent": np.where(recent, w, 0.0),
                        "first_at": ev["at"].to_numpy(),
                        "last_at": np.where(inter, ev["at"].to_numpy(), np.datetime64("NaT")),
                        "base": ev["source"].map(BASE).fillna(0.0).to_numpy(),
                        "source": ev["source"].to_numpy()})
    g = tmp.groupby(["a", "b"], sort=True)
    ties = g.agg(n_ab=("n_ab", "sum"), n_ba=("n_ba", "sum"), n_mutual=("n_mutual", "sum"),
                 n_recent=("n_recent", "sum"), first_at=("first_at", "min"), last_at=("last_at", "max"),
                 base=("base", "max")).reset_index()
    names = sorted(tmp["source"].unique().tolist())
    bit = {name: 1 << i for i, name in enumerate(names)}
    src = tmp[["a", "b", "source"]].drop_duplicates()
    mask = src.assign(bit=src["source"].map(bit).astype("int64")).groupby(["a", "b"], sort=True)["bit"].sum()
    decode = {m: tuple(n for n in names if m & bit[n]) for m in mask.unique().tolist()}
    ties["sources"] = mask.reindex(pd.MultiIndex.from_frame(ties[["a", "b"]])).map(decode).to_numpy()
    for col in ("n_ab", "n_ba", "n_mutual", "n_recent"):
        ties[col] = ties[col].round().astype("int64")
    scored = _strength.tie_strength(ties.rename(columns={"n_ab": "n_out", "n_ba": "n_in"}), as_of=as_of)
    ties["interaction_strength"] = scored["strength"].to_numpy()
    ties["strength"] = np.maximum(scored["strength"].to_numpy(), ties["base"].to_numpy()).clip(MIN_STRENGTH, 1)
    ties["class"] = scored["class"].to_numpy()
    ties["class"] = pd.Categorical(ties["class"], categories=_strength.CLASSES)
    ties["distance"] = -np.log(ties["strength"].to_numpy())
    return ties


def _people(exports, crm, contact_key, user_key, rep_keys) -> pd.DataFrame:
    rows = []
    for e in exports:
        c = e.connections
        rows.append(pd.DataFrame({"person": c["person"], "name": c["name"], "company": c["company"],
                                  "position": c["position"], "url": c["url"], "connected_on": c["connected_on"]}))
        m = e.messages
        rows.append(pd.DataFrame({"person": pd.concat([m["sender"], m["recipient"]]),
                                  "name": pd.concat([m["sender_name"], m["recipient_name"]])}))
        i = e.invitations
        rows.append(pd.DataFrame({"person": pd.concat([i["sender"], i["recipient"]]),
                                  "name": pd.concat([i["sender_name"], i["recipient_name"]])}))
        rows.append(pd.DataFrame({"person": [e.owner], "name": [e.owner_name], "kind": ["rep"],
                                  "rep_id": [e.rep_id]}))
    users = _table(crm, "users")
    if users is not None:
        rows.append(pd.DataFrame({"person": users["user_id"].astype(str).map(user_key), "name": users["name"],
                                  "rep_id": users["user_id"].astype(str)}))
    contacts = _table(crm, "contacts")
    if contacts is not None:
        accounts = _table(crm, "accounts")
        names = (contacts["first_name"].astype("string").fillna("") + " " +
                 contacts["last_name"].astype("string").fillna("")).str.strip()
        crm_rows = pd.DataFrame({"person": contact_key.to_numpy(), "name": names.to_numpy(),
                                 "position": contacts.get("title"), "contact_id": contacts["contact_id"].astype(str),
                                 "account_id": contacts["account_id"].astype("string"),
                                 "lifecycle_stage": contacts["lifecycle_stage"].astype("string")})
        if accounts is not None:
            acc = accounts.set_index(accounts["account_id"].astype(str))
            crm_rows["account"] = crm_rows["account_id"].map(acc["name"].astype(str))
            crm_rows["industry"] = crm_rows["account_id"].map(acc["industry"].astype(str))
            crm_rows["company"] = crm_rows["account"]
        rows.insert(0, crm_rows)
    people = pd.concat([r for r in rows if len(r)], ignore_index=True)
    for col in ("name", "company", "position", "url", "contact_id", "account_id", "account",
                "lifecycle_stage", "industry", "kind", "rep_id"):
        if col not in people:
            people[col] = pd.NA
        people[col] = people[col].astype("string").replace("", pd.NA)
    if "connected_on" not in people:
        people["connected_on"] = pd.NaT
    people = people.groupby("person", sort=True).first().reset_index()
    people["account"] = people["account"].fillna(people["company"])
    people["kind"] = np.where(people["person"].isin(rep_keys), "rep",
                              np.where(people["person"].str.startswith("user:"), "colleague", "person"))
    people["name"] = people["name"].fillna(people["person"])
    cols = ["person", "name", "kind", "company", "position", "account", "account_id", "industry",
            "contact_id", "lifecycle_stage", "rep_id", "url", "connected_on"]
    return people[cols]


def build_network(exports, crm=None, *, as_of=None, max_group: int = MAX_GROUP,
                  same_company: bool = True, progress: bool = False) -> Network:
    """Build the evidence network of one rep or a team.

    ``exports``: a :class:`~workbench.network.exports.LinkedInExport`, a list of
    them (a team) or a folder.  ``crm``: a Dataset (or dict of tables) whose
    contacts, accounts, users, activities and opportunities add people and
    evidence.  ``as_of``: "today" for recency (default: the latest evidence).
    """
    from tqdm.auto import tqdm

    exports = as_exports(exports)
    steps = tqdm(total=4, desc="network", disable=not progress)
    rep_keys = list(dict.fromkeys(e.owner for e in exports))
    user_key = {str(e.rep_id): e.owner for e in exports if e.rep_id is not None}
    users = _table(crm, "users")
    if users is not None:
        for uid in users["user_id"].astype(str):
            user_key.setdefault(uid, f"user:{uid}")
    parts = [export_evidence(e, max_group=max_group) for e in exports]
    steps.update()
    known = set()
    for e in exports:
        known.update(e.connections["person"].tolist())
    contacts = _table(crm, "contacts")
    contact_key = _contact_keys(contacts, known) if contacts is not None else pd.Series(dtype=str)
    if as_of is None:
        dates = [p["at"].max() for p in parts if len(p)]
        as_of = max(dates) if dates else pd.Timestamp.now().normalize()
    as_of = pd.Timestamp(as_of)
    if contacts is not None:
        parts.append(crm_evidence(crm, contact_key, user_key, as_of, max_group=max_group))
    people = _people(exports, crm, contact_key, user_key, rep_keys)
    steps.update()
    if same_company:
        persons = people[(people["kind"] == "person") & people["company"].notna()]
        p = group_pairs(persons.assign(g=_norm_company(persons["company"])), "g", "person", max_group=max_group)
        in_crm = set(persons.loc[persons["account_id"].notna(), "person"])
        p = p[~(p["a"].isin(in_crm) & p["b"].isin(in_crm))]  # already tied by same_account
        conn_dates = people.set_index("person")["connected_on"]
        parts.append(_evidence(p["a"], p["b"], "same_company",
                               np.maximum(p["a"].map(conn_dates).to_numpy(), p["b"].map(conn_dates).to_numpy()),
                               directed=False, w=0.0, interaction=False))
    if len(rep_keys) > 1:
        pairs = [(x, y) for i, x in enumerate(sorted(rep_keys)) for y in sorted(rep_keys)[i + 1:]]
        parts.append(_evidence([p[0] for p in pairs], [p[1] for p in pairs], "team", [as_of] * len(pairs),
                               directed=False, w=0.0, interaction=False))
    parts = [p for p in parts if len(p)]
    if not parts:
        steps.close()
        raise DataError(_("the export holds no connections, messages or invitations: there is no network to map"),
                        file=_export_name(exports),
                        fix=_("give the archive LinkedIn sent (Basic_LinkedInDataExport_....zip) with your "
                            "connections in Connections.csv, or add your CRM with --crm"))
    evidence = pd.concat(parts, ignore_index=True)
    steps.update()
    ties = aggregate_ties(evidence, as_of=as_of)
    steps.update()
    steps.close()
    missing = set(ties["a"].tolist()) | set(ties["b"].tolist())
    missing -= set(people["person"].tolist())
    if missing:
        extra = pd.DataFrame({"person": sorted(missing)})
        extra["name"] = extra["person"]
        extra["kind"] = "person"
        people = pd.concat([people, extra], ignore_index=True)
    notes = [note for e in exports for note in e.notes]
    return Network(people=people.reset_index(drop=True), ties=ties, reps=rep_keys, as_of=as_of, notes=notes)


def _export_name(exports) -> str:
    """Where the exports came from, for an error message."""
    return ", ".join(str(e.folder) if e.folder is not None else e.owner_name for e in exports) or "the export"


def to_graph(people: pd.DataFrame, ties: pd.DataFrame):
    """A ``networkx.Graph`` from a people table and a ties table (see :class:`Network`)."""
    import networkx as nx

    G = nx.Graph()
    columns = list(people.columns)
    values = [people[c].astype(object).where(people[c].notna(), None).tolist() for c in columns]
    G.add_nodes_from((person, dict(zip(columns, row))) for person, row in zip(people["person"].tolist(), zip(*values)))
    cols = [c for c in ("strength", "distance", "class", "sources") if c in ties]
    values = [ties[c].astype(str).tolist() if c == "class" else ties[c].tolist() for c in cols]
    G.add_edges_from((a, b, dict(zip(cols, vals))) for a, b, *vals in zip(ties["a"].tolist(), ties["b"].tolist(),
                                                                        *values))
    return G


def edge_list_network(path) -> Network:
    """A network from an edge-list CSV with columns ``source,target`` and optional ``weight``.

    ``weight`` is the tie's strength, any positive number: weights between 0
    and 1 are used as they are; when some are above 1 (counts of messages,
    say) every weight is divided by the largest, so the strongest tie has
    strength 1 and the others keep their proportions.  Without ``weight``
    every tie has strength 0.5.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "edges.csv"
    >>> _ = p.write_text("source,target,weight\\na,b,10\\nb,c,5\\n")
    >>> edge_list_network(p).ties["strength"].tolist()
    [1.0, 0.5]
    """
    path = Path(path)
    try:
        df = pd.read_csv(path, dtype={"source": str, "target": str}, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise DataError(_("the edge list is empty"), file=path,
                        fix=_("write a CSV whose first line is source,target (and optional weight), "
                            "then one tie per line")) from None
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as err:
        raise DataError(_('cannot read the edge list ({err})').format(err=err), file=path, fix=_("write a CSV with source,target")) from None
    for col in ("source", "target"):
        if col not in df:
            raise DataError(_("column '{col}' is missing").format(col=col), file=path, row=1, column=col,
                            fix=_("the edge list needs source and target columns (and optional weight)"))
    df = df.dropna(subset=["source", "target"])
    if "weight" in df:
        weight = pd.to_numeric(df["weight"], errors="coerce")
        bad = weight.isna() | (weight <= 0) | ~np.isfinite(weight.fillna(0))
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise DataError(_('weight {iat!r} is not a finite positive number').format(iat=str(df['weight'].iat[i])), file=path,
                            row=int(df.index[i]) + 2, column="weight",
                            fix=_("give a positive strength (0 to 1, or counts), or leave the column out"))
        w = (weight / max(float(weight.max()), 1.0)).to_numpy()
    else:
        w = np.full(len(df), BASE["edge_list"])
    lo, hi, _swapped = _ordered(df["source"], df["target"])
    ties = pd.DataFrame({"a": lo, "b": hi, "strength": w}).query("a != b")
    ties = ties.groupby(["a", "b"], as_index=False)["strength"].max()
    if ties.empty:
        raise DataError(_("the edge list has no tie between two different people"), file=path, row=2,
                        fix=_("write one tie per line after the header: source,target (and optional weight)"))
    ties["distance"] = -np.log(ties["strength"].clip(lower=MIN_STRENGTH))
    ties["class"] = pd.Categorical(["Unknown"] * len(ties), categories=_strength.CLASSES)
    ties["sources"] = [("edge_list",)] * len(ties)
    nodes = sorted(set(ties["a"]) | set(ties["b"]))
    people = pd.DataFrame({"person": nodes, "name": nodes, "kind": "person"})
    for col in ("company", "position", "account", "account_id", "industry", "contact_id", "lifecycle_stage"):
        people[col] = pd.NA
    return Network(people=people, ties=ties, reps=[], as_of=pd.Timestamp.now().normalize())


def load_network(path, *, crm=None) -> Network:
    """A network from what a user has: an export folder, a data folder (with ``social/``) or an edge list.

    A zip is the archive LinkedIn sends; a single CSV file is a LinkedIn
    export file when its header says so (whatever its name), else an edge list.
    """
    from .linkedin import file_kind

    path = Path(path)
    if path.is_file() and path.suffix.lower() != ".zip" and file_kind(path, by_name=False) is None:
        return edge_list_network(path)
    if (path / "social" / "reps.csv").exists():
        from ..data import load

        data = load(path)
        return team_network(data)
    if crm is not None and not hasattr(crm, "tables"):
        from ..data import load

        crm = load(crm)
    return build_network(as_exports(path), crm, as_of=getattr(crm, "as_of", None))


def team_network(data) -> Network:
    """The team network of a Dataset: its reps' exports (``data.social``) plus its CRM (cached).

    ``data`` is what ``wb.start()`` returns.  The result is cached per data folder.
    """
    folder = Path(data.social)
    if not (folder / "reps.csv").exists():
        raise DataError(_("this data has no social/reps.csv"), file=str(folder),
                        fix=_("use the sample company (wb.start()) or add the reps' LinkedIn exports"))
    key = (str(folder.resolve()), (folder / "reps.csv").stat().st_mtime, id(data))
    hit = _TEAM_CACHE.get(key)
    if hit is None or hit[0] is not data:
        from .exports import read_team

        if len(_TEAM_CACHE) >= 4:
            _TEAM_CACHE.pop(next(iter(_TEAM_CACHE)))
        hit = (data, build_network(read_team(folder), data, as_of=data.as_of))
        _TEAM_CACHE[key] = hit
    return hit[1]


_TEAM_CACHE: dict = {}
