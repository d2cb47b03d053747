"""Fault injection through the CLI: the cases of issue 10 and a few more.

Each test asserts what a user relies on: the exit code, a single ``error:`` line and no
traceback, inputs byte-identical afterwards, and every good record present exactly once.
Real processes are used where the fault needs them (concurrent runs, killed workers, a
closed pipe, a full file); faults inside worker processes are injected with a
``sitecustomize`` module on PYTHONPATH, which every process of the run imports at start.
Most runs use ``summarize --summarizer lead``, which loads no model, so they take well under
a second each.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LEAD = ["summarize", "--summarizer", "lead"]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "eval/data/dev.jsonl").read_text().splitlines()]
    return [r["text"] for r in rows[:8]]


@pytest.fixture()
def corpus(tmp_path, texts) -> Path:
    """24 English articles in a JSONL file, ids a000-a023."""
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{k:03d}", "text": texts[k % len(texts)]}) + "\n"
                            for k in range(24)))
    return path


def nlp(*args, cwd: Path, env: dict | None = None, timeout: float = 180, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nlp", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})}, **kw)


def start(*args, cwd: Path, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "nlp", *map(str, args)], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})})


def one_error(code: int, stderr: str, returncode: int, *phrases: str) -> None:
    """Exit ``code``, stderr exactly one ``error:`` line holding ``phrases``, no traceback."""
    assert returncode == code, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr
    for phrase in phrases:
        assert phrase in lines[0], lines[0]


def ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text().splitlines()]


def snapshot(*paths: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in paths}


def inject(tmp_path: Path, body: str) -> dict:
    """Environment that makes every process of a run import ``body`` at start."""
    folder = tmp_path / "inject"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(textwrap.dedent(body))
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))}


#: analyze_batch wrapped where the run and the workers call it: {fault} first, when {who}.
WRAP = """
    import multiprocessing, os, signal, time
    import nlp.batch.analyze, nlp.batch.run
    original = nlp.batch.analyze.analyze_batch
    def analyze_batch(batch, analyzer):
        if {who}:
            {fault}
        return original(batch, analyzer)
    nlp.batch.analyze.analyze_batch = nlp.batch.run.analyze_batch = analyze_batch
