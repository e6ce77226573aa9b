"""`kefu stats --plot`: uses per day and top phrases as a PNG, drawn with matplotlib.

matplotlib is optional (``pip install kefu-assistant[charts]``); it is imported only here.
"""

from __future__ import annotations

from pathlib import Path

from assistant.core.errors import KefuError
from assistant.core.phrases.stats import UsageStats

CJK_FONTS = [
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
]


def plot(stats: UsageStats, path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import font_manager
        from matplotlib import pyplot as plt
        from matplotlib.ticker import MaxNLocator
    except ImportError as exc:
        raise KefuError(
            "画图需要 matplotlib：pip install 'kefu-assistant[charts]'（或 pip install matplotlib）"
        ) from exc
    installed = {f.name for f in font_manager.fontManager.ttflist}
    fonts = [f for f in CJK_FONTS if f in installed]
    plt.rcParams["font.sans-serif"] = [*fonts, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    fig, (days_ax, top_ax) = plt.subplots(2, 1, figsize=(10, 8), constrained_layout=True)
    labels = [d[5:] for d, _ in stats.per_day]
    days_ax.bar(range(len(labels)), [n for _, n in stats.per_day], color="#1f7a8c")
    step = max(1, len(labels) // 15)
    days_ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
    days_ax.set_title(f"每天使用次数（{stats.start} 至 {stats.end}，共 {stats.total} 次）")
    top = list(reversed(stats.top))
    top_ax.barh([p.title for p, _ in top], [n for _, n in top], color="#e3a008")
    top_ax.set_title("最常用的短语")
    top_ax.set_xlabel("使用次数")
    days_ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    top_ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    try:
        fig.savefig(path, dpi=110)
    except OSError as exc:
        raise KefuError(f"无法保存图片 {path}：{exc.strerror or exc}") from exc
    finally:
        plt.close(fig)
