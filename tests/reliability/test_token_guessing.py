"""Forgery and guessing: 10,000 random and 10,000 mutated ticket tokens are all refused; 10,000 guessed
manage links find nobody. Checked with the same functions the door and the manage page use."""

import json
import random
import secrets
import string

import pytest
from django.test import Client

from events import tickets
from events.auth import hash_secret
from events.enums import ScanVerdict
from events.exceptions import NotFound
from events.models import Admission, Registration
from events.registration import links as registration_links
from events.registration import services
from tests.factories import make_category, make_edition, make_point, make_user, register

B64 = string.ascii_letters + string.digits + "-_"
N = 10_000


def accepted(edition, token: str) -> tuple | None:
    """The claims a token would be admitted with under `edition`'s key, or None when it is refused."""
    parsed = tickets.parse_ticket(token)
    if parsed is None:
        return None
    claims, body, signature = parsed
    if claims.edition_slug != edition.slug:
        return None
    if not tickets.verify_signature(signing_key=edition.signing_key, body=body, signature=signature):
        return None
    return body, signature


def random_tokens(rng: random.Random, slug: str, codes: list[str]) -> list[str]:
    out = []
    for i in range(N):
        if i % 2:  # well-formed: a real slug and code, a random 64-byte signature
            sig = tickets.b64e(rng.randbytes(64))
            out.append(f"{slug}.{rng.choice(codes)}.{rng.randint(1, 3)}.{sig}")
        else:  # anything at all
            alphabet = rng.choice([B64 + ".", string.printable, "0123456789."])
            out.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 220))))
    return out


def mutate(rng: random.Random, token: str, *, other_codes: list[str], other_slug: str, foreign: str) -> str:
    slug, code, version, sig = token.split(".")
    kind = rng.randrange(8)
    if kind == 0:  # one character of the signature
        i = rng.randrange(len(sig))
        sig = sig[:i] + rng.choice(B64.replace(sig[i], "")) + sig[i + 1 :]
    elif kind == 1:  # one character of the signed body
        body = f"{slug}.{code}.{version}"
        i = rng.randrange(len(body))
        body = body[:i] + rng.choice((B64 + ".").replace(body[i], "")) + body[i + 1 :]
        return f"{body}.{sig}"
    elif kind == 2:  # someone else's code under this signature
        code = rng.choice(other_codes)
    elif kind == 3:  # another ticket version (a revoked or future ticket)
        version = str(rng.choice([0, int(version) - 1, int(version) + 1, int(version) + rng.randint(2, 999)]))
    elif kind == 4:  # another edition's slug
        slug = other_slug
    elif kind == 5:  # several signature bytes at once
        raw = bytearray(tickets.b64d(sig))
        for _ in range(rng.randint(2, 8)):
            raw[rng.randrange(64)] ^= rng.randint(1, 255)
        sig = tickets.b64e(bytes(raw))
    elif kind == 6:  # the same body signed with another edition's key
        sig = foreign.split(".")[3]
        slug, code, version = token.split(".")[:3]
    else:  # a signature cut short or lengthened
        sig = sig[: rng.randint(0, len(sig) - 1)] if rng.random() < 0.5 else sig + rng.choice(B64)
    return f"{slug}.{code}.{version}.{sig}"


@pytest.fixture
def door(db):
    edition = make_edition()
    other = make_edition()
    make_category(edition, capacity=None)
    make_category(other, capacity=None)
    point = make_point(edition)
    regs = [register(edition).registration for _ in range(5)]
    return edition, other, point, regs


def test_random_ticket_tokens_none_accepted(door):
    edition, _other, _point, regs = door
    tokens = random_tokens(random.Random(6), edition.slug, [r.code for r in regs])

    hits = [t for t in tokens if accepted(edition, t) is not None]

    assert len(tokens) == N
    assert hits == []


def test_mutated_ticket_tokens_none_accepted(door):
    edition, other, _point, regs = door
    rng = random.Random(66)
    originals = {}
    for reg in regs:
        token = registration_links.ticket_token_for(reg)
        originals[token] = accepted(edition, token)
    assert all(v is not None for v in originals.values())  # the genuine ones pass
    mutated = []
    while len(mutated) < N:
        original = rng.choice(list(originals))
        reg_code = original.split(".")[1]
        foreign = tickets.sign_ticket(
            signing_key=other.signing_key, edition_slug=edition.slug, code=reg_code, version=1
        )
        token = mutate(
            rng,
            original,
            other_codes=[r.code for r in regs if r.code != reg_code],
            other_slug=other.slug,
            foreign=foreign,
        )
        parsed = tickets.parse_ticket(token)
        if parsed is not None and (parsed[1], parsed[2]) == originals[original]:
            continue  # base64 slack in the last character: the very same bytes, not a mutation
        mutated.append(token)

    hits = [t for t in mutated if accepted(edition, t) is not None]

    assert hits == []


def test_mutated_tokens_through_the_checkin_endpoint_admit_nobody(door):
    edition, other, point, regs = door
    rng = random.Random(666)
    user = make_user("door", "checkin", password=None)
    client = Client()
    client.force_login(user)
    genuine = [registration_links.ticket_token_for(r) for r in regs]
    sample = []
    while len(sample) < 50:
        original = rng.choice(genuine)
        token = mutate(
            rng,
            original,
            other_codes=[r.code for r in regs],
            other_slug=other.slug,
            foreign=tickets.sign_ticket(
                signing_key=other.signing_key, edition_slug=edition.slug, code=regs[0].code, version=1
            ),
        )
        parsed = tickets.parse_ticket(token)
        if parsed is not None and (parsed[1], parsed[2]) == accepted(edition, original):
            continue
        sample.append(token)

    results = []
    for token in sample:
        response = client.post(
            f"/api/v1/events/{edition.slug}/checkin",
            json.dumps({"token": token, "point": point.code}),
            content_type="application/json",
        )
        assert response.status_code == 200, response.content[:300]
        results.append(response.json()["result"])

    assert ScanVerdict.OK not in results
    assert ScanVerdict.ALREADY_CHECKED_IN not in results
    assert Admission.objects.filter(registration__edition=edition).count() == 0


def test_guessed_manage_tokens_find_nobody(door):
    edition, _other, _point, regs = door
    real = register(edition).manage_token
    rng = random.Random(7)
    guesses = []
    for i in range(N):
        if i % 2:
            guesses.append(secrets.token_urlsafe(32))
        else:  # one character off the real link
            j = rng.randrange(len(real))
            guesses.append(real[:j] + rng.choice(B64.replace(real[j], "")) + real[j + 1 :])

    # Every guess is looked up the way the service does it (SHA-256 of the link's secret against the
    # stored hashes), in batches; a sample also goes through the service and the API one at a time.
    hashes = [hash_secret(g) for g in guesses]
    hits = sum(
        Registration.objects.filter(manage_token_hash__in=hashes[i : i + 500]).count()
        for i in range(0, N, 500)
    )
    sample_misses = 0
    for guess in guesses[:50]:
        try:
            services.get_registration_by_token(guess)
        except NotFound:
            sample_misses += 1
    api_statuses = {Client().get(f"/api/v1/registrations/{g}").status_code for g in guesses[50:80]}

    assert hits == 0
    assert sample_misses == 50
    assert api_statuses == {404}
    assert services.get_registration_by_token(real).edition == edition
