"""The soak's second process: `kefu`-style edits of the agent's library while the app runs,
and now and then the team lead publishing a new version of the team pack to the shared
folder (so some of the app's background syncs have something to pull).

``python -m bench.soak_editor CONFIG.json``: ``edits`` edits, ``pace_s`` apart; every
``publish_every``-th edit also changes one phrase of the lead's pack and publishes it.
Prints ``soak-editor {"edits": n, "published": m}`` at the end.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from assistant.core.sync.service import PackSync
from assistant.core.workspace import open_workspace


def main(argv: list[str]) -> int:
    cfg = json.loads(Path(argv[0]).read_text("utf-8"))
    agent = open_workspace(cfg["data"], builtins=False)
    lead = open_workspace(cfg["lead"], builtins=False)
    targets = cfg["edit_ids"]
    team = lead.phrases.in_pack(cfg["pack_id"])
    edits = published = 0
    for n in range(cfg["edits"]):
        time.sleep(cfg["pace_s"])
        agent.phrases.edit(targets[n % len(targets)], text=f"亲，第 {n} 次修改：今天下单明天发货哦")
        edits += 1
        if (n + 1) % cfg["publish_every"] == 0:
            phrase = team[n % len(team)]
            lead.phrases.edit(phrase.id, text=f"亲，团队第 {n} 版：满 199 包邮，七天无理由退货")
            if PackSync(lead.phrases).publish(cfg["pack_id"], cfg["share"]).ok:
                published += 1
    print("soak-editor " + json.dumps({"edits": edits, "published": published}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
