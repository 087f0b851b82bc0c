"""Fill the Welsh catalogue from the draft dictionaries in locale/cy/drafts/ (re-runnable; see docs/translation.md).

    python scripts/welsh_catalogue.py todo [--size 250]   # list the empty entries, in batches, to translate
    python scripts/welsh_catalogue.py take BATCH ANSWERS DRAFT.json   # pair a batch with its Welsh, into a draft
    python scripts/welsh_catalogue.py fill                # copy the drafts into every empty msgstr of the .po
    python scripts/welsh_catalogue.py check               # placeholders, tags and outer whitespace match the English

A draft is a JSON object (files named NN-*.json; corrections.json replaces Welsh entries found wrong) {msgid: msgstr} (a plural entry: {msgid: [four forms]}, keyed by the singular). `fill` never
overwrites a Welsh entry that is there already (a translator's correction wins), marks what it adds with the
"Not yet checked by a Welsh speaker" comment, and keeps gettext's own layout of the file (msgcat), so a later
`make messages` changes only what changed. Run it again after `make messages` to fill the new strings that the drafts
already know; `todo` lists the rest.
"""

import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale/cy/LC_MESSAGES/django.po"
DRAFTS = ROOT / "locale/cy/drafts"
UNCHECKED = "Not yet checked by a Welsh speaker (see docs/translation.md)."
NPLURALS = 4
PLURAL_SEPARATOR = " || "  # between the forms of a plural entry in a batch or an answers file
# What must come through a translation unchanged: printf and format placeholders, HTML tags, character references.
TOKENS = re.compile(r"%\([^)]+\)[sdifr]|%[sdifr]|%%|\{[A-Za-z_][\w.]*\}|\{\}|</?[a-zA-Z][^>]*>|&[#\w]+;")
# Which pages a visitor sees first decides the order of the work (issue 14): public, emails, PDFs, signed in, rest.
PUBLIC = re.compile(
    r"core/templates|home/templates|framework/templates|data/templates/data/(index|map|profile|source|indicator)"
    r"|evidence/templates/evidence/(_|index|detail|standards)|plans/templates/plans/(_|index|plan_detail|action_detail"
    r"|compare|dashboard|place_plans|pdf)|network/templates/network/(place|programme|cohort)|taskforce_public"
    r"|_place_section_public|exchange/templates/exchange/(_place|convening|home|report|includes)"
    r"|accounts/templates/accounts/(login|password_reset)|evaluation/templates/evaluation/(_plan|evaluation_list)"
)


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def tokens(text: str) -> list[str]:
    return sorted(TOKENS.findall(text))


def outer_space(text: str) -> tuple[str, str]:
    return (text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :])


def problems_of(msgid, msgstr) -> list[str]:
    """Why a translation cannot stand for its English, or [] if it can."""
    english = [msgid] if isinstance(msgid, str) else list(msgid)
    welsh = [msgstr] if isinstance(msgstr, str) else list(msgstr)
    if not isinstance(msgid, str) and len(welsh) != NPLURALS:
        return [f"{len(welsh)} plural forms, not {NPLURALS}"]
    found = []
    for i, form in enumerate(welsh):
        source = english[0] if i == 0 or len(english) == 1 else english[1]
        wanted, got = tokens(source), tokens(form)
        if not isinstance(msgid, str):
            # Welsh may leave the number out of the singular and dual ("un cam", "dau gam"); never add one
            wanted = [t for t in wanted if t in got] if i < 2 else wanted
        if wanted != got:
            found.append(f"form {i}: placeholders/tags {got} differ from the English {wanted}")
        if form and outer_space(source) != outer_space(form):
            found.append(f"form {i}: leading/trailing whitespace differs from the English")
    return found


def load_catalog():
    return read_po(PO.open("rb"))


def is_empty(message) -> bool:
    if "fuzzy" in message.flags:  # left out of the compiled catalogue: as good as empty
        return True
    if isinstance(message.id, str):
        return not message.string
    return not all(message.string)


def tier(message) -> int:
    files = [loc[0] for loc in message.locations]
    if any(PUBLIC.search(f) for f in files):
        return 1
    if any("email" in f or "notifications" in f for f in files):
        return 2
    if any("pdf" in f for f in files):
        return 3
    if any(f.endswith(".html") for f in files):
        return 4
    if any(re.search(r"(forms|views|selectors|charts|models)\.py$", f) for f in files):
        return 5
    return 6


