"""Static PNG of the committed assets (matplotlib, no network): a visual check that the provinces,
Taiwan, Hainan, the South China Sea islands, the ten-dash line and the city points look right."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from geo.build import ASSETS


def render_png(out: Path, assets: Path = ASSETS, dpi: int = 110) -> Path:
    """Draw provinces (filled), the ten-dash line and city points; returns ``out``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Polygon as Patch

    fig, ax = plt.subplots(figsize=(9, 8))
    provinces = json.loads((assets / "provinces.geojson").read_text(encoding="utf-8"))
    for i, f in enumerate(provinces["features"]):
        colour = plt.cm.tab20(i % 20)
        for poly in f["geometry"]["coordinates"]:
            ax.add_patch(Patch(poly[0], closed=True, facecolor=colour, edgecolor="#333", linewidth=0.3))
    line = json.loads((assets / "tenline.geojson").read_text(encoding="utf-8"))
    for f in line["features"]:
        for part in f["geometry"]["coordinates"]:
            xs, ys = zip(*part)
            ax.plot(xs, ys, color="#c00", linewidth=1.2)
    with open(assets / "cities.csv", encoding="utf-8", newline="") as fh:
        pts = [(float(r["lon"]), float(r["lat"])) for r in csv.DictReader(fh)]
    ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=2, color="black", zorder=3)
    ax.set_xlim(72, 136)
    ax.set_ylim(2, 55)
    ax.set_aspect(1.2)
    ax.set_title("provinces, ten-dash line, city points")
    fig.savefig(out, dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return out
