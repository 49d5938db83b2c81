"""Inline suppression with a reason, and the findings about suppressions themselves (CF190-CF192)."""

from __future__ import annotations

from .helpers import cli, note


def run(cl, data: str, front: str = "", select: str = "CF19"):
    from casefile.lint.engine import lint

    (cl / "clients/c-0001/notes/s.md").write_text(note(data=data, front=front), encoding="utf-8")
    r = lint(cl, ["clients/c-0001/notes/s.md"], select=[select], cwd=cl)
    return [(f.code, f.line, f.message) for f in r.findings], r


L = 21  # the first line of the Data text in helpers.note()


def test_disable_next_line(cl, rules):
    found, r = run(cl, "<!-- casefile: disable-next-line CF199 -- quoting the client -->\nzebra\nzebra")
    assert found == [("CF199", L + 2, "the word zebra")] and r.suppressed == 1


def test_block_and_file_and_names_and_prefixes(cl, rules):
    found, _ = run(cl, "zebra\n<!-- casefile: disable test-zebra -- a letter -->\nzebra\nzebra\n"
                       "<!-- casefile: enable test-zebra -->\nzebra")
    assert [(c, line) for c, line, _ in found] == [("CF199", L), ("CF199", L + 5)]
    found, r = run(cl, "zebra\n<!-- casefile: disable-file CF19 -- interpreter's transcript -->\nzebra")
    assert found == [] and r.suppressed == 2
    found, _ = run(cl, "<!-- casefile: disable CF199 -- to the end -->\nzebra\n\nzebra")
    assert found == []


def test_front_matter_comment(cl, rules, lint):
    text = note(front="goals: [g09]")
    path = cl / "clients/c-0001/notes/s.md"
    path.write_text(text, encoding="utf-8")
    assert [f.code for f in lint(cl, select=["CF198"]).findings] == ["CF198"]
    path.write_text(text.replace("goals: [g09]", "# casefile: disable-next-line CF198 -- goal being written\n"
                                                 "goals: [g09]"), encoding="utf-8")
    r = lint(cl, select=["CF198"])
    assert r.findings == [] and r.suppressed == 1


def test_without_reason_unused_and_invalid(cl, rules):
    found, _ = run(cl, "<!-- casefile: disable-next-line CF199 -->\nzebra")
    assert found == [("CF191", L, "suppression without a reason")]
    found, _ = run(cl, "<!-- casefile: disable-next-line CF199 -- old -->\nno animals here")
    assert found == [("CF190", L, "unused suppression: no CF199 finding on the next line")]
    found, _ = run(cl, "<!-- casefile: disable-nextline CF199 -- x -->\nzebra")
    assert [(c, m) for c, _, m in found] == [
        ("CF192", "unknown suppression 'disable-nextline'; did you mean disable-next-line?"),
        ("CF199", "the word zebra")]
    found, _ = run(cl, "<!-- casefile: disable-next-line CF9999 -- x -->\nzebra")
    assert [c for c, _, _ in found] == ["CF192", "CF199"]
    found, _ = run(cl, "<!-- casefile: enable CF199 -->\nzebra")
    assert [(c, m) for c, _, m in found][0] == ("CF192", "`enable CF199` has no `disable CF199` before it")


def test_suppressions_of_rules_that_did_not_run_are_not_unused(cl, rules):
    found, _ = run(cl, "<!-- casefile: disable-next-line CF301 -- the client's words -->\nfine")
    assert found == []  # CF301 was not selected: the comment may still be needed


def test_suppression_examples_in_code_fences_are_ignored(cl, rules):
    found, _ = run(cl, "```\n<!-- casefile: disable-next-line CF199 -->\n```\nzebra")
    assert [c for c, _, _ in found] == ["CF199"]


def test_cli_reports_the_reasonless_suppression(cl, rules):
    (cl / "clients/c-0001/notes/s.md").write_text(note(data="<!-- casefile: disable-next-line CF199 -->\nzebra"))
    r = cli(cl, "lint", "-q")  # (and the real rules do not read the comment as prose: no acronym CF199)
    assert r.exit_code == 1
    assert r.stdout == ("clients/c-0001/notes/s.md:21:1: CF191 suppression without a reason (suggestion: add the "
                        "reason after ' -- ': casefile: disable-next-line CF199 -- why)\n")


def test_the_suppression_rules_explain_themselves_and_their_examples_hold():
    from casefile.entry import parse_entry
    from casefile.lint.api import LintContext
    from casefile.lint.engine import load_rules
    import datetime as dt

    reg = load_rules()
    ctx = LintContext(settings={}, config=None, root=None, now=dt.datetime(2026, 11, 22, 12))
    for code in ("CF190", "CF191", "CF192"):
        r = reg[code]
        bad = list(r.check(parse_entry(r.bad, "clients/c-0001/notes/x.md"), ctx))
        good = list(r.check(parse_entry(r.good, "clients/c-0001/notes/x.md"), ctx))
        assert bad and not good, code


def test_comments_that_look_like_suppressions_but_are_not_read_are_cf192(cl, rules):
    found, _ = run(cl, "<!-- casefile: disable-next-line CF199\n -- quoting the client -->\nzebra")
    assert [(c, line) for c, line, _ in found] == [("CF192", L), ("CF199", L + 2)]
    assert "spans more than one line" in found[0][2]
    found, _ = run(cl, "<!-- casefile: disable-line CF199 -- quoting -->\nzebra")
    assert found[0][:2] == ("CF192", L) and "did you mean disable-next-line" in found[0][2]
    found, _ = run(cl, "<!-- casefile: disable-next-line CF190 -- quoting -->\nzebra")
    assert found[0][0] == "CF192" and "CF190 cannot be suppressed" in found[0][2]


def test_trailing_front_matter_comment_is_cf192(cl, rules, lint):
    path = cl / "clients/c-0001/notes/s.md"
    path.write_text(note(front="goals: [g09]  # casefile: disable-next-line CF198 -- being written"),
                    encoding="utf-8")
    r = lint(cl, select=["CF19"])
    assert sorted(f.code for f in r.findings) == ["CF192", "CF198"]
    assert any("own line" in f.message for f in r.findings if f.code == "CF192")


def test_capitals_and_reason_without_spaces_are_read():
    from casefile.lint.suppress import mask, parse_directives

    d, = parse_directives("x\n<!--casefile:disable-next-line CF302--no spaces-->\n")
    assert (d.action, d.codes, d.reason) == ("disable-next-line", ("CF302",), "no spaces")
    d, = parse_directives("x\n<!-- CASEFILE: disable-next-line CF302 -- shouting -->\n")
    assert (d.action, d.codes, d.reason) == ("disable-next-line", ("CF302",), "shouting")


def test_comments_are_always_blanked_out_before_the_rules_run():
    from casefile.lint.suppress import mask

    for text in ("a <!--casefile:disable-next-line CF302--no spaces--> b\nc",
                 "a <!-- casefile: disable-next-line CF302\n -- over two lines --> b\nc",
                 "a <!-- CASEFILE: disable CF302 -- x --> b\nc"):
        m = mask(text)
        assert len(m) == len(text) and m.count("\n") == text.count("\n")
        assert "CF302" not in m and m.startswith("a ") and m.endswith(" b\nc")