def drafts() -> dict:
    known: dict = {}
    for path in sorted(DRAFTS.glob("[0-9]*.json")):
        known.update(json.loads(path.read_text(encoding="utf-8")))
    return known


def todo(size: int = 250) -> None:
    out = Path(tempfile.gettempdir()) / "welsh-todo"
    known = drafts()
    catalog = load_catalog()
    waiting = [m for m in catalog if m.id and is_empty(m) and (m.id if isinstance(m.id, str) else m.id[0]) not in known]
    waiting.sort(key=lambda m: (tier(m), m.locations[0] if m.locations else ("", 0)))
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("batch-*.txt"):
        old.unlink()
    for start in range(0, len(waiting), size):
        lines = []
        for n, m in enumerate(waiting[start : start + size], start=start):
            text = m.id if isinstance(m.id, str) else PLURAL_SEPARATOR.join(m.id)
            lines.append(f"{n}\t{escape(text)}")
        (out / f"batch-{start // size:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(waiting)} entries to translate, in {out}/batch-*.txt (tiers: public, email, pdf, pages, code, rest)")


def take(batch: Path, answers: Path, draft: Path) -> int:
    english = {}
    for line in batch.read_text(encoding="utf-8").splitlines():
        n, text = line.split("\t", 1)
        english[n] = unescape(text)
    draft_entries = json.loads(draft.read_text(encoding="utf-8")) if draft.exists() else {}
    bad = 0
    for line in answers.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        n, text = line.split(" ", 1)  # "number Welsh": the number of the batch line, one space, the Welsh
        source = english[n]
        welsh = unescape(text)
        if PLURAL_SEPARATOR in source:
            msgid, forms = source.split(PLURAL_SEPARATOR), welsh.split(PLURAL_SEPARATOR)
            key, value = msgid[0], forms
        else:
            msgid, key, value = source, source, welsh
        found = problems_of(msgid, value)
        if found:
            bad += 1
            print(f"{n}: {source!r} -> {value!r}: {'; '.join(found)}")
            continue
        draft_entries[key] = value
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text(json.dumps(draft_entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{draft}: {len(draft_entries)} entries; {bad} refused")
    return 1 if bad else 0


def write(catalog) -> None:
    original = PO.read_text(encoding="utf-8")
    header = original[: original.index("\n\n") + 2]  # our header comment and block, exactly as they were
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76)
    body = buffer.getvalue().decode()
    body = body[body.index("\n\n") + 2 :]
    PO.write_text(header + body, encoding="utf-8")
    subprocess.run([shutil.which("msgcat"), "-o", str(PO), str(PO)], check=True)  # noqa: S603  # gettext's own layout, as makemessages writes


def fill() -> int:
    known = drafts()
    corrections = json.loads((DRAFTS / "corrections.json").read_text(encoding="utf-8"))
    catalog = load_catalog()
    added = refused = 0
    for message in catalog:
        if message.id in corrections and message.string != corrections[message.id]:
            message.string = ""  # a Welsh entry found wrong: filled again below from the correction
            message.flags.discard("fuzzy")
            known[message.id] = corrections[message.id]
        elif not message.id or not is_empty(message):
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key not in known:
            continue
        value = known[key]
        if isinstance(message.id, str) != isinstance(value, str) or problems_of(message.id, value):
            refused += 1
            print(f"not filled (draft does not fit the entry): {key!r}")
            continue
        message.string = value if isinstance(value, str) else tuple(value)
        message.user_comments = [c for c in message.user_comments if not c.startswith("| ")]  # fuzzy's old msgid
        if UNCHECKED not in message.user_comments:
            message.user_comments.append(UNCHECKED)
        message.flags.discard("fuzzy")
        added += 1
    write(catalog)
    left = sum(1 for m in catalog if m.id and is_empty(m))
    print(f"filled {added}; {refused} drafts did not fit; {left} entries still empty")
    return 1 if refused else 0


def check() -> int:
    bad = 0
    for message in load_catalog():
        if message.id and not is_empty(message):
            for problem in problems_of(message.id, message.string):
                bad += 1
                print(f"{message.id!r}: {problem}")
    print(f"{bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["help"]
    if command == "todo":
        todo(int(args[1]) if args[:1] == ["--size"] else 250)
    elif command == "take":
        sys.exit(take(*map(Path, args)))
    elif command == "fill":
        sys.exit(fill())
    elif command == "check":
        sys.exit(check())
    else:
        print(__doc__)
