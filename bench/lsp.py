"""What `argmap lsp` does per keystroke, timed: re-read the edited file, re-check the folder.

Prints a table: folder size, the first open (every file parsed), and the median of 20 edits
(one file re-parsed, the folder's models re-validated; JSON-RPC not included).

    python bench/lsp.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_lsp import _big_folder  # noqa: E402

from argmap.lsp import Folder  # noqa: E402


def main() -> None:
    print(f"{'nodes':>6} {'open ms':>8} {'edit ms (median)':>17} {'edit ms (max)':>14}")
    for files in (1, 10, 50):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "big"
            _big_folder(root, files=files)
            t = time.perf_counter()
            folder = Folder.open(root)
            folder.diagnostics()
            opened = (time.perf_counter() - t) * 1000
            path = str((root / f"m{files // 2:02d}.yaml"))
            path = next(p for p in folder.files if p.endswith(Path(path).name))
            text = folder.files[path].text
            times = []
            for i in range(20):
                t = time.perf_counter()
                folder.set_text(path, text + f"# edit {i}\n")
                folder.diagnostics()
                times.append((time.perf_counter() - t) * 1000)
            print(f"{files * 100:>6} {opened:>8.1f} {statistics.median(times):>17.1f} {max(times):>14.1f}")


if __name__ == "__main__":
    main()
