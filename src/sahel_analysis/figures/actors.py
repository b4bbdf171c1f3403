"""Figures of who the documents name: mentions per actor, actors sharing a sentence, and their relations."""

from __future__ import annotations

import math
from textwrap import fill

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from sahel_analysis.analysis.actors import cooccurrence, mention_counts
from sahel_analysis.coding.relations import stated_relations
from sahel_analysis.extract.gazetteer import load_gazetteer
from sahel_analysis.figures.render import MAX_DOCUMENT_SERIES, PALETTE, arabic_label, document_colours

# How many actors the bar chart and the heatmap show (most mentioned first).
TOP_ACTORS = 25
TOP_COOCCURRING = 18
RELATION_STYLE = {
    # relation: (colour, line style, Arabic name)
    "member_of": (PALETTE[0], "solid", "عضو في"),
    "part_of": (PALETTE[2], "solid", "جزء من"),
    "split_from": (PALETTE[3], "dashed", "انشق عن"),
    "founded_by": (PALETTE[4], "solid", "أسسه"),
    "led_by": (PALETTE[7], "solid", "بقيادة"),
    "affiliated_with": (PALETTE[5], "dotted", "مرتبط بـ"),
    "allied_with": (PALETTE[1], "dotted", "متحالف مع"),
    "rival_of": (PALETTE[3], "solid", "خصم"),
}
TYPE_COLOURS = {
    "state": PALETTE[0],
    "government": PALETTE[5],
    "person": PALETTE[1],
    "jihadist_group": PALETTE[3],
    "jihadist_subgroup": PALETTE[4],
    "separatist_movement": PALETTE[6],
    "foreign_state": PALETTE[0],
    "international_organization": PALETTE[2],
    "regional_organization": PALETTE[2],
    "military_operation": PALETTE[7],
    "national_institution": PALETTE[5],
    "civil_society": PALETTE[6],
    "other": "#999999",
}
MAX_LABEL_AR = 30


def _new_figure(ax, size: tuple[float, float]):
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def short_name_ar(actor) -> str:
    """The actor's Arabic name, or its shortest seen form when the name is too long for a label.

    >>> from sahel_analysis.extract.gazetteer import load_gazetteer
    >>> short_name_ar(load_gazetteer().actor("minusma"))
    'بعثة الأمم المتحدة في مالي'
    """
    if len(actor.name_ar) <= MAX_LABEL_AR:
        return actor.name_ar
    seen = [a.form for a in actor.aliases if not (a.future or a.docs)]
    return min(seen or [actor.name_ar], key=len)


def actor_label(actor, sep: str = "  ·  ") -> str:
    """A one-line bilingual label: the Arabic name, then the English short name beside it."""
    return f"{arabic_label(short_name_ar(actor))}{sep}{actor.label_en}"


def plot_mention_counts(counts, *, ax=None, top: int = TOP_ACTORS, title: str = ""):
    """Horizontal bars of mentions per actor, most mentioned actor on top.

    Up to `MAX_DOCUMENT_SERIES` documents, one bar per document in its colour, with
    a legend; past it, one bar per actor for the whole corpus, labelled with how
    many documents name the actor, so the figure reads the same at any corpus size.

    Args:
        counts: `actors.mention_counts(corpus)`: one row per actor (index actor_id), one
            column per document id, plus `total`.
        top: how many actors to show.
    """
    gaz = load_gazetteer()
    docs = [c for c in counts.columns if c not in ("name_en", "name_ar", "actor_type", "total")]
    shown = counts.head(top)
    per_document = len(docs) <= MAX_DOCUMENT_SERIES
    fig, ax = _new_figure(ax, (9 if per_document else 11, 0.34 * len(shown) + 1.6))
    rows = range(len(shown))
    if per_document:
        colours = document_colours(docs)
        height = 0.8 / max(1, len(docs))
        for k, doc in enumerate(docs):
            ax.barh(
                [r + (k - (len(docs) - 1) / 2) * height for r in rows],
                shown[doc],
                height=height,
                color=colours[doc],
                label=f"document {doc}",
            )
        ax.legend(loc="lower right", frameon=False)
        heading = f"Mentions per actor, top {len(shown)}"
    else:
        ax.barh(list(rows), shown["total"], height=0.7, color=PALETTE[0])
        naming = (shown[docs] > 0).sum(axis=1)
        for r, (total, n) in enumerate(zip(shown["total"], naming, strict=True)):
            ax.text(
                total, r, f"  in {n} of {len(docs)} documents", va="center", fontsize=7.5, color="#555555"
            )
        ax.set_xlim(0, 1.4 * max(1, shown["total"].max()))
        heading = f"Mentions per actor, top {len(shown)} in {len(docs)} documents"
    ax.set_yticks(list(rows), [actor_label(gaz.actor(a)) for a in shown.index])
    ax.invert_yaxis()
    ax.set_xlabel("mentions  ·  " + arabic_label("عدد الإشارات"))
    ax.set_title(title or f"{heading}  ·  " + arabic_label("الإشارات إلى كل فاعل"))
    ax.tick_params(axis="y", length=0)
    return fig


