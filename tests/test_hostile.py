"""Every command used as a careless or hostile user would (issue 13): each case exits with
the promised code, says where the problem is, and leaves every input byte for byte.

`hostile(...)` runs one command over a small project (a plan naming a units file, a
base plan it extends, the project's own template) and checks the inputs afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import TEST_PLANS, run
from planfiles import plan, write
from plangen.template import BUNDLED

BASE = plan(units="units.yaml")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """plans/{base,p,units}.yaml and templates/ke-hoach.docx; the current folder."""
    plans = tmp_path / "plans"
    plans.mkdir()
    write(plans, yaml.safe_dump(plan()["units"], allow_unicode=True), "units.yaml")
    write(plans, BASE, "base.yaml")
    write(plans, "extends: base.yaml\nnumber: 25\n", "p.yaml")
    (tmp_path / "templates").mkdir()
    shutil.copy(BUNDLED / "ke-hoach.docx", tmp_path / "templates" / "ke-hoach.docx")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def hostile(project: Path, *args: str, code: int = 2, writes: str = "") -> list[str]:
    """Run `plangen ARGS`: the exit `code`, and every file but `writes` unchanged; the
    printed lines."""
    before = {k: v for k, v in files(project).items() if k != writes}
    exit_code, printed = run(*args)
    assert exit_code == code, printed
    assert "Traceback" not in printed
    after = files(project)
    assert {k: v for k, v in after.items() if k in before} == before
    return printed.splitlines()


def first(lines: list[str]) -> tuple[str, str]:
    """Where the first problem is (file:line:col) and its code."""
    where = lines[0].split(": ", 1)[0]
    return where, lines[0].rsplit("[", 1)[1].rstrip("]")


# 1. outputs never overwrite inputs


@pytest.mark.parametrize(
    "target",
    [
        "plans/p.yaml",
        "plans/units.yaml",
        "plans/base.yaml",
        "templates/ke-hoach.docx",
        "plans/../plans/p.yaml",
        "link.docx",
    ],
)
def test_build_never_writes_over_a_file_it_reads(project: Path, target: str) -> None:
    (project / "link.docx").symlink_to(project / "plans" / "units.yaml")
    lines = hostile(project, "build", "plans/p.yaml", "-o", target, "--force")
    assert first(lines) == (f"{target}:1:1", "output-is-input")


def test_diff_never_writes_its_redline_over_a_plan(project: Path) -> None:
    args = ("diff", "plans/base.yaml", "plans/p.yaml", "--docx", "plans/p.yaml", "--force")
    assert first(hostile(project, *args)) == ("plans/p.yaml:1:1", "output-is-input")


def test_new_never_writes_over_the_plan_it_reads(project: Path) -> None:
    args = ("new", "--from", "plans/base.yaml", "--year", "2023", "-o", "plans/units.yaml")
    lines = hostile(project, *args, "--force")
    assert first(lines) == ("plans/units.yaml:1:1", "output-is-input")


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (("build", "plans/p.yaml", "-o"), "out.yaml"),
        (("build", "plans/p.yaml", "-o"), "out"),
        (("diff", "plans/base.yaml", "plans/p.yaml", "--docx"), "red.pdf"),
        (("new", "--from", "plans/base.yaml", "--year", "2023", "-o"), "2023.docx"),
    ],
)
def test_an_output_with_the_wrong_extension_is_refused(
    project: Path, args: tuple[str, ...], target: str
) -> None:
    assert first(hostile(project, *args, target)) == (f"{target}:1:1", "output-suffix")
    assert not (project / target).exists()


def test_build_o_a_folder_with_a_slash_writes_inside_it(project: Path) -> None:
    hostile(project, "build", "plans/p.yaml", "-o", "newdir/", code=0)
    assert (project / "newdir" / "p.docx").is_file()


# 2. special files


@pytest.fixture
def fifo(project: Path) -> Path:
    path = project / "plans" / "fifo.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("units: fifo.yaml", "validate"),
        ("extends: fifo.yaml", "validate"),
        ("extends: base.yaml\nkind: bao-cao\nreports_on: fifo.yaml", "validate"),
        ("extends: base.yaml\ntemplate: fifo.yaml", "build"),
    ],
)
def test_a_fifo_named_by_a_plan_is_refused_not_waited_for(
    project: Path, fifo: Path, text: str, command: str
) -> None:
    write(project / "plans", f"{text}\n", "q.yaml")
    lines = hostile(project, command, "plans/q.yaml")
    assert first(lines) == ("plans/fifo.yaml:1:1", "file-special")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_not_a_plan(project: Path, device: str) -> None:
    assert first(hostile(project, "validate", device)) == (f"{device}:1:1", "file-special")


def test_every_reading_command_refuses_a_fifo(project: Path, fifo: Path) -> None:
    name = "plans/fifo.yaml"
    for args in (
        ("build", name),
        ("diff", name, "plans/p.yaml"),
        ("new", "--from", name, "--year", "2023", "-o", "n.yaml"),
        ("text", name),
        ("build", "plans/p.yaml", "--template", name),
    ):
        assert first(hostile(project, *args)) == (f"{name}:1:1", "file-special"), args


def test_a_fifo_or_device_output_is_never_replaced(project: Path, fifo: Path) -> None:
    (project / "null.docx").symlink_to(os.devnull)
    for target in ("null.docx", "plans/fifo.yaml"):
        lines = hostile(project, "build", "plans/p.yaml", "-o", target, "--force")
        assert first(lines) == (f"{target}:1:1", "output-special")
    assert fifo.is_fifo() and Path(os.devnull).is_char_device()


# 3. no option injection


def test_a_revision_that_looks_like_an_option_is_refused(project: Path) -> None:
    subprocess.run(["git", "init", "-q"], check=True, timeout=60)
    victim = project / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    lines = hostile(project, "diff", "--", f"--output={victim}:x.yaml", "plans/p.yaml")
    assert first(lines)[1] == "git-revision"
    assert victim.read_text(encoding="utf-8") == "keep me\n"


# 4. templates come only from where the user put them


def test_a_templates_folder_in_a_shared_parent_is_not_used(tmp_path: Path) -> None:
    """Only the plan's folder and the one above: a grandparent's templates/ is ignored."""
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "ke-hoach.docx").write_bytes(b"planted")
    source = write(deep, plan())
    code, printed = run("build", str(source), "-o", str(tmp_path / "x.docx"))
    assert code == 0 and "mẫu (template)" not in printed, printed


def test_a_build_says_which_template_it_used(project: Path) -> None:
    lines = hostile(project, "build", "plans/p.yaml", "-o", "out.docx", code=0)
    assert lines[1] == f"  mẫu (template): {project / 'templates' / 'ke-hoach.docx'}"


def test_the_plans_template_field_comes_before_the_project_templates(project: Path) -> None:
    shutil.copy(BUNDLED / "ke-hoach.docx", project / "plans" / "mine.docx")
    write(project / "plans", "extends: base.yaml\ntemplate: mine.docx\n", "q.yaml")
    lines = hostile(project, "build", "plans/q.yaml", "-o", "out.docx", code=0)
    assert lines[1] == "  mẫu (template): plans/mine.docx"


def _template(project: Path, edit: dict[str, bytes]) -> str:
    """A copy of the bundled template with parts replaced; its name."""
    target = project / "bad.docx"
    with zipfile.ZipFile(BUNDLED / "ke-hoach.docx") as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info, edit.get(info.filename, source.read(info.filename)))
    return target.name


def _document(replace: tuple[str, str]) -> bytes:
    with zipfile.ZipFile(BUNDLED / "ke-hoach.docx") as source:
        xml = source.read("word/document.xml").decode()
    assert replace[0] in xml
    return xml.replace(*replace).encode()


@pytest.mark.parametrize(
    ("replace", "code"),
    [
        (("{{ subject }}", '{{ "x" * 10**10 }}'), "template-jinja"),
        (
            ("{{ subject }}", "{% for a in recipient_lines %}{{ a }}{% endfor %}"),
            "template-placeholders",
        ),
        (("{{ subject }}", "{{ subject.__class__ }}"), "template-jinja"),
        (("{{ subject }}", "{% include 'x' %}"), "template-jinja"),
        (("{{ subject }}", "{{ subject }}{{ secret }}"), "template-placeholders"),
        (("{{p body }}", ""), "template-placeholders"),
    ],
)
def test_a_template_is_checked_before_it_is_used(
    project: Path, replace: tuple[str, str], code: str
) -> None:
    name = _template(project, {"word/document.xml": _document(replace)})
    lines = hostile(project, "build", "plans/p.yaml", "--template", name, "-o", "o.docx")
    assert first(lines) == (f"{name}:1:1", code)
    assert not (project / "o.docx").exists()


def test_a_template_that_is_not_a_word_document_is_refused(project: Path) -> None:
    (project / "text.docx").write_text("not a zip", encoding="utf-8")
    with zipfile.ZipFile(project / "other.docx", "w") as other:
        other.writestr("[Content_Types].xml", "<Types/>")
        other.writestr("content.xml", "<office:document/>")
    with zipfile.ZipFile(project / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))
    for name, code in (
        ("text.docx", "docx-invalid"),
        ("other.docx", "template-not-word"),
        ("bomb.docx", "docx-invalid"),
    ):
        lines = hostile(project, "build", "plans/p.yaml", "--template", name, "-o", "o.docx")
        assert first(lines) == (f"{name}:1:1", code), name


def _damaged(source: Path, target: Path) -> Path:
    """A copy of the .docx `source` with one byte of word/document.xml's deflate data
    flipped: the zip's directory still reads, the part does not unpack."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as package:
        info = package.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