"""
IN_WORKER = "multiprocessing.parent_process() is not None"


# -- case 1: a model that cannot load ends a --workers run once --------------------------------
def test_a_model_that_cannot_load_fails_a_worker_run_once(tmp_path, corpus):
    started = time.perf_counter()
    result = nlp(*LEAD[:1], corpus, "--out", "x.jsonl", "-s", "seq2seq", "-m", "bogus/x", "--workers", "2",
                 cwd=tmp_path, timeout=60)
    one_error(1, result.stderr, result.returncode, "bogus/x", "not cached")
    assert time.perf_counter() - started < 30 and not (tmp_path / "x.jsonl").exists()


@pytest.mark.slow
def test_models_that_die_loading_in_workers_end_the_run(tmp_path, corpus):
    bad = tmp_path / "not-a-model"
    bad.mkdir()
    (bad / "config.json").write_text('{"model_type": "bart"}')  # passes the parent's check, fails to load
    result = nlp("summarize", corpus, "--out", "x.jsonl", "-s", "seq2seq", "-m", bad, "--workers", "2",
                 cwd=tmp_path, timeout=120)
    one_error(1, result.stderr, result.returncode, "cannot load", "model.safetensors")
    killed = inject(tmp_path, """
        import multiprocessing, os, signal
        import nlp.pipeline
        original = nlp.pipeline.Analyzer.__init__
        def init(self, *args, **kwargs):
            if multiprocessing.parent_process() is not None:
                os.kill(os.getpid(), signal.SIGKILL)
            original(self, *args, **kwargs)
        nlp.pipeline.Analyzer.__init__ = init
    """)
    result = nlp(*LEAD, corpus, "--out", "y.jsonl", "--workers", "2", cwd=tmp_path, env=killed, timeout=120)
    one_error(1, result.stderr, result.returncode, "died while loading the models", "SIGKILL")
    assert not (tmp_path / "x.jsonl").exists() and not (tmp_path / "y.jsonl").exists()


def test_device_the_machine_lacks_fails_before_workers_start(tmp_path, corpus, tiny_bart):
    result = nlp("summarize", corpus, "--out", "x.jsonl", "-s", "seq2seq", "-m", tiny_bart, "--device", "mps",
                 "--workers", "2", cwd=tmp_path, timeout=120)
    one_error(2, result.stderr, result.returncode, "--device mps")


# -- case 2: a worker killed mid-run ----------------------------------------------------------
def test_an_article_that_kills_its_worker_is_retried_once_then_set_aside(tmp_path, corpus, texts):
    rows = corpus.read_text().splitlines()
    rows.insert(5, json.dumps({"id": "poison", "text": texts[0] + "\n\nPOISON"}))
    corpus.write_text("\n".join(rows) + "\n")
    before = snapshot(corpus)
    env = inject(tmp_path, WRAP.format(who=IN_WORKER + " and any('POISON' in t for t in batch['text'])",
                                       fault="os.kill(os.getpid(), signal.SIGKILL)"))
    result = nlp(*LEAD, corpus, "--out", "out.jsonl", "--workers", "2", cwd=tmp_path, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "a worker died (killed by SIGKILL" in result.stderr
    assert sorted(ids(tmp_path / "out.jsonl")) == [f"a{k:03d}" for k in range(24)]
    [error] = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert error["id"] == "poison" and "also when retried" in error["error"]
    assert snapshot(corpus) == before


@pytest.mark.slow
def test_kill_9_of_a_worker_from_outside_loses_nothing(tmp_path, corpus):
    corpus.write_text(corpus.read_text().replace('"a0', '"b0') + corpus.read_text() * 2)  # 72 rows, 4.5 chunks
    env = inject(tmp_path, WRAP.format(who=IN_WORKER, fault="time.sleep(0.08 * len(batch['id']))"))
    proc = start(*LEAD, corpus, "--out", "out.jsonl", "--workers", "2", cwd=tmp_path, env=env)
    out = tmp_path / "out.jsonl"
    deadline = time.time() + 60
    while time.time() < deadline and not (out.exists() and out.stat().st_size):
        time.sleep(0.05)
    workers = [pid for pid in _children(proc.pid) if "spawn_main" in _cmdline(pid)]
    assert workers, "no worker to kill"
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0 and "a worker died (killed by SIGKILL" in stderr, stderr
    assert "Traceback" not in stderr
    expected = [f"{p}{k:03d}" for p in "ab" for k in range(24)]
    assert sorted(ids(out)) == sorted(expected + [f"a{k:03d}#2" for k in range(24)])


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


# -- case 3: concurrent runs on one --out; resuming keeps no bad line silently ----------------
def test_a_second_run_on_the_same_out_is_refused_and_the_first_loses_nothing(tmp_path, corpus):
    slow = inject(tmp_path, WRAP.format(who="True", fault="time.sleep(2)"))
    first = start(*LEAD, corpus, "--out", "out.jsonl", cwd=tmp_path, env=slow)
    run = tmp_path / "out.run.json"
    deadline = time.time() + 30
    while time.time() < deadline and not run.exists():
        time.sleep(0.02)
    for extra in ([], ["--resume"]):
        second = nlp(*LEAD, corpus, "--out", "out.jsonl", *extra, cwd=tmp_path)
        one_error(1, second.stderr, second.returncode, "in use by another nlp run", f"pid {first.pid}")
    _, stderr = first.communicate(timeout=120)
    assert first.returncode == 0, stderr
    assert sorted(ids(tmp_path / "out.jsonl")) == [f"a{k:03d}" for k in range(24)]


def test_resume_sets_aside_lines_that_are_not_results(tmp_path, corpus):
    out = tmp_path / "out.jsonl"
    assert nlp(*LEAD, corpus, "--out", out, "-q", cwd=tmp_path).returncode == 0
    lines = out.read_text().splitlines(keepends=True)
    lines[3] = lines[3][:40] + "\n"  # two writers interleaved, say
    lines.insert(6, "not json\n")
    out.write_text("".join(lines) + lines[9][:20])  # and a torn last line
    result = nlp(*LEAD, corpus, "--out", out, "--resume", cwd=tmp_path)
    assert result.returncode == 0 and "2 line(s) that are not results (line 4, 7)" in result.stderr
    assert "unfinished last line" in result.stderr
    assert sorted(ids(out)) == [f"a{k:03d}" for k in range(24)]
    assert (tmp_path / "out.bad-lines.txt").read_text().splitlines()[1] == "not json"


def test_overwrite_keeps_the_old_results_when_the_model_cannot_load(tmp_path, corpus):
    out = tmp_path / "out.jsonl"
    assert nlp(*LEAD, corpus, "--out", out, "-q", cwd=tmp_path).returncode == 0
    before = snapshot(out, tmp_path / "out.run.json", corpus)
    broken = inject(tmp_path, """
        import nlp.pipeline
        from nlp.errors import ModelUnavailableError
        def init(self, *args, **kwargs):
            raise ModelUnavailableError("cannot load some/model: injected")
        nlp.pipeline.Analyzer.__init__ = init
    """)
    result = nlp(*LEAD, corpus, "--out", out, "--overwrite", "--max-words", "30", cwd=tmp_path, env=broken)
    one_error(1, result.stderr, result.returncode, "cannot load some/model")
    assert snapshot(*before) == before


def test_resume_without_a_run_record_is_refused(tmp_path, corpus):
    assert nlp(*LEAD, corpus, "--out", "out.jsonl", "-q", cwd=tmp_path).returncode == 0
    (tmp_path / "out.run.json").unlink()  # results from elsewhere, or an older version
    result = nlp(*LEAD, corpus, "--out", "out.jsonl", "--resume", cwd=tmp_path)
    one_error(2, result.stderr, result.returncode, "has no run record (out.run.json)", "--overwrite")


def test_ctrl_c_ends_a_worker_run_with_one_line_and_no_worker_left(tmp_path, corpus):
    env = inject(tmp_path, WRAP.format(who=IN_WORKER, fault="time.sleep(0.2 * len(batch['id']))"))
    proc = subprocess.Popen([sys.executable, "-m", "nlp", *LEAD, corpus, "--out", "out.jsonl", "--workers", "2"],
                            cwd=tmp_path, stderr=subprocess.PIPE, text=True, env={**os.environ, **env},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 60
    while time.time() < deadline and len([p for p in _children(proc.pid) if "spawn_main" in _cmdline(p)]) < 2:
        time.sleep(0.05)
    workers = [p for p in _children(proc.pid) if "spawn_main" in _cmdline(p)]
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    one_error(130, stderr, proc.returncode, "interrupted")
    assert workers and not any(Path(f"/proc/{p}").exists() for p in workers)


# -- case 4 and 7: no input is ever written; --errors checked like --out ----------------------
@pytest.mark.parametrize("args, phrase", [
    (["IN", "--out", "IN", "--overwrite"], "--out in.jsonl is also an input"),
    (["IN", "--out", "new.jsonl", "--errors", "IN"], "--errors in.jsonl is also an input"),
    (["r.errors.jsonl", "--out", "r.jsonl"], "the errors file r.errors.jsonl (the default for --out r.jsonl"),
    (["IN", "--out", "link.jsonl", "--overwrite"], "is also an input (in.jsonl)"),
    (["IN", "--out", "o.jsonl", "--errors", "o.jsonl"], "--errors o.jsonl is the same file as --out o.jsonl"),
    (["IN", "--out", "o.jsonl", "--errors", "old-errors.jsonl"], "old-errors.jsonl already holds errors"),
    (["IN", "--out", "o.jsonl", "--overwrite", "--resume"], "do not go together"),
])
def test_outputs_never_overwrite_inputs_or_each_other(cli, tmp_path, corpus, monkeypatch, args, phrase):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.errors.jsonl").write_bytes(corpus.read_bytes())
    os.link(corpus, tmp_path / "link.jsonl")
    (tmp_path / "old-errors.jsonl").write_text('{"id": "x", "error": "earlier"}\n')
    before = snapshot(corpus, tmp_path / "r.errors.jsonl", tmp_path / "old-errors.jsonl")
    result = cli(*LEAD, *["in.jsonl" if a == "IN" else a for a in args])
    one_error(2, result.stderr, result.exit_code, phrase)
    assert snapshot(*before) == before
    assert not (tmp_path / "o.jsonl").exists() and not (tmp_path / "new.jsonl").exists()


# -- case 5: records that cannot be encoded ---------------------------------------------------
def test_unencodable_ids_and_file_names_become_printable_ids(tmp_path, texts):
    rows = tmp_path / "in.jsonl"
    rows.write_text('{"id": "bad\\ud800id", "text": %s}\n{"id": "ok", "text": %s}\n'
                    % (json.dumps(texts[0]), json.dumps(texts[1])))
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(texts[2])
    for _ in range(2):  # the run, then a resume that has nothing left to do
        result = nlp(*LEAD, "in.jsonl", "pages", "--out", "out.jsonl", *(["--resume"] if _ else []), cwd=tmp_path)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert ids(tmp_path / "out.jsonl") == ["bad\\ud800id", "ok", "pages/caf\\xe9.txt"]
    assert "3 skipped" in result.stderr


# -- case 6: --resume into another configuration ----------------------------------------------
def test_resume_refuses_another_configuration_naming_what_differs(tmp_path, corpus):
    corpus.write_text("".join(corpus.read_text().splitlines(keepends=True)[:2]))
    assert nlp("stance", corpus, "--out", "out.jsonl", "-q", cwd=tmp_path).returncode == 0
    before = snapshot(tmp_path / "out.jsonl")
    for extra, phrase in ([["--labels", "pro,anti,neutral"], "labels conciliatory, confrontational, neutral "
                                                              "(this run: pro, anti, neutral)"],
                          [["--actor", "NATO=NATO,Rutte"], "actors Russia, US, Ukraine (this run: NATO, Russia"],
                          [["--actor", "Russia=Russia,Kremlin"], "other aliases for Russia"],
                          [["--language", "any"], "language 'en' (this run: 'any')"]):
        result = nlp("stance", corpus, "--out", "out.jsonl", "--resume", *extra, cwd=tmp_path)
        one_error(2, result.stderr, result.returncode, "--resume: out.jsonl was written with", phrase)
    result = nlp(*LEAD, corpus, "--out", "out.jsonl", "--resume", cwd=tmp_path)
    one_error(2, result.stderr, result.returncode, "command stance (this run: summarize)")
    assert snapshot(tmp_path / "out.jsonl") == before


# -- case 8: named pipes ----------------------------------------------------------------------
def test_a_fifo_without_a_writer_fails_and_one_with_a_writer_is_read_once(cli, tmp_path, corpus, monkeypatch):
    monkeypatch.setattr("nlp.inputs.FIFO_WAIT_SECONDS", 0.3)
    silent = tmp_path / "silent.txt"
    os.mkfifo(silent)
    result = cli(*LEAD, silent)
    one_error(1, result.stderr, result.exit_code, "a named pipe that nothing wrote to in 0.3 s")
    pipe = tmp_path / "pipe.jsonl"
    os.mkfifo(pipe)
    writer = threading.Thread(target=lambda: pipe.write_bytes(corpus.read_bytes()), daemon=True)
    writer.start()
    result = cli(*LEAD, pipe, "--json", "-q")
    writer.join(5)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [f"a{k:03d}" for k in range(24)]


# -- case 9 and 10: labels with nothing to choose; articles that are not English --------------
def test_a_neutral_only_label_set_is_a_usage_error(cli, example_path):
    result = cli("stance", example_path, "-l", "neutral")
    one_error(2, result.stderr, result.exit_code, "--labels", "besides 'neutral'")


RUSSIAN = "Президент России Владимир Путин заявил, что в переговорах с Украиной есть сдвиги. США продолжают поставки. " * 3
UKRAINIAN = "Президент України Володимир Зеленський заявив, що Україна не піде на поступки. Росія і США мовчать. " * 3


def test_articles_not_in_english_are_refused_naming_the_language(cli, tmp_path, texts, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("ru.txt").write_text(RUSSIAN)
    result = cli(*LEAD, "ru.txt")
    one_error(1, result.stderr, result.exit_code, "ru.txt: the article is in Russian (ru)", "--language any")
    Path("in.jsonl").write_text(json.dumps({"id": "uk", "text": UKRAINIAN}) + "\n"
                                + json.dumps({"id": "en", "text": texts[0]}) + "\n")
    result = cli(*LEAD, "in.jsonl", "--out", "out.jsonl")
    assert result.exit_code == 1 and ids(tmp_path / "out.jsonl") == ["en"]
    [error] = [json.loads(line) for line in Path("out.errors.jsonl").read_text().splitlines()]
    assert error["id"] == "uk" and "Ukrainian (uk)" in error["error"]
    assert cli(*LEAD, "ru.txt", "--language", "any").exit_code == 0


def test_english_news_with_foreign_names_and_quotes_is_english(texts):
    from nlp.language import detect_language

    quoted = texts[0] + "\n\n«Мы готовы к переговорам», said Peskov, «но не к капитуляции», adding: «Нет».\n"
    names = "Zelenskyy, Nebenzia, Kuleba, Erdoğan, Çavuşoğlu and Lavrov met in Türkiye. " * 5
    for text in (*texts, quoted, texts[1] + names):
        assert detect_language(text).code == "en"
    assert detect_language("Talks resumed.") is None  # too short to judge: let through


@pytest.mark.parametrize("code, text", [
    ("fr", "Le président a déclaré vendredi que les négociations avec l'Ukraine se poursuivent dans une "
           "atmosphère constructive, selon les responsables, et que la situation est difficile mais pas perdue."),
    ("de", "Der Präsident hat am Freitag erklärt, dass die Verhandlungen mit der Ukraine fortgesetzt werden, "
           "wie die Behörden mitteilten. Die Lage sei schwierig, aber nicht aussichtslos, sagte er auch."),
    ("es", "El presidente dijo el viernes que las negociaciones con Ucrania continúan en una atmósfera "
           "constructiva, según los funcionarios, y que la situación es difícil pero no está perdida."),
    ("uk", UKRAINIAN), ("ru", RUSSIAN), ("zh", "俄罗斯和乌克兰的代表周二在伊斯坦布尔举行了新一轮会谈，官员们表示会谈富有建设性。" * 2),
    ("ar", "قال الرئيس يوم الجمعة إن المفاوضات مع أوكرانيا مستمرة في أجواء بناءة بحسب المسؤولين في العاصمة."),
])
def test_languages_are_named(code, text):
    from nlp.language import detect_language

    assert detect_language(text).code == code


# -- case 12: HTML on stdin, Markdown files -----------------------------------------------------
PAGE = """<!DOCTYPE html><html><head><title>Talks | Example News</title>
<meta property="og:site_name" content="Example News"><meta name="date" content="2024-03-05"></head>
<body><nav>Home | World</nav><article><h1>Talks resume in Istanbul</h1>
<p>Russian and Ukrainian negotiators met in Istanbul on Tuesday for new talks, officials said.</p>
<p>Ukraine proposed neutral status in exchange for security guarantees from the United States.</p>
</article><footer>Copyright 2024</footer></body></html>"""

MARKDOWN = """# Talks resume in Istanbul

