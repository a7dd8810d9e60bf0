"""``translate glossary check|match|import|export`` through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from translate.cli.glossary import app
from translate.glossary import load_glossary

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

GOOD = "name: desk\nentries:\n  - {english: Shoigu, arabic: [شويغو, شويجو], type: person}\n"
BAD = (
    "entries:\n"
    "  - {english: Shoigu, arabic: [شويغو], colour: red}\n"
    "  - {english: Shoygu, arabic: [شويغو]}\n"
    "  - {english: X, arabic: ['']}\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_accepts_a_good_file(runner: CliRunner, tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", GOOD)
    # Alone: its Shoigu entry replaces the shipped glossary's, which is a warning.
    result = runner.invoke(app, ["check", "--no-default-glossary", str(good)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "1 entries: 0 error(s), 0 warning(s)" in result.stderr


def test_check_lists_every_problem_with_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", BAD)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert any(f"{path}:2: error: unknown entry key 'colour'" in line for line in lines)
    assert any(f"{path}:3: error:" in line and "two different renderings" in line for line in lines)
    assert any(f"{path}:4: error: empty Arabic form" in line for line in lines)
    assert "3 error(s)" in result.stderr


def test_check_reports_unreadable_files_without_stopping(runner: CliRunner, tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.yaml", "entries: [\n")
    good = write(tmp_path, "good.yaml", GOOD)
    missing = str(tmp_path / "missing.yaml")
    result = runner.invoke(app, ["check", "--no-default-glossary", str(broken), missing, str(good)])
    assert result.exit_code == 2
    assert f"{broken}:2: error: malformed YAML" in result.stdout
    assert "missing.yaml: error: glossary file not found" in result.stdout
    assert str(good) not in result.stdout


def test_check_warns_about_overrides_and_strict_fails(runner: CliRunner, tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", GOOD)
    second = write(tmp_path, "b.yaml", "entries:\n  - {english: Shoygu, arabic: [شويغو]}\n")
    result = runner.invoke(app, ["check", str(first), str(second)])
    assert result.exit_code == 0
    assert "warning: entry 'Shoygu' overrides entry 'Shoigu'" in result.stdout
    assert runner.invoke(app, ["check", "--strict", str(first), str(second)]).exit_code == 2


def test_check_reports_overrides_of_the_default_glossary(runner: CliRunner, tmp_path: Path) -> None:
    # Every translation loads the shipped glossary first, so a file that replaces one of
    # its entries gets the same warning from check as it does at use.
    good = write(tmp_path, "good.yaml", GOOD)
    result = runner.invoke(app, ["check", str(good)])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{good}:3: warning: entry 'Shoigu' overrides entry 'Shoigu' (")
    assert "default.yaml:" in line
    assert "0 error(s), 1 warning(s)" in result.stderr
    assert runner.invoke(app, ["check", "--strict", str(good)]).exit_code == 2


def test_check_counts_an_override_between_files_once(runner: CliRunner, tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", "entries:\n  - {english: Zed, arabic: [زيدون]}\n")
    second = write(tmp_path, "b.yaml", "entries:\n  - {english: Zedd, arabic: [زيدون]}\n")
    result = runner.invoke(app, ["check", str(first), str(second)])
    assert result.stdout.count("overrides entry") == 1, result.stdout
    assert "1 warning(s)" in result.stderr


def test_check_refuses_a_number_as_english(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "n.yaml", "entries:\n  - english: 123\n    arabic: [مئة]\n")
    result = runner.invoke(app, ["check", "--no-default-glossary", str(path)])
    assert result.exit_code == 2
    assert f"{path}:2: error: 'english' must be text, not int 123" in result.stdout


def test_match_prints_each_warning_once_with_one_prefix(runner: CliRunner, tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", GOOD)
    result = runner.invoke(app, ["match", str(good)], input="شويغو\n")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "overrides entry" in line]
    assert len(warnings) == 1, result.stderr
    assert warnings[0].startswith(f"translate: warning: {good}:3: entry 'Shoigu' overrides")
    assert "WARNING" not in result.stderr and warnings[0].count("warning:") == 1


def test_check_the_default_glossary(runner: CliRunner) -> None:
    from translate.glossary import default_glossary_path

    result = runner.invoke(app, ["check", str(default_glossary_path())])
    assert result.exit_code == 0, result.stdout
    assert "0 error(s), 0 warning(s)" in result.stderr


def test_match_shows_where_entries_match(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "desk.yaml", GOOD)
    text = "قال وزير الدفاع\nوشويقو في موسكو\n"
    result = runner.invoke(app, ["match", str(path), "--no-default-glossary"], input=text)
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    assert line.split("\t")[:4] == ["2:0-6", "وشويقو", "و+ (and)", "Shoigu"]
    assert "variant of شويغو" in line and f"{path}:3" in line
    assert "1 match(es)" in result.stderr


def test_match_json_and_default_glossary(runner: CliRunner) -> None:
    result = runner.invoke(app, ["match", "--json"], input="التقى بوتين بالرئيس في موسكو\n")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["arabic"], r["rendering"], r["line"]) for r in records] == [
        ("بوتين", "Putin", 1),
        ("موسكو", "Moscow", 1),
    ]
    assert set(records[0]) >= {"start", "end", "clitic", "clitic_english", "article", "entry"}


def test_match_refuses_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["match", "--no-default-glossary"], input="x\n")
    assert result.exit_code == 2 and "give a glossary file" in result.stderr
    bad = runner.invoke(app, ["match"], input=b"\xd8\xb4\nok\n\xff\xfe\n")
    assert bad.exit_code == 2 and "stdin line 3: not valid UTF-8" in bad.stderr
    broken = write(tmp_path, "broken.yaml", "entries:\n  - {english: X}\n")
    result = runner.invoke(app, ["match", str(broken)], input="x\n")
    assert result.exit_code == 2 and f"{broken}:2" in result.stderr
    assert "Traceback" not in result.output


TERMS = (
    "english\tarabic\n"
    "CDC\tمراكز مكافحة الأمراض والوقاية منها (CDC)\n"
    "CDC\tمركز مكافحة الأمراض والوقاية منها (CDC)\n"
    "flu\tإنفلونزا\n"
    "influenza\tإنفلونزا\n"
    "cough\tسعال\n"
    "a row with three\tcolumns\there\n"
    "empty\t\n"
)


def test_import_groups_by_english_and_splits_glosses(runner: CliRunner, tmp_path: Path) -> None:
    terms = write(tmp_path, "terms.tsv", TERMS)
    out = tmp_path / "terms.yaml"
    result = runner.invoke(app, ["import", str(terms), "-o", str(out)])
    assert result.exit_code == 0, result.output
    glossary = load_glossary(out)
    by_english = {e.english: e for e in glossary.entries}
    assert set(by_english) == {"CDC", "flu", "cough"}
    assert by_english["CDC"].forms == (
        "مراكز مكافحة الأمراض والوقاية منها (CDC)",
        "مراكز مكافحة الأمراض والوقاية منها",
        "مركز مكافحة الأمراض والوقاية منها (CDC)",
        "مركز مكافحة الأمراض والوقاية منها",
    )
    assert "gloss in source list: CDC" in by_english["CDC"].note
    assert "also rendered as: influenza" in by_english["flu"].note
    assert all(e.type == "term" and not e.variants for e in glossary.entries)
    assert f"{terms}:7: expected 2 columns" in result.stderr
    assert f"{terms}:8: empty arabic cell" in result.stderr
    assert "'influenza' dropped" in result.stderr
    # The cell with its gloss matches whole, so "(CDC)" is not translated a second time.
    (match,) = glossary.matcher().find("أعلنت مراكز مكافحة الأمراض والوقاية منها (CDC) اليوم")
    assert match.surface.endswith("(CDC)") and match.rendering == "CDC"


def test_import_csv_with_quotes_and_type(runner: CliRunner, tmp_path: Path) -> None:
    terms = write(tmp_path, "names.csv", 'en,ar\n"Putin, Vladimir",بوتين\nMoscow,موسكو\n')
    out = tmp_path / "names.yaml"
    result = runner.invoke(app, ["import", str(terms), "-o", str(out), "--type", "person"])
    assert result.exit_code == 0, result.output
    entries = load_glossary(out).entries
    assert [(e.english, e.forms, e.type, e.variants) for e in entries] == [
        ("Putin, Vladimir", ("بوتين",), "person", True),
        ("Moscow", ("موسكو",), "person", True),
    ]


def test_import_refuses_bad_options_and_files(runner: CliRunner, tmp_path: Path) -> None:
    terms = write(tmp_path, "t.tsv", "flu\tإنفلونزا\n")
    result = runner.invoke(app, ["import", str(terms), "-o", str(terms)])
    assert result.exit_code == 2 and "overwrite" in result.stderr
    result = runner.invoke(
        app, ["import", str(terms), "-o", str(tmp_path / "o.yaml"), "--type", "x"]
    )
    assert result.exit_code == 2
    latin1 = tmp_path / "latin1.tsv"
    latin1.write_bytes("caf\xe9\tقهوة\n".encode("latin-1", errors="replace").replace(b"?", b"x"))
    result = runner.invoke(app, ["import", str(latin1), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 2 and "not valid UTF-8" in result.stderr
    assert not (tmp_path / "o.yaml").exists()


@pytest.mark.parametrize(("suffix", "separator"), [(".csv", ","), (".tsv", "\t")])
def test_export_then_import_round_trips(
    runner: CliRunner, tmp_path: Path, suffix: str, separator: str
) -> None:
    source = write(
        tmp_path,
        "src.yaml",
        "entries:\n"
        "  - {english: 'Sergei Shoigu, minister', arabic: [سيرغي شويغو, سيرجي شويغو]}\n"
        "  - {english: BRICS, arabic: [بريكس]}\n"
        "  - {arabic: [COVID-19], keep: true}\n",
    )
    table = tmp_path / f"out{suffix}"
    result = runner.invoke(app, ["export", str(source), "-o", str(table), "--header"])
    assert result.exit_code == 0, result.output
    rows = table.read_text(encoding="utf-8").splitlines()
    assert rows[0] == f"en{separator}ar" and len(rows) == 5
    assert rows[-1] == f"COVID-19{separator}COVID-19"
    back = tmp_path / "back.yaml"
    assert runner.invoke(app, ["import", str(table), "-o", str(back)]).exit_code == 0
    pairs = {(e.english, e.forms) for e in load_glossary(back).entries}
    assert pairs == {
        ("Sergei Shoigu, minister", ("سيرغي شويغو", "سيرجي شويغو")),
        ("BRICS", ("بريكس",)),
        ("COVID-19", ("COVID-19",)),
    }


def test_export_refuses_an_invalid_glossary(runner: CliRunner, tmp_path: Path) -> None:
    source = write(tmp_path, "bad.yaml", BAD)
    result = runner.invoke(app, ["export", str(source), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2 and "invalid glossary" in result.stderr
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.skipif(not (SHARED / "tico19-terms.tsv").is_file(), reason="no ../shared/data")
def test_import_the_tico19_term_list(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "tico19.yaml"
    result = runner.invoke(app, ["import", str(SHARED / "tico19-terms.tsv"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert document["name"] == "tico19-terms"
    glossary = load_glossary(out)
    english = {e.english for e in glossary.entries}
    assert {"CDC", "WHO", "COVID-19", "corona virus"} <= english
    corona = next(e for e in glossary.entries if e.english == "corona virus")
    assert "coronavirus" in corona.note and "coronavirus" not in english
    cdc = next(e for e in glossary.entries if e.english == "CDC")
    assert "مراكز مكافحة الأمراض والوقاية منها" in cdc.forms
    assert "مراكز مكافحة الأمراض والوقاية منها (CDC)" in cdc.forms
    assert all(len(e.forms) >= 1 for e in glossary.entries)
    # 671 rows; 37 English terms share forms with others and are noted, not duplicated.
    assert 550 <= len(glossary.entries) < 671
