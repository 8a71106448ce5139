"""A synthetic corpus of a chosen size, for the viewer's scale test and benchmark."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from graph.model import Corpus, DateSpan, Figure, Mention, Registry, Report, Source

KINDS = ("news-outlet", "wire-agency", "telegram-channel", "government", "ngo",
         "anonymous-person", "named-person", "military-intelligence")


def synthetic_corpus(reports: int = 300, per_report: int = 5, seed: int = 5) -> Corpus:
    """Reports by 40 outlets; each mention comes from one of 250 origins, often through one
    or two of 30 relays, and every tenth repeats a mention of an earlier report."""
    rnd = random.Random(seed)
    outlets = [Source(f"outlet-{i}", f"Outlet {i}", "news-outlet", "C", "synthetic")
               for i in range(40)]
    relays = [Source(f"relay-{i}", f"Relay {i}", rnd.choice(KINDS[:3]), "B", "synthetic")
              for i in range(30)]
    origins = [Source(f"origin-{i}", f"Origin {i}", rnd.choice(KINDS), rnd.choice("ABCDF"),
                      "synthetic", anonymous=i % 7 == 0) for i in range(250)]
    made: dict[str, Report] = {}
    for r in range(reports):
        rid, mentions = f"report-{r}", []
        for m in range(per_report):
            claim, relay_of, via = f"claim-{r}-{m}", None, ()
            if r and rnd.random() < 0.1:
                earlier = made[f"report-{rnd.randrange(r)}"].mentions[rnd.randrange(per_report)]
                claim, relay_of = earlier.claim, earlier.key
            elif rnd.random() < 0.6:
                via = tuple(s.id for s in rnd.sample(relays, rnd.choice((1, 1, 2))))
            value = Decimal(rnd.randrange(10, 30000))
            mentions.append(Mention(
                rid, f"m{m}", claim, f"Synthetic statement {r}.{m}.",
                figure=Figure("deserters", value=value, unit="servicemen", subject=claim),
                attributed_to=None if relay_of else rnd.choice(origins).id, via=via,
                relays=relay_of, hedge=rnd.choice(("none", "none", "unable-to-verify"))))
        made[rid] = Report(rid, "article", rnd.choice(outlets).id, f"Synthetic report {r}",
                           DateSpan(date(2024, 1, 1), date(2024, 1, 1)), tuple(mentions))
    return Corpus(Registry(outlets + relays + origins), made)
