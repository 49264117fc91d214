"""`plangen diff`: what changed between two plans, by meaning, for people and for tools."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import PLANS, run
from planfiles import plan, revised_2024, write

DIFFS = Path(__file__).resolve().parent / "diffs"
"""`plangen diff` and redlines of the bundled plans, as main printed them before align.py."""


def revised() -> dict[str, Any]:
    """The base plan with one change of every kind."""
    data = plan()
    data["number"] = 25
    data["date"] = "2022-02-15"
    data["signature"]["name"] = "Lê Văn B"
    data["subject"] = "Phát triển ngành Công nghiệp năm 2022 (sửa đổi)"
    data["bases"].append(
        {
            "type": "Nghị quyết",
            "number": "98/NQ-HĐND",
            "date": "2021-09-22",
            "issuer": "HĐND huyện",
            "subject": "về công nghiệp",
        }
    )
    task = data["sections"][1]["tasks"][0]
    task.update(lead="TCKH", support=["KTHT"], due="Quý III/2022", output="Đề án")
    new_task = copy.deepcopy(task)
    new_task.update(id="t2", title="Xúc tiến thương mại")
    data["sections"][1]["tasks"].append(new_task)
    data["sections"].append(
        {
            "title": "Chỉ tiêu",
            "targets": [{"id": "tang", "name": "Tốc độ tăng", "value": "8-9", "unit": "%"}],
        }
    )
    data["sections"].append(
        {
            "title": "Kinh phí",
            "budget": {
                "unit": "tỷ đồng",
                "lines": [{"source": "Khuyến công quốc gia", "amount": "0.3"}],
            },
        }
    )
    data["recipients"] = ["Sở Công Thương Quảng Trị", "Ban Thường vụ Huyện ủy"]
    return data


def original() -> dict[str, Any]:
    data = plan()
    data["sections"].append(
        {
            "title": "Chỉ tiêu",
            "targets": [{"id": "tang", "name": "Tốc độ tăng", "value": "7-8", "unit": "%"}],
        }
    )
    data["sections"].append(
        {
            "title": "Kinh phí",
            "budget": {
                "unit": "tỷ đồng",
                "lines": [{"source": "Khuyến công quốc gia", "amount": "0.250"}],
            },
        }
    )
    return data


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return write(tmp_path, original(), "a.yaml"), write(tmp_path, revised(), "b.yaml")


def test_each_kind_of_change_is_reported_in_words(pair: tuple[Path, Path]) -> None:
    code, printed = run("diff", str(pair[0]), str(pair[1]), "--no-body")
    assert code == 1
    assert printed.splitlines() == [
        "~ Thể thức, số: 24/KH-UBND → 25/KH-UBND",
        "~ Thể thức, ngày ban hành: 14/02/2022 → 15/02/2022",
        "~ Thể thức, người ký: Nguyễn Anh Tuấn → Lê Văn B",
        "~ Trích yếu: Phát triển ngành Công nghiệp năm 2022 → "
        "Phát triển ngành Công nghiệp năm 2022 (sửa đổi)",
        "+ Căn cứ: Căn cứ Nghị quyết số 98/NQ-HĐND ngày 22/9/2021 của HĐND huyện về công nghiệp",
        "~ Chỉ tiêu tang, giá trị: 7-8% → 8-9%",
        "~ Nhiệm vụ t1, chủ trì: Phòng Kinh tế và Hạ tầng → Phòng Tài chính - Kế hoạch",
        "~ Nhiệm vụ t1, phối hợp: Phòng Tài chính - Kế hoạch → Phòng Kinh tế và Hạ tầng",
        "~ Nhiệm vụ t1, thời hạn: Quý II/2022 → Quý III/2022",
        "~ Nhiệm vụ t1, sản phẩm: Báo cáo → Đề án",
        "+ Nhiệm vụ t2: Xúc tiến thương mại",
        "~ Kinh phí, tổng: 0,250 tỷ đồng → 0,3 tỷ đồng",
        "~ Kinh phí, số tiền: 0,250 tỷ đồng → 0,3 tỷ đồng",
        "+ Nơi nhận: - Ban Thường vụ Huyện ủy;",
    ]


def test_body_paragraph_changes_are_listed_too(pair: tuple[Path, Path]) -> None:
    printed = run("diff", str(pair[0]), str(pair[1]))[1]
    assert "+ Nội dung: 2. Xúc tiến thương mại" in printed.splitlines()


def test_json_output_is_for_tools(pair: tuple[Path, Path]) -> None:
    code, printed = run("diff", str(pair[0]), str(pair[1]), "--format", "json", "--no-body")
    changes = json.loads(printed)
    assert code == 1
    assert {
        "area": "targets",
        "key": "tang",
        "field": "value",
        "action": "changed",
        "old": "7-8%",
        "new": "8-9%",
    } in changes


def test_equal_plans_exit_zero_and_print_nothing(pair: tuple[Path, Path]) -> None:
    assert run("diff", str(pair[0]), str(pair[0])) == (0, "")


def test_an_invalid_plan_is_a_user_error(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    bad = write(tmp_path, plan(date="2022-02-30"), "bad.yaml")
    code, printed = run("diff", str(pair[0]), str(bad))
    assert code == 2 and "[date]" in printed


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the 2024 plan and its units file committed."""
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    for name in ("2024.yaml", "units.yaml"):
        shutil.copy(PLANS / name, repo / "plans" / name)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "2024")
    return repo


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_git_revisions_are_read_in_memory(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(repo / "plans" / "2024.yaml", "due: Quý III/2024", "due: Quý IV/2024")
    monkeypatch.chdir(repo)
    code, printed = run("diff", "HEAD:plans/2024.yaml", "plans/2024.yaml", "--no-body")
    assert code == 1
    assert printed.splitlines() == ["~ Nhiệm vụ lang-nghe, thời hạn: Quý III/2024 → Quý IV/2024"]
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == " M plans/2024.yaml\n"


def test_a_revision_is_read_from_a_subfolder_too(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(repo / "plans" / "2024.yaml", "due: Quý III/2024", "due: Quý IV/2024")
    monkeypatch.chdir(repo / "plans")
    for old in ("HEAD:plans/2024.yaml", "HEAD:./2024.yaml"):
        code, printed = run("diff", old, "2024.yaml", "--no-body")
        assert (code, printed.splitlines()) == (
            1,
            ["~ Nhiệm vụ lang-nghe, thời hạn: Quý III/2024 → Quý IV/2024"],
        )


def test_the_files_a_plan_names_are_read_at_the_same_revision(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(repo / "plans" / "units.yaml", "SCT: Sở Công Thương", "SCT: Sở Công Thương tỉnh")
    monkeypatch.chdir(repo)
    code, printed = run("diff", "HEAD:plans/2024.yaml", "plans/2024.yaml", "--no-body")
    assert code == 1
    assert "Sở Công Thương → Sở Công Thương tỉnh" in printed


def test_a_base_and_a_reported_plan_are_read_at_the_revision_from_a_subfolder(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`extends:` and `reports_on:` are read from git as `units:` is; nothing is written."""
    shutil.copy(PLANS / "bao-cao-2024.yaml", repo / "plans")
    (repo / "plans" / "sua.yaml").write_text("extends: 2024.yaml\nnumber: 27\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "report and revision")
    _edit(repo / "plans" / "2024.yaml", "due: Quý III/2024", "due: Quý IV/2024")
    monkeypatch.chdir(repo / "plans")
    code, printed = run("diff", "HEAD:./sua.yaml", "sua.yaml", "--no-body")
    assert (code, printed.splitlines()) == (
        1,
        ["~ Nhiệm vụ lang-nghe, thời hạn: Quý III/2024 → Quý IV/2024"],
    )
    code, printed = run("diff", "HEAD:plans/bao-cao-2024.yaml", "bao-cao-2024.yaml")
    assert code == 1
    assert "thời hạn: Quý III/2024): hoàn thành. → " in printed
    assert "thời hạn: Quý IV/2024): hoàn thành." in printed
    assert git(repo, "status", "--porcelain", "--untracked-files=all", "--ignored") == (
        " M plans/2024.yaml\n"
    )


def test_a_missing_file_or_revision_is_a_located_error(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, printed = run("diff", "HEAD:plans/none.yaml", "plans/2024.yaml")
    assert (
        code == 2
        and printed.startswith("HEAD:plans/none.yaml:1:1:")
        and "[file-missing]" in printed
    )
    code, printed = run("diff", "nosuch:plans/2024.yaml", "plans/2024.yaml")
    assert code == 2 and "Traceback" not in printed
    assert printed.startswith(
        "nosuch:plans/2024.yaml:1:1: -: phiên bản git 'nosuch' không hợp lệ (invalid git revision)"
    )
    code, printed = run("diff", "--", "--output=x:y", "plans/2024.yaml")
    assert code == 2 and "[git-revision]" in printed
    assert not (repo / "x").exists()


@pytest.mark.parametrize("old, new", [("2024", "2025"), ("2025", "2024")])
def test_the_bundled_plans_diff_as_before(old: str, new: str) -> None:
    printed = run("diff", str(PLANS / f"{old}.yaml"), str(PLANS / f"{new}.yaml"))[1]
    assert printed == (DIFFS / f"{old}-{new}.diff").read_text(encoding="utf-8")


def test_renumbered_tasks_pair_by_id_and_a_moved_task_is_removed_and_added(
    tmp_path: Path,
) -> None:
    lines = run("diff", str(PLANS / "2024.yaml"), str(revised_2024(tmp_path)))[1].splitlines()
    moved = "Đào tạo nghề, phát triển nguồn nhân lực cho khu vực nông thôn"
    kept = "Hỗ trợ đầu tư phát triển sản xuất, nâng cao năng lực cạnh tranh cơ sở CNNT"
    assert f"~ Nội dung: 2. {kept} → 3. {kept}" in lines
    assert f"- Nội dung: 5. {moved}" in lines and f"+ Nội dung: 2. {moved}" in lines
    assert "+ Nội dung: 6. Hỗ trợ cơ sở CNNT chuyển đổi số" in lines
    assert (
        "- Nội dung: 4. Đẩy mạnh xúc tiến thương mại, phát triển thị trường tiêu thụ sản phẩm CNNT"
        in lines
    )
    last = "Ứng dụng khoa học công nghệ, sản xuất sạch hơn và bảo vệ môi trường"
    assert f"~ Nội dung: 6. {last} → 5. {last}" in lines
