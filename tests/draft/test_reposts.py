"""A post forwarded whole from another channel: that channel on its figures' route
(graph/draft/attribution.py)."""

import pytest

from credgraph.draft.voices import find_reposts
from credgraph.model import Registry, Source

from tests.draft.chain_reading import read_chains

REGISTRY = Registry([Source("steppe-watch", "Steppe Watch", "telegram-channel", "C", "r"),
                     Source("mediazona", "Mediazona", "news-outlet", "B", "r")])


@pytest.mark.parametrize("text, blocks", [
    ('Forwarded from "Steppe Watch":\n\nA medic says 30 died.\n\n---\n\nOur take: grim.',
     [("A medic says 30 died.", "Steppe Watch")]),
    ("Repost from @steppe_watch\nMediazona counted 12 graves.\n\nFrom the admin: share it.",
     [("Mediazona counted 12 graves.", "steppe_watch")]),
    ("Reposted from Steppe Watch:\nThe unit lost 80 men.", [("The unit lost 80 men.",
                                                               "Steppe Watch")]),
    ("Steppe Watch says 80 men were lost.", []),
])
def test_find_reposts(text, blocks):
    assert [(text[s:e].strip(), name) for s, e, name in find_reposts(text)] == blocks


@pytest.mark.parametrize("text, expected", [
    # someone the forwarded post quotes: through the channel
    ('Forwarded from "Steppe Watch":\n\nA medic in the brigade says 30 men died.\n\n---\n\n'
     "The admins add that 5 more are missing, Mediazona says.",
     [("r1-medic-in-brigade", ["steppe-watch"]), ("mediazona", [])]),
    # the forwarded channel's own words ("we", no source named): the channel's
    ('Forwarded from "Steppe Watch":\n\nWe counted 45 new graves near the village.',
     [("steppe-watch", [])]),
])
def test_a_forwarded_post_is_through_its_channel(text, expected):
    found = read_chains(REGISTRY, text, "z-notes")
    assert [(origin, via) for _term, origin, via in found] == expected


def test_the_reposting_channels_own_note_is_the_outlets():
    text = ('Forwarded from "Steppe Watch":\n\nA medic says 30 men died.\n\n---\n\n'
            "From the admin of Z Notes: friends tell us the same. Pay of 2 million roubles "
            "is late.")
    found = read_chains(REGISTRY, text, "z-notes")
    assert [(origin, via) for _term, origin, via in found] == [
        ("r1-medic", ["steppe-watch"]), ("z-notes", [])]


# Round 15: a post embedded in a web story under its label is its author's, to the end of
# its paragraph; a voice from the text before the post is not carried into it.

STORY = ("The regional governor wrote on Telegram at 06:48 that Mediazona had counted 5 dead.\n\n"
         "The city's mayor gave more detail in his own post:\n\n"
         "[Embedded Telegram post: Petro Lis, Portmarsh City Council]\n"
         "\"12 houses damaged. About 300 families remain without gas.\"\n\n"
         "[Embedded X post: @PortmarshNews, local news account]\n"
         "\"Residents in the port report at least 7 explosions.\"")


def test_an_embedded_post_is_its_authors():
    chains = {term: (origin, via) for term, origin, via in read_chains(REGISTRY, STORY)}
    assert chains["5"][0] == "mediazona"  # (via the governor who wrote it)
    assert chains["12"] == ("petro-lis", []) and chains["300"] == ("petro-lis", [])
    assert chains["7"] == ("portmarshnews", [])  # the post's words, quoted: its author's
