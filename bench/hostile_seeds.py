"""How long `read_seed` takes on hostile seeds of our own making, 1 MB each by default: each
kind read once, CPU seconds (`time.process_time()`), the claims it gives.

    PYTHONPATH=. .venv/bin/python bench/hostile_seeds.py [KIND ...] [--mb 1]
    PYTHONPATH=OTHER_TREE .venv/bin/python bench/hostile_seeds.py near   # another tree's

Kinds: `near` (one claim sentence again and again, one to three words changed each time),
`copies` (5,000 claims some words apart, then each again with one letter changed),
`soup` (short sentences of a few common words), `paragraph` (one paragraph of 1 MB of
attributed statements with amounts and years), `quotes` (short quotations with a speaker each).
Each new claim is compared with every claim kept so far (`claims._Told`): quadratic before
stop 58 (minutes a MB); now bounded by `claims.SEED_CLAIMS` (`Seed.notes` says when it is met).
"""

from __future__ import annotations

import argparse
import random
import time

from monitor.steps.claims import read_seed

WORDS = ("harbour council ferry bridge vote budget mayor port tunnel school river road tax plan "
         "deal court union strike rail fund water power park market hospital police").split()
NAMES = ("Ada Lund", "Ivo Berg", "Mara Kask", "Tomas Ruiz", "Lena Ort")


def _lines(sentences: list[str], per: int) -> str:
    return "\n".join(" ".join(sentences[i:i + per]) for i in range(0, len(sentences), per))


def _until(size: int, sentence) -> list[str]:
    out, n = [], 0
    while n < size:
        out.append(sentence())
        n += len(out[-1]) + 1
    return out


def near(size: int) -> str:
    r = random.Random(1)
    base = ("The harbour council voted 7 to 2 on Monday to spend 40 million on the new ferry "
            "bridge, the mayor said.").split()

    def changed() -> str:
        w = list(base)
        for _ in range(r.randint(1, 3)):
            w[r.randrange(len(w) - 1)] = r.choice(WORDS)
        return " ".join(w)
    return "Council votes on ferry bridge\n\n" + _lines(_until(size, changed), 4)


def copies(size: int) -> str:
    """5,000 statements each some words apart, then each again with one letter changed, round
    after round: thousands of claims kept, each new sentence compared with them all."""
    r = random.Random(5)

    def made_up() -> str:
        return "".join(r.choice("bcdfghklmnprstvz") + r.choice("aeiou") for _ in range(3))
    statements = [f"The {r.choice(WORDS)} of {made_up().title()} {made_up()}s plan {i} with "
                  f"{made_up()} and {made_up()} on {made_up()} street." for i in range(5_000)]
    sentences, n = list(statements), sum(map(len, statements))
    while n < size:
        s = statements[len(sentences) % len(statements)]
        at = 4 + len(sentences) % 9
        sentences.append(s[:at] + "x" + s[at + 1:])
        n += len(s) + 1
    return "Plans reviewed\n\n" + _lines(sentences, 4)


def soup(size: int) -> str:
    r = random.Random(2)
    return "A soup\n\n" + _lines(_until(size, lambda: " ".join(
        r.choice(WORDS) for _ in range(r.randint(3, 6))).capitalize() + "."), 5)


def paragraph(size: int) -> str:
    r = random.Random(3)
    return "One paragraph\n\n" + " ".join(_until(size, lambda: (
        f"{r.choice(NAMES)} said the {r.choice(WORDS)} {r.choice(WORDS)} would cost "
        f"{r.randint(1, 900)} million by {r.randint(2020, 2040)}.")))


def quotes(size: int) -> str:
    r = random.Random(4)
    return "Quotations\n\n" + _lines(_until(size, lambda: "\u201c{},\u201d {} said.".format(
        " ".join(r.choice(WORDS) for _ in range(r.randint(6, 12))).capitalize(),
        r.choice(NAMES))), 3)


KINDS = {"near": near, "copies": copies, "soup": soup, "paragraph": paragraph, "quotes": quotes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kinds", nargs="*", choices=[[], *KINDS], default=[])
    parser.add_argument("--mb", type=float, default=1.0)
    args = parser.parse_args()
    for kind in args.kinds or KINDS:
        text = KINDS[kind](int(args.mb * 1_000_000))
        started = time.process_time()
        seed = read_seed(text)
        print(f"{kind:<10} {len(text) / 1e6:4.2f} MB  {time.process_time() - started:6.2f} s CPU  "
              f"{len(seed.claims):,} claims  {getattr(seed, 'notes', [])}", flush=True)


if __name__ == "__main__":
    main()
