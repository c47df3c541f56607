"""Summaries of py-spy's raw stacks ("frame;frame;... count" per line): the functions that
hold the most samples, counted once per stack (inclusive), to read beside bench/live.py's table.

Run: .venv/bin/python bench/live_profile.py FILE [--top 30] [--only civic_challenge]
"""

import argparse
import re
from collections import Counter
from pathlib import Path

FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")


def inclusive(path: Path, only: str = "") -> tuple[int, Counter]:
    """Total samples, and samples per function (a stack counts once for each function in it)."""
    total, counts = 0, Counter()
    for line in path.read_text().splitlines():
        stack, _, number = line.rpartition(" ")
        if not number.isdigit():
            continue
        samples = int(number)
        total += samples
        seen = set()
        for frame in stack.split(";"):
            match = FRAME.match(frame)
            name = _short(match["func"], match["file"]) if match else frame
            if only and only not in name:
                continue
            seen.add(name)
        for name in seen:
            counts[name] += samples
    return total, counts


def _short(func: str, file: str) -> str:
    for marker in ("site-packages/", "src/", "pages/", "lib/python3.11/"):
        if marker in file:
            file = file.split(marker, 1)[1]
            break
    return f"{func} ({file})"


def summary(path: Path, top: int = 30, only: str = "") -> str:
    total, counts = inclusive(path, only)
    lines = [f"{path.name}: {total} samples", "", "| share | function |", "| ---: | --- |"]
    lines += [f"| {n / total:.0%} | {name} |" for name, n in counts.most_common(top) if total]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--only", default="", help="keep functions whose name or file has this")
    args = parser.parse_args()
    for path in args.files:
        print(summary(path, args.top, args.only), end="\n\n")


if __name__ == "__main__":
    main()
