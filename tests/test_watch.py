"""`plangen watch`: a rebuild on every save of the plan or a file it names, a mistake shown
while the last good document stays, and a rebuild well under a second."""

from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from planfiles import plan, write
from plangen.template import BUNDLED

UNITS = "KTHT: Phòng Kinh tế và Hạ tầng\nTCKH: Phòng Tài chính - Kế hoạch\n"
TIMEOUT = 60


class _Watch:
    """`plangen watch` running as a program, its lines read as they come."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "plangen", "watch", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        assert self.process.stdout is not None
        self.stream = self.process.stdout
        self.reader = threading.Thread(target=lambda: [self.lines.put(x) for x in self.stream])
        self.reader.start()

    def __enter__(self) -> _Watch:
        return self

    def __exit__(self, *_: object) -> None:
        self.process.kill()
        self.process.wait(timeout=TIMEOUT)
        self.reader.join(timeout=TIMEOUT)
        self.stream.close()

    def until(self, pattern: str) -> list[str]:
        """The lines printed up to the first one matching `pattern`."""
        seen: list[str] = []
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, seen
                continue
            seen.append(line)
            if re.search(pattern, line):
                return seen
        raise AssertionError(f"no line matching {pattern!r} in {seen}")

    def close(self) -> int:
        return self.process.wait(timeout=TIMEOUT)


def _seconds(line: str) -> float:
    return float(re.search(r"\[(\d+\.\d+) s\]", line).group(1))  # type: ignore[union-attr]


def test_watch_rebuilds_on_saves_of_the_plan_and_its_units_and_survives_mistakes(
    tmp_path: Path,
) -> None:
    write(tmp_path, UNITS, "units.yaml")
    source = write(tmp_path, plan(units="units.yaml"))
    out = tmp_path / "out" / "plan.docx"
    with _Watch(str(source), "-o", str(out), "--rebuilds", "3") as watch:
        assert "(đã ghi; written)" in watch.until(r"plan\.docx")[0]
        assert "watching 3 files" in watch.until("watching")[-1]  # plan, units, template
        first = out.read_bytes()

        # A mistake in a file the plan names: shown, the last good document kept.
        (tmp_path / "units.yaml").write_text("- KTHT\n", encoding="utf-8")
        lines = watch.until("last good output kept")
        assert any("units.yaml:1:1" in line and "[units-file]" in line for line in lines)
        assert out.read_bytes() == first

        (tmp_path / "units.yaml").write_text(UNITS.replace("Hạ tầng", "hạ tầng"), "utf-8")
        line = watch.until(r"plan\.docx")[-1]
        assert "(đã ghi; written)" in line and out.read_bytes() != first

        # The plan itself, saved as editors do: a new file renamed over the old one.
        replacement = tmp_path / ".plan.yaml.swp"
        replacement.write_text(source.read_text("utf-8").replace("2022", "2023"), "utf-8")
        replacement.replace(source)
        line = watch.until(r"plan\.docx")[-1]
        assert "(đã ghi; written)" in line
        assert _seconds(line) < 1.0, line  # nothing re-imported: only the build itself
        assert watch.close() == 0


def test_watch_follows_the_template_and_ignores_other_files(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "ke-hoach.docx").write_bytes((BUNDLED / "ke-hoach.docx").read_bytes())
    source = write(tmp_path, plan())
    with _Watch(str(source), "-o", str(tmp_path / "a.docx"), "--rebuilds", "1") as watch:
        watch.until("watching")
        (tmp_path / "notes.txt").write_text("not part of the plan", encoding="utf-8")
        time.sleep(1)
        assert watch.lines.empty()  # not a file the plan is made of
        (templates / "ke-hoach.docx").touch()  # saved again in Word, say
        lines = watch.until(r"a\.docx")
        assert "(không đổi; unchanged)" in lines[-1]  # the same bytes: the document stays
        assert watch.close() == 0