def _encrypted(target: Path) -> Path:
    """A zip whose one part says it is encrypted (a password is needed to read it)."""
    with zipfile.ZipFile(target, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
    data = bytearray(target.read_bytes())
    data[6] |= 1  # the local header's flag: encrypted
    data[data.index(b"PK\x01\x02") + 8] |= 1  # the same flag in the central directory
    target.write_bytes(bytes(data))
    return target


def test_a_damaged_or_encrypted_word_file_is_a_user_error_in_every_command(
    project: Path,
) -> None:
    """A part that does not unpack (broken deflate data, a bad CRC, a password) is found
    when the file is read, whoever reads it next."""
    damaged = _damaged(BUNDLED / "ke-hoach.docx", project / "damaged.docx")
    encrypted = _encrypted(project / "encrypted.docx")
    for name in (damaged.name, encrypted.name):
        args = ("build", "plans/p.yaml", "--template", name, "-o", "o.docx")
        assert first(hostile(project, *args)) == (f"{name}:1:1", "docx-invalid"), name
        assert first(hostile(project, "text", name)) == (f"{name}:1:1", "docx-invalid"), name
    assert not (project / "o.docx").exists()


def test_a_planted_template_cannot_run_code(project: Path) -> None:
    """The sandbox refuses before rendering: nothing of Python is reachable."""
    evil = "{{ subject }}{{ cycler.__init__.__globals__.os.system('touch pwned') }}"
    name = _template(project, {"word/document.xml": _document(("{{ subject }}", evil))})
    hostile(project, "build", "plans/p.yaml", "--template", name, "-o", "o.docx")
    assert not (project / "pwned").exists()


def test_the_installed_command_refuses_a_template_bomb_quickly(project: Path) -> None:
    name = _template(
        project, {"word/document.xml": _document(("{{ subject }}", '{{ "x" * 10**10 }}'))}
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from plangen.cli import main; main()",
            "build",
            "plans/p.yaml",
            "--template",
            name,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "[template-jinja]" in done.stderr


@pytest.mark.parametrize("name", ["minimal.yaml", "qd-attached.yaml"])
def test_the_bundled_templates_pass_their_own_check(name: str, tmp_path: Path) -> None:
    assert run("build", str(TEST_PLANS / name), "-o", str(tmp_path / "a.docx"))[0] == 0


# 5. one output per plan


def test_two_plans_of_one_name_into_one_folder_are_refused_naming_both(project: Path) -> None:
    for folder in ("a", "b"):
        (project / folder).mkdir()
        write(project / folder, plan(), "p.yaml")
    lines = hostile(project, "build", "a/p.yaml", "b/p.yaml", "-o", "out")
    where, code = first([line for line in lines if "[" in line])
    assert (where, code) == ("b/p.yaml:1:1", "output-collision")
    assert any("out/p.docx" in line and "a/p.yaml" in line for line in lines), lines
    assert lines[-1] == "plangen: đã ghi 0, không đổi 0, lỗi 1 (built 0, unchanged 0, failed 1)"
    assert not (project / "out").exists()


# 6. the skip-unchanged stamp is not trust


def test_an_output_edited_or_damaged_after_the_build_is_rebuilt(project: Path) -> None:
    assert hostile(project, "build", "plans/p.yaml", "-o", "o.docx", code=0, writes="o.docx")[
        0
    ].endswith("(đã ghi; written)")
    assert hostile(project, "build", "plans/p.yaml", "-o", "o.docx", code=0, writes="o.docx")[
        0
    ].endswith("(không đổi; unchanged)")
    good = (project / "o.docx").read_bytes()
    edited = project / "edited.docx"
    with zipfile.ZipFile(project / "o.docx") as source, zipfile.ZipFile(edited, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace("Công nghiệp".encode(), "Nông nghiệp".encode())
            out.writestr(info, data)
    flipped = _damaged(project / "o.docx", project / "flipped.docx").read_bytes()
    for damage in (edited.read_bytes(), good[: len(good) // 2], flipped, good + b"junk"):
        (project / "o.docx").write_bytes(damage)
        lines = hostile(project, "build", "plans/p.yaml", "-o", "o.docx", code=0, writes="o.docx")
        assert lines[0].endswith("(đã ghi; written)")
        assert (project / "o.docx").read_bytes() == good


# 7. no silent wrong values from YAML 1.1; 8. text that is not what it looks like


@pytest.mark.parametrize(
    ("line", "typed", "code"),
    [
        ("number: 25", "number: 010", "yaml-number-form"),
        ("number: 25", "number: 1:30", "yaml-number-form"),
        ("number: 25", "number: 0x1F", "yaml-number-form"),
        ("number: 25", "number: true", "type"),
        ("number: 25", "number: 1" + "0" * 5000, "yaml-number-long"),
        ("number: 25", "number: !include secret.yaml", "yaml-tag"),
        ("number: 25", "number: &a [*a]", "yaml-alias-cycle"),
        ("number: 25", "date: 1707091200", "type"),
        ("number: 25", "number: 25\nyear: -0.0", "yaml-negative-zero"),
        ("number: 25", "number: 25\nsubject: Kế hoạch \u202eabc", "text-bidi"),
        ("number: 25", "number: 25\nsubject: Kế\u200bhoạch", "text-invisible"),
        ("number: 25", "number: 25\nsubject: Kế hoạch \ufdd0", "text-nonchar"),
        ("number: 25", "number: 25\nsubject: Kế hoạch \x01", "control-char"),
    ],
)
def test_a_value_yaml_11_or_unicode_would_misread_is_refused_where_it_is(
    project: Path, line: str, typed: str, code: str
) -> None:
    overlay = project / "plans" / "p.yaml"
    overlay.write_text(overlay.read_text(encoding="utf-8").replace(line, typed), encoding="utf-8")
    lines = hostile(project, "build", "plans/p.yaml", "-o", "o.docx")
    row = typed.count("\n") + 2  # after `extends:`
    column = typed.splitlines()[-1].index(":") + 3
    where, found = first(lines)
    assert found == code, lines
    assert where.startswith(f"plans/p.yaml:{row}:")
    if code not in ("control-char", "text-bidi", "text-invisible", "text-nonchar"):
        assert where == f"plans/p.yaml:{row}:{column}"
    assert not (project / "o.docx").exists()


@pytest.mark.parametrize(
    ("due", "code"), [("0", "greater_than_equal"), ("99999", "less_than_equal")]
)
def test_a_deadline_year_out_of_range_is_one_located_error(
    project: Path, due: str, code: str
) -> None:
    """`due:` is a year or a text: a number out of range is not also 'not a text'."""
    base = project / "plans" / "base.yaml"
    text = base.read_text(encoding="utf-8").replace("due: Quý II/2022", f"due: {due}")
    base.write_text(text, encoding="utf-8")
    row = next(i for i, line in enumerate(text.splitlines(), 1) if "due:" in line)
    column = text.splitlines()[row - 1].index("due:") + 6
    lines = hostile(project, "validate", "plans/base.yaml")
    assert first(lines) == (f"plans/base.yaml:{row}:{column}", code)
    assert lines[1:] == ["plangen: 1 lỗi (1 error(s))"]


def test_a_raw_control_byte_is_reported_at_its_line_and_column(project: Path) -> None:
    (project / "plans" / "p.yaml").write_text("extends: base.yaml\nsubject: Ủy\x07ban\n")
    assert first(hostile(project, "validate", "plans/p.yaml")) == (
        "plans/p.yaml:2:12",
        "control-char",
    )


# 9. every user mistake is exit 2, located


def test_a_symlink_loop_and_a_long_extends_chain_are_user_errors(project: Path) -> None:
    (project / "plans" / "loop.yaml").symlink_to(project / "plans" / "loop.yaml")
    assert first(hostile(project, "validate", "plans/loop.yaml")) == (
        "plans/loop.yaml:1:1",
        "file-unreadable",
    )
    for n in range(1, 40):
        write(
            project / "plans",
            f"extends: c{n - 1}.yaml\n" if n > 1 else "extends: base.yaml\n",
            f"c{n}.yaml",
        )
    where, code = first(hostile(project, "validate", "plans/c39.yaml"))
    assert code == "extends-too-long" and where.endswith(":1:10")


def test_a_corrupt_or_foreign_file_given_to_text_is_a_user_error(project: Path) -> None:
    (project / "x.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with zipfile.ZipFile(project / "odt.docx", "w") as other:
        other.writestr("content.xml", "<office:document/>")
    assert first(hostile(project, "text", "x.docx")) == ("x.docx:1:1", "docx-invalid")
    assert first(hostile(project, "text", "odt.docx")) == ("odt.docx:1:1", "docx-invalid")
    assert first(hostile(project, "text", "nothing.docx")) == ("nothing.docx:1:1", "file-missing")


def test_a_write_error_in_new_and_diff_is_a_user_error(project: Path) -> None:
    (project / "blocker").write_text("a file, not a folder", encoding="utf-8")
    args = ("new", "--from", "plans/base.yaml", "--year", "2023", "-o", "blocker/n.yaml")
    assert first(hostile(project, *args)) == ("blocker/n.yaml:1:1", "output-unwritable")
    args = ("diff", "plans/base.yaml", "plans/p.yaml", "--docx", "blocker/r.docx")
    assert first(hostile(project, *args)) == ("blocker/r.docx:1:1", "output-unwritable")


def test_a_folder_build_names_the_plan_an_internal_error_hit_and_reports_the_rest(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plangen import render

    real = render.render

    def broken(context: object, *args: object, **kwargs: object) -> bytes:
        if "25" in getattr(context, "number_line", ""):
            raise RuntimeError("boom")
        return real(context, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "render", broken)
    write(project / "plans", "extends: base.yaml\ndate: 1999-01-01\n", "q.yaml")
    lines = hostile(project, "build", "plans", "-o", "out/", code=3)
    bug = "plans/p.yaml: lỗi nội bộ (internal error): RuntimeError: boom"
    assert any(line.startswith(bug) for line in lines), lines
    assert any(line.startswith("plans/q.yaml:2:7: date:") for line in lines), lines
    assert (project / "out" / "base.docx").is_file()


# 11. nothing left behind (SIGTERM: tests/test_output.py)


def test_a_rebuild_removes_what_a_killed_build_left_even_with_nothing_to_write(
    project: Path,
) -> None:
    hostile(project, "build", "plans/p.yaml", "-o", "out/p.docx", code=0, writes="out/p.docx")
    stale, fresh = project / "out/.p.docx.k3j_9x0q.tmp", project / "out/.p.docx.zzzzzzzz.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"half a document")
    os.utime(stale, (1e9, 1e9))  # 2001: long dead
    inputs = {k: v for k, v in files(project).items() if not k.startswith("out/")}
    assert run("build", "plans/p.yaml", "-o", "out/p.docx") == (
        0,
        "out/p.docx (không đổi; unchanged)\n"
        f"  mẫu (template): {project / 'templates' / 'ke-hoach.docx'}\n",
    )
    assert {k: v for k, v in files(project).items() if not k.startswith("out/")} == inputs
    assert sorted(p.name for p in (project / "out").iterdir()) == [fresh.name, "p.docx"]


# 10. user text is text everywhere; 12. the command line


def test_an_author_cannot_inject_xml_into_the_redline(project: Path) -> None:
    args = ("diff", "plans/base.yaml", "plans/p.yaml", "--docx", "r.docx")
    hostile(project, *args, "--author", 'x" w:foo="y', code=1, writes="r.docx")
    with zipfile.ZipFile(project / "r.docx") as package:
        xml = package.read("word/document.xml").decode()
    assert 'w:author="x&quot; w:foo=&quot;y"' in xml and 'w:foo="y"' not in xml
    refused = hostile(project, *args, "--author", "a\x07b")
    said = "có ký tự điều khiển U+0007 không được phép trong văn bản (control character)"
    assert any("--author" in line and said in line for line in refused), refused


def test_an_empty_path_is_a_mistake_not_the_current_folder(project: Path) -> None:
    lines = hostile(project, "build", "")
    assert any("an empty path" in line for line in lines)
    assert not (project / "output").exists()


def test_diff_into_a_closed_pipe_ends_quietly(project: Path) -> None:
    script = "from plangen.cli import main; main()"
    command = f"{sys.executable} -c '{script}' diff plans/base.yaml plans/p.yaml | head -c 1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    assert done.returncode in (1, 141), done.stderr