def plot_cooccurrence(matrix, *, ax=None, title: str = ""):
    """Heatmap of how many sentences each pair of actors shares (diagonal: sentences naming the actor).

    Args:
        matrix: `actors.cooccurrence(corpus, ids)`, a square DataFrame indexed by actor id.
    """
    gaz = load_gazetteer()
    ids = list(matrix.index)
    n = len(ids)
    fig, ax = _new_figure(ax, (0.42 * n + 4.5, 0.42 * n + 2.2))
    values = matrix.to_numpy()
    shown = values.copy()
    for i in range(n):
        shown[i, i] = 0  # the diagonal would swamp the colour scale
    image = ax.imshow(shown, cmap="Blues", vmin=0)
    for i in range(n):
        for j in range(n):
            if values[i, j]:
                dark = shown[i, j] > 0.6 * max(1, shown.max())
                ax.text(j, i, str(values[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if dark else ("#777777" if i == j else "black"))  # fmt: skip
    ax.set_xticks(
        range(n), [gaz.actor(a).label_en for a in ids], rotation=60, ha="right", rotation_mode="anchor"
    )
    ax.set_yticks(range(n), [actor_label(gaz.actor(a)) for a in ids])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.colorbar(
        image, ax=ax, location="bottom", shrink=0.35, aspect=30, pad=0.02,
        label="sentences shared  ·  " + arabic_label("جمل مشتركة") + "  (diagonal: sentences naming the actor)",
    )  # fmt: skip
    ax.set_title(title or "Actors named in the same sentence  ·  " + arabic_label("فاعلون في الجملة نفسها"))
    return fig


def relation_graph(relations):
    """A networkx MultiDiGraph of relations: an edge per (source, relation, target), documents merged."""
    gaz = load_gazetteer()
    graph = nx.MultiDiGraph()
    for r in relations:
        for node in (r.source_id, r.target_id):
            if node not in graph:
                actor = gaz.actor(node)
                label = f"{arabic_label(short_name_ar(actor))}\n{fill(actor.label_en, 26)}"
                graph.add_node(node, actor_type=actor.actor_type, label=label)
        if not graph.has_edge(r.source_id, r.target_id, key=r.relation):
            graph.add_edge(r.source_id, r.target_id, key=r.relation, docs=set())
        graph.edges[r.source_id, r.target_id, r.relation]["docs"].add(r.doc_id)
    return graph


def relation_layout(graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Node positions: the largest connected group on the left, the small groups stacked on the right.

    Each group is laid out on its own with a seeded spring layout, so the figure
    is the same on every run, and groups never overlap.
    """
    plain = nx.Graph(graph)
    groups = sorted((sorted(c) for c in nx.connected_components(plain)), key=lambda c: (-len(c), c[0]))
    pos: dict[str, tuple[float, float]] = {}
    main, rest = groups[0], groups[1:]
    # a subgraph view iterates its nodes in set order (it varies with PYTHONHASHSEED):
    # build the group's graph in sorted order so the seeded layout is the same everywhere
    group = nx.Graph()
    group.add_nodes_from(main)
    group.add_edges_from(sorted(tuple(sorted(e)) for e in plain.subgraph(main).edges()))
    sub = nx.spring_layout(group, seed=seed, k=1.2, iterations=1000)
    xs, ys = [p[0] for p in sub.values()], [p[1] for p in sub.values()]
    for node, (x, y) in sub.items():
        pos[node] = (
            12 * (x - min(xs)) / (max(xs) - min(xs) or 1),
            12 * (y - min(ys)) / (max(ys) - min(ys) or 1),
        )
    pos = declutter(pos)
    # small groups: two columns on the right, filled top to bottom, each as wide as its members need
    right = max(p[0] for p in pos.values()) + 2.5
    columns = [[right, 12.0], [right + 8.2, 12.0]]  # x of the column's left edge, y of its next free row
    for members in rest:
        col = max(columns, key=lambda c: c[1])
        height = 1.2 if len(members) <= 3 else 3.0
        if len(members) <= 3:
            ordered = _chain(plain.subgraph(members))
            for i, node in enumerate(ordered):
                pos[node] = (col[0] + 2.8 * i + 0.7 * (len(ordered) == 2), col[1] - height / 2)
        else:
            hub = max(members, key=lambda n: (plain.degree(n), n))
            others = [n for n in members if n != hub]
            pos[hub] = (col[0] + 2.5, col[1] - height / 2)
            for i, node in enumerate(others):
                angle = 2 * 3.141592653589793 * (i + 0.5) / len(others)
                pos[node] = (col[0] + 2.5 + 2.1 * _cos(angle), col[1] - height / 2 + 1.25 * _sin(angle))
        col[1] -= height + 0.55
    return pos


def declutter(pos: dict, width: float = 2.5, height: float = 1.0, rounds: int = 300) -> dict:
    """Push apart nodes whose labels (a width x height box under each node) overlap.

    Deterministic: pairs are visited in sorted order and each overlap is split
    evenly between the two nodes, along the axis where it is smaller.
    """
    pos = {n: list(p) for n, p in sorted(pos.items())}
    names = list(pos)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                dx, dy = pos[b][0] - pos[a][0], pos[b][1] - pos[a][1]
                ox, oy = width - abs(dx), height - abs(dy)
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                if ox / width < oy / height:
                    step = ox / 2 * (1 if dx >= 0 else -1)
                    pos[a][0] -= step
                    pos[b][0] += step
                else:
                    step = oy / 2 * (1 if dy >= 0 else -1)
                    pos[a][1] -= step
                    pos[b][1] += step
        if not moved:
            break
    return {n: (p[0], p[1]) for n, p in pos.items()}


def _cos(a: float) -> float:
    return math.cos(a)


def _sin(a: float) -> float:
    return math.sin(a)


def _chain(graph) -> list[str]:
    """The nodes of a small path-shaped group in path order (an end first, then alphabetical)."""
    ends = sorted(n for n in graph if graph.degree(n) <= 1) or sorted(graph)
    order, seen = [ends[0]], {ends[0]}
    while len(order) < len(graph):
        nxt = sorted(n for n in graph.neighbors(order[-1]) if n not in seen) or sorted(set(graph) - seen)
        order.append(nxt[0])
        seen.add(nxt[0])
    return order


def plot_relations(relations, *, ax=None, title: str = "", seed: int = 7):
    """Network of the relations the texts state: nodes are actors, arrows coloured by relation.

    Args:
        relations: `Relation` records (e.g. `coding.relations.stated_relations()`).
        seed: the layout's random seed, fixed so the figure is the same on every run.
    """
    graph = relation_graph(relations)
    fig, ax = _new_figure(ax, (23, 14))
    pos = relation_layout(graph, seed)
    for u, v, relation in sorted(graph.edges(keys=True)):
        colour, style, _ = RELATION_STYLE[relation]
        bend = 0.15 if graph.has_edge(v, u) or graph.number_of_edges(u, v) > 1 else 0.05
        ax.add_patch(
            FancyArrowPatch(
                pos[u], pos[v], arrowstyle="-|>", mutation_scale=11, color=colour, linestyle=style,
                linewidth=1.5, shrinkA=9, shrinkB=9, connectionstyle=f"arc3,rad={bend}", zorder=1,
            )
        )  # fmt: skip
    for node in sorted(graph.nodes):
        x, y = pos[node]
        ax.scatter(
            [x], [y], s=90, color=TYPE_COLOURS[graph.nodes[node]["actor_type"]], zorder=2, linewidths=0
        )
        ax.text(x, y - 0.18, graph.nodes[node]["label"], ha="center", va="top", fontsize=8, linespacing=1.15,
                zorder=3, bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none",
                                "alpha": 0.8})  # fmt: skip
    used = {k for _, _, k in graph.edges(keys=True)}
    handles = [
        Line2D(
            [],
            [],
            color=c,
            linestyle=s,
            linewidth=1.6,
            label=f"{rel.replace('_', ' ')}  ·  {arabic_label(ar)}",
        )
        for rel, (c, s, ar) in RELATION_STYLE.items()
        if rel in used
    ]
    fig.legend(
        handles=handles, loc="outside lower center", ncols=len(handles), frameon=False,
        title="relation  ·  " + arabic_label("العلاقة"),
    )  # fmt: skip
    ax.set_axis_off()
    ax.margins(0.04)
    ax.set_title(title or "Relations stated in the texts  ·  " + arabic_label("العلاقات كما تذكرها النصوص"))
    return fig


def mention_figure(corpus):
    """Mentions per actor per document, from the corpus."""
    return plot_mention_counts(mention_counts(corpus))


def cooccurrence_figure(corpus):
    """Co-occurrence heatmap of the most mentioned actors, from the corpus."""
    return plot_cooccurrence(cooccurrence(corpus, list(mention_counts(corpus).index[:TOP_COOCCURRING])))


def relations_figure(corpus):
    """Relations network of what the documents state (every relation quotes the corpus)."""
    return plot_relations(stated_relations())


FIGURES = {
    "actors-mentions": mention_figure,
    "actors-cooccurrence": cooccurrence_figure,
    "actors-relations": relations_figure,
}