**Russian and Ukrainian negotiators** met in [Istanbul](https://example.org) on Tuesday for new talks.

> Ukraine proposed *neutral status* in exchange for security guarantees, officials said.

- The US welcomed the talks on Wednesday.
"""


def test_html_on_stdin_and_markdown_files_are_read_as_text(cli, tmp_path):
    page = json.loads(cli(*LEAD, "-", "--json", input=PAGE).stdout)
    assert page["title"] == "Talks resume in Istanbul" and page["date"] == "2024-03-05"
    assert page["source"] == "Example News" and "<" not in page["summary"]["text"]
    md = tmp_path / "talks.md"
    md.write_text(MARKDOWN)
    result = cli(*LEAD, md, "--json", "-n", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["title"] == "Talks resume in Istanbul"
    sentences = [s["text"] for s in data["summary"]["sentences"]]
    assert sentences[0].startswith("Russian and Ukrainian negotiators met in Istanbul")
    assert sentences[1].startswith("Ukraine proposed neutral status") and sentences[2].startswith("The US")
    assert not any(mark in " ".join(sentences) for mark in ("**", "#", "> ", "](", "- The"))
    from nlp.markup import markdown_to_text

    text, _ = markdown_to_text(MARKDOWN, name="talks.md")
    assert all(text[s["start"]:s["end"]] == s["text"] for s in data["summary"]["sentences"])


# -- case 13: errors that escaped as 'unexpected' or with the wrong exit code --------------------
@pytest.mark.parametrize("args, code, phrase", [
    ([*LEAD, "ART", "--out", "missing/x.jsonl"], 2, "--out missing/x.jsonl: directory"),
    (["analyze", "ART", "--out", "missing/x.jsonl"], 2, "does not exist"),
    ([*LEAD, "ART", "--out", "/dev/full"], 2, "--out /dev/full: not a regular file"),
    ([*LEAD, "ART", "--out", "o.jsonl", "--errors", "missing/e.jsonl"], 2, "--errors missing/e.jsonl: directory"),
    (["stance", "ART", "--actors-file", "latin1.toml"], 2, "--actors-file latin1.toml: not valid UTF-8"),
    (["eval", "--data", "latin1.jsonl"], 1, "latin1.jsonl:1: not valid UTF-8"),
    (["eval", "--seed", "-5"], 2, "--seed"),
    (["eval", "--out", "afile", "--data", "bad.jsonl"], 2, "--out afile: exists and is not a directory"),
    (["eval", "--data", "cut.jsonl"], 1, "cut.jsonl:1: invalid JSON (Unterminated string starting at column 10)"),
    (["bench", "--data", "bad.jsonl"], 1, "bad.jsonl:2: invalid JSON"),
    (["summarize", "ART", "-s", "seq2seq", "-m", "bogus", "--generation", "temperature=0"], 2, "temperature=0"),
    (["summarize", "ART", "-s", "seq2seq", "-m", "bogus", "--generation", "num_beam_groups=2"], 2, "unknown option"),
    (["summarize", "ART", "-s", "seq2seq", "-m", "bogus", "--generation", "min_length=9",
      "--generation", "max_length=5"], 2, "min_length=9 is above max_length=5"),
    ([*LEAD, "big.txt"], 1, "big.txt: input is 2,000,000 bytes, over the 1,000,000-byte limit"),
    ([*LEAD, "loop.txt"], 1, "loop.txt: too many levels of symbolic links"),
])
def test_errors_are_one_line_with_the_right_exit_code(cli, tmp_path, monkeypatch, example_path, args, code, phrase):
    monkeypatch.chdir(tmp_path)
    Path("latin1.toml").write_bytes('[actors]\nNATO = ["caf\xe9"]\n'.encode("latin-1"))
    Path("latin1.jsonl").write_bytes('{"id": "caf\xe9"}\n'.encode("latin-1"))
    Path("bad.jsonl").write_text('{"id": "x", "text": "fine"}\n{"text": "unterminated\n')
    Path("cut.jsonl").write_text('{"text": "unterminated\n')
    Path("afile").write_text("")
    Path("big.txt").write_text("Talks went on. " * 133_333 + "Done.")
    os.symlink("loop.txt", "loop.txt")
    started = time.perf_counter()
    result = cli(*[str(example_path) if a == "ART" else a for a in args])
    one_error(code, result.stderr, result.exit_code, phrase)
    assert time.perf_counter() - started < 10  # before any model loads
    assert not Path("o.jsonl").exists() and not Path("missing").exists()


def test_a_corrupted_int8_cache_names_the_directory_to_delete(tmp_path, example_path):
    from nlp.encoder import ModelDir, packaged_model_path
    from nlp.encoder.onnx_int8 import prepared_path

    env = {"NLP_CACHE_DIR": str(tmp_path / "cache")}
    os.environ.update(env)
    try:
        target = prepared_path(ModelDir.read(packaged_model_path()))
    finally:
        del os.environ["NLP_CACHE_DIR"]
    target.parent.mkdir(parents=True)
    target.write_bytes(b"not an onnx model")
    result = nlp("analyze", example_path, "--quantize", cwd=tmp_path, env=env)
    one_error(1, result.stderr, result.returncode, "cannot load the cached int8 encoder", f"delete {tmp_path / 'cache'}")


def test_a_closed_stdout_ends_the_run_quietly(tmp_path, corpus):
    command = f"{sys.executable} -m nlp summarize -s lead --json {corpus} | head -1; exit ${{PIPESTATUS[0]}}"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert result.returncode == 141 and result.stderr == ""
    assert json.loads(result.stdout)["id"] == "a000"


def test_a_full_disk_is_one_line_and_a_resume_then_loses_nothing(tmp_path, corpus):
    import resource

    def small_files():  # writes past 10 KB fail with EFBIG (Python ignores SIGXFSZ)
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))

    result = nlp(*LEAD, corpus, "--out", "out.jsonl", cwd=tmp_path, preexec_fn=small_files)
    one_error(1, result.stderr, result.returncode, "cannot write to out.jsonl (file too large)")
    result = nlp(*LEAD, corpus, "--out", "out.jsonl", "--resume", cwd=tmp_path)
    assert result.returncode == 0 and "unfinished last line" in result.stderr
    assert sorted(ids(tmp_path / "out.jsonl")) == [f"a{k:03d}" for k in range(24)]


# -- case 14 and more ---------------------------------------------------------------------------
def test_duplicate_ids_never_collide_and_metadata_is_carried(cli, tmp_path, texts, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = [{"id": "a1", "text": texts[0], "date": "2024-03-05T10:00:00Z", "url": "https://www.example.com/a"},
            {"id": "a1", "text": texts[1], "source": "Wire"}, {"id": "a1#2", "text": texts[2], "date": "soon"}]
    Path("in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = cli(*LEAD, "in.jsonl", "--out", "out.jsonl")
    assert result.exit_code == 0 and not Path("out.errors.jsonl").exists()  # no empty errors file
    lines = [json.loads(line) for line in Path("out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in lines] == ["a1", "a1#2", "a1#2#2"]
    assert {k: lines[0][k] for k in ("date", "source", "url")} == {
        "date": "2024-03-05", "source": "example.com", "url": "https://www.example.com/a"}
    assert lines[1]["source"] == "Wire" and "date" not in lines[1] and "date" not in lines[2]


def test_one_article_raising_anything_becomes_its_error(cli, tmp_path, texts, monkeypatch):
    from nlp.pipeline import Analyzer

    original = Analyzer.analyze_articles

    def analyze_articles(self, articles, **kw):
        if any("BOOM" in a.text for a in articles):
            raise RuntimeError("boom")
        return original(self, articles, **kw)

    monkeypatch.setattr(Analyzer, "analyze_articles", analyze_articles)
    monkeypatch.chdir(tmp_path)
    rows = [{"id": "x", "text": texts[0]}, {"id": "boom", "text": texts[1] + "\n\nBOOM."}, {"id": "y", "text": texts[2]}]
    Path("in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = cli(*LEAD, "in.jsonl", "--out", "out.jsonl")
    assert result.exit_code == 1 and ids(tmp_path / "out.jsonl") == ["x", "y"]
    [error] = [json.loads(line) for line in Path("out.errors.jsonl").read_text().splitlines()]
    assert error == {"id": "boom", "input": "in.jsonl:2", "error": "boom: unexpected RuntimeError: boom"}


def test_workers_start_only_for_the_work_there_is(monkeypatch):
    from nlp.batch.workers import WorkerPool
    from nlp.config import AnalyzerConfig
    from nlp.records import Record

    pool = WorkerPool(AnalyzerConfig(summarizer="lead", tasks=("summary",)), 4)
    spawned = []
    spawn = pool._spawn
    monkeypatch.setattr(pool, "_spawn", lambda: (spawned.append(1), spawn()))
    text = "Talks resumed in Istanbul on Tuesday, officials said. " * 3
    out = list(pool.map(iter([[Record("r1", text, "x")], [Record("r2", text, "y")]])))
    assert [r["id"] for _, r in out] == [["r1"], ["r2"]] and len(spawned) == 2 and pool.workers == []


def test_bench_peak_rss_is_the_process_own():
    ballast = bytearray(400 * 2**20)  # this process is now big; a child must not report it
    ballast[:: 4096] = b"x" * len(ballast[:: 4096])
    probe = "from eval.bench import _peak_rss_mb; print(_peak_rss_mb())"
    peak = float(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT).stdout)
    assert peak < 300
    del ballast


def test_eval_predictions_from_two_files_of_one_name_are_both_kept(tmp_path):
    from eval.harness import FileReport
    from eval.report import write_reports

    reports = [FileReport(path=f"{d}/x.jsonl", n_articles=1, predictions=[{"id": d}]) for d in ("a", "b")]
    written = write_reports(tmp_path / "report", reports, config={}, markdown="")
    names = sorted(p.name for p in written if p.name.startswith("predictions"))
    assert names == ["predictions-x-2.jsonl", "predictions-x.jsonl"]
