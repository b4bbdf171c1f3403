"""Figures of who stands where on negotiation, and when: the events timeline and the stance matrix."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from sahel_analysis.analysis.periods import TURNING_POINT_TYPES, stance_matrix
from sahel_analysis.coding.events import events, lane_of, lanes
from sahel_analysis.coding.stances import actor_groups, actor_labels, positions
from sahel_analysis.extract.dates import iso_interval
from sahel_analysis.figures.render import PALETTE, STANCE_COLOURS, arabic_label, bilingual

# Event types drawn alike: what kind of thing happened, by colour and marker (shape for colour-blind readers).
EVENT_CATEGORIES = {
    "power": ("Change of power", "تغيير السلطة", PALETTE[3], "X"),
    "talks": ("Statements and talks", "تصريحات ومفاوضات", PALETTE[0], "o"),
    "violence": ("Violence", "عنف", PALETTE[7], "v"),
    "institutions": ("Institutions and programmes", "مؤسسات وبرامج", PALETTE[2], "s"),
    "other": ("Other", "أخرى", PALETTE[1], "D"),
}
CATEGORY_OF_TYPE = {
    **dict.fromkeys(("coup", "change_of_government", "seizure_of_power"), "power"),
    **dict.fromkeys(("statement", "negotiation", "debate", "release", "agreement"), "talks"),
    **dict.fromkeys(("attack", "escalation", "military_operation", "defection", "arrest"), "violence"),
    **dict.fromkeys(
        ("creation", "programme", "law", "policy", "appointment", "training", "deployment"), "institutions"
    ),
}
STANCE_NAMES_AR = {"supports": "يؤيد", "conditional": "مشروط", "ambivalent": "متردد", "opposes": "يعارض"}
LABEL_FONTSIZE = 7
# Width of one label character, in inches, at LABEL_FONTSIZE (used to keep labels from overlapping).
CHAR_INCHES = 0.052


def half_year_after(day: date) -> date:
    """The first half-year boundary (1 January or 1 July) after `day`.

    >>> half_year_after(date(2023, 5, 23)), half_year_after(date(2022, 7, 1))
    (datetime.date(2023, 7, 1), datetime.date(2023, 1, 1))
    """
    return date(day.year, 7, 1) if day.month <= 6 else date(day.year + 1, 1, 1)


def _iso_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def timeline_end(corpus, evts: Sequence = ()) -> date:
    """Where the timeline ends: the half-year after the newest document's date.

    Documents without a full ISO date are skipped; when none has one, the
    half-year after the latest event in `evts`.
    """
    dated = [d for d in (_iso_day(rd.doc.date) for rd in corpus) if d is not None]
    if dated:
        return half_year_after(max(dated))
    return _latest_event_end(evts)


def _latest_event_end(evts: Sequence) -> date:
    return half_year_after(max(iso_interval(e.date_start, e.date_end or None)[1] for e in evts))


def _new_figure(ax, size: tuple[float, float]):
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def _interval(event, until: date) -> tuple[date, date, bool]:
    """First and last day an event covers, and whether its end is open."""
    start, end = iso_interval(event.date_start, event.date_end if event.precision == "period" else None)
    return start, (end or until), end is None


def _extent(event, span: tuple[date, date, bool], left: date) -> tuple[float, float, float]:
    """Where an event is drawn, as day ordinals: bar start, bar end, and its marker.

    A period's marker is at its start; a point event's marker is at the middle
    of the span its precision covers.
    """
    start, end, _ = span
    x0, x1 = max(start, left).toordinal(), end.toordinal()
    return x0, x1, (x0 if event.precision == "period" else (x0 + x1) / 2)


def _pack(items: Sequence[tuple[float, float]]) -> list[int]:
    """Greedy row assignment: each (x0, x1) goes to the first row whose last item ends before x0."""
    ends: list[float] = []
    rows = []
    for x0, x1 in items:
        for i, end in enumerate(ends):
            if end < x0:
                ends[i] = x1
                rows.append(i)
                break
        else:
            ends.append(x1)
            rows.append(len(ends) - 1)
    return rows


def plot_timeline(events, *, ax=None, since: date | None = None, until: date | None = None, title: str = ""):
    """Draw dated events in one lane per actor group, dates on x, a labelled marker per event.

    Point events sit at the middle of the span their precision covers (a month,
    a year), with a thin bar showing that span when it is long; periods are bars
    from start to end; an open period (منذ …) ends in an arrow. Coups and changes
    of government are dotted vertical lines.

    Args:
        events: `coding.events.events(corpus)` (any sequence of Event records).
        ax: axes to draw on; a new Figure is made when None.
        since: first date shown (events ending before it are left out); None shows all.
        until: last date shown; by default the half-year after the latest event
            (the figure registry passes `timeline_end(corpus)`).
        title: the axes title (English); the Arabic title is drawn beside it.
    """
    until = until or _latest_event_end(events)
    spans = {e.id: _interval(e, until) for e in events}
    shown = [e for e in events if since is None or spans[e.id][1] >= since]
    first = since or min(spans[e.id][0] for e in shown)
    left = date(first.year, 1, 1)
    width_in = 10.0
    days_per_inch = (until - left).days / width_in
    lane_list = [lane for lane in lanes() if any(lane_of(e.actor_ids[0]) == lane["id"] for e in shown)]

    # lay out: each lane gets as many sub-rows as its labels need
    placed: dict[str, tuple[int, int]] = {}
    lane_rows: list[int] = []
    for li, lane in enumerate(lane_list):
        members = sorted(
            (e for e in shown if lane_of(e.actor_ids[0]) == lane["id"]), key=lambda e: (spans[e.id][0], e.id)
        )
        extents = []
        for e in members:
            x0, x1, x_mark = _extent(e, spans[e.id], left)
            label_days = (len(e.label_en) + 3) * CHAR_INCHES * days_per_inch
            extents.append((x0, max(x1, x_mark + label_days)))
        for e, row in zip(members, _pack(extents), strict=True):
            placed[e.id] = (li, row)
        lane_rows.append(max((placed[e.id][1] for e in members), default=0) + 1)

    row_height = 0.3
    n_rows = sum(lane_rows)
    fig, ax = _new_figure(ax, (width_in + 3.2, row_height * n_rows + 2.0))
    offsets = [sum(lane_rows[:i]) for i in range(len(lane_rows))]

    def y_of(event_id: str) -> float:
        li, row = placed[event_id]
        return -(offsets[li] + row + 0.5)

    # turning points behind everything
    for e in shown:
        if e.event_type in TURNING_POINT_TYPES:
            x = date2num(spans[e.id][0])
            ax.axvline(x, color=PALETTE[3], linestyle=":", linewidth=0.9, zorder=0)

    for e in shown:
        start, end, open_end = spans[e.id]
        category = CATEGORY_OF_TYPE.get(e.event_type, "other")
        _, _, colour, marker = EVENT_CATEGORIES[category]
        y = y_of(e.id)
        x0, x1, x_mark = (date2num(date.fromordinal(round(v))) for v in _extent(e, spans[e.id], left))
        if e.precision == "period":
            ax.plot([x0, x1], [y, y], color=colour, linewidth=3, alpha=0.35, solid_capstyle="butt", zorder=1)
            if open_end:
                ax.annotate(
                    "",
                    xy=(x1, y),
                    xytext=(x1 - 1, y),
                    arrowprops={"arrowstyle": "-|>", "color": colour, "alpha": 0.6, "lw": 0},
                )
        elif (end - start).days > 40:
            ax.plot([x0, x1], [y, y], color=colour, linewidth=1.2, alpha=0.5, zorder=1)
        ax.plot([x_mark], [y], marker=marker, color=colour, markersize=5.5, linestyle="none", zorder=3)
        ax.text(
            x_mark, y + 0.13, "  " + e.label_en, fontsize=LABEL_FONTSIZE, va="bottom", ha="left", zorder=4
        )

    # lanes: separators and bilingual labels
    for top in offsets:
        ax.axhline(-top, color="#cccccc", linewidth=0.6, zorder=0)
    ax.set_yticks([-(offsets[i] + lane_rows[i] / 2) for i in range(len(lane_list))])
    ax.set_yticklabels([bilingual(lane["name_ar"], lane["name_en"]) for lane in lane_list])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-n_rows - 0.2, 0.9)
    ax.set_xlim(date2num(left), date2num(until))
    ax.xaxis_date()
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6)
    ax.set_axisbelow(True)

    handles = [
        Line2D([], [], marker=marker, color=colour, linestyle="none", label=bilingual(ar, en, sep="  "))
        for en, ar, colour, marker in EVENT_CATEGORIES.values()
    ]
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=5, frameon=False, fontsize=8
    )
    english, arabic = _texts_phrase(len({e.doc_id for e in events}))
    ax.set_title(title or f"Dated events in {english}, by actor", loc="left")
    ax.set_title(arabic_label(f"الأحداث المؤرَّخة في {arabic} حسب الفاعل"), loc="right")
    return fig


def _texts_phrase(n: int) -> tuple[str, str]:
    """How a title names the documents its events come from, in English and Arabic (dual for two).

    >>> _texts_phrase(2)
    ('the two texts', 'النصَّين')
    """
    if n == 1:
        return "the text", "النص"
    if n == 2:
        return "the two texts", "النصَّين"
    return f"the {n} texts", "النصوص"


def plot_stance_matrix(matrix, *, ax=None, title: str = ""):
    """Draw actor × period cells coloured by stance; a cell with several stances is split.

    Args:
        matrix: `analysis.periods.stance_matrix(...)`: index actor ids, a `group` column,
            one column per period whose cells are tuples of stances.
        ax: axes to draw on; a new Figure is made when None.
        title: the axes title (English); the Arabic title is drawn beside it.
    """
    labels = actor_labels()
    group_names = {g["id"]: g for g in actor_groups()}
    periods = [c for c in matrix.columns if c != "group"]
    # rows: a header row before each group, then its actors
    rows: list[tuple[str, str]] = []
    previous = None
    for actor, group in zip(matrix.index, matrix["group"], strict=True):
        if group != previous:
            rows.append(("group", group))
            previous = group
        rows.append(("actor", actor))

    fig, ax = _new_figure(ax, (11.5, 0.24 * len(rows) + 1.6))
    n_cols = len(periods)
    for r, (kind, key) in enumerate(rows):
        y = -r
        if kind == "group":
            g = group_names.get(key, {"name_en": key, "name_ar": ""})
            ax.text(-0.08, y, g["name_en"], ha="right", va="center", fontsize=8.5, fontweight="bold")
            ax.text(n_cols + 0.08, y, arabic_label(g["name_ar"]), ha="left", va="center", fontsize=8.5,
                    fontweight="bold")  # fmt: skip
            ax.plot([-0.02, n_cols + 0.02], [y - 0.5, y - 0.5], color="#999999", linewidth=0.6, clip_on=False)
            continue
        label = labels.get(key.split(":")[0], {"name_en": key, "name_ar": ""})
        ax.text(-0.08, y, label["name_en"], ha="right", va="center", fontsize=8)
        ax.text(n_cols + 0.08, y, arabic_label(label["name_ar"]), ha="left", va="center", fontsize=8)
        for c, period in enumerate(periods):
            stances = matrix.loc[key, period]
            ax.add_patch(Rectangle((c + 0.04, y - 0.42), 0.92, 0.84, facecolor="#f6f6f6", edgecolor="none"))
            for k, stance in enumerate(stances):
                w = 0.92 / len(stances)
                ax.add_patch(
                    Rectangle(
                        (c + 0.04 + k * w, y - 0.42),
                        w,
                        0.84,
                        facecolor=STANCE_COLOURS[stance],
                        edgecolor="white",
                    )
                )
    ax.set_xlim(0, n_cols)
    ax.set_ylim(-len(rows) + 0.5, 1.2)
    ax.set_xticks([c + 0.5 for c in range(n_cols)])
    ax.set_xticklabels(periods, fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks([])
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", length=0)
    handles = [
        Patch(facecolor=STANCE_COLOURS[s], label=bilingual(STANCE_NAMES_AR[s], s, sep="  "))
        for s in STANCE_COLOURS
    ]
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=4, frameon=False, fontsize=8
    )
    ax.set_title(title or "Stances on negotiation, by actor and period", loc="left", pad=22)
    ax.set_title(arabic_label("المواقف من التفاوض حسب الفاعل والفترة"), loc="right", pad=22)
    return fig


def _timeline(corpus, since: date | None):
    evts = events(corpus)
    return plot_timeline(evts, since=since, until=timeline_end(corpus, evts))


def _matrix(corpus):
    return plot_stance_matrix(stance_matrix(positions(corpus), events(corpus)))


FIGURES = {
    "events-timeline-2001": lambda corpus: _timeline(corpus, None),
    "events-timeline-2012": lambda corpus: _timeline(corpus, date(2012, 1, 1)),
    "stance-matrix": _matrix,
}
