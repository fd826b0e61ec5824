"""The two primitives a sealed bank is made of: a salted hash, and words obscured by a keystream.

They live apart from ``bank`` so that every question type can seal its own fields (``matching``,
``chain``) without importing the bank that dispatches to it. Obfuscation for self-study, not
security: see ``bank`` and each type's module for what a reader of the file can and cannot learn.
"""
from __future__ import annotations

import base64
import hashlib


def digest(salt: str, qid: str, canon: str) -> str:
    """The stored form of one accepted answer (or pair, or step) of question ``qid``."""
    return hashlib.sha256(f"{salt}|{qid}|{canon}".encode("utf-8")).hexdigest()[:32]


def _keystream(seed: str, n: int) -> bytes:
    blocks = (hashlib.sha256(f"{seed}#{i}".encode("utf-8")).digest() for i in range(n // 32 + 1))
    return b"".join(blocks)[:n]


def obscure(text: str, seed: str) -> str:
    """``text`` XOR-ed with a keystream from ``seed``, in base64 (obfuscation, not security)."""
    raw = text.encode("utf-8")
    return base64.b64encode(bytes(a ^ b for a, b in zip(raw, _keystream(seed, len(raw))))).decode("ascii")


def unobscure(blob: str, seed: str) -> str:
    """The text :func:`obscure` hid; "" for anything that does not decode."""
    try:
        raw = base64.b64decode(blob.encode("ascii"), validate=True)
        return bytes(a ^ b for a, b in zip(raw, _keystream(seed, len(raw)))).decode("utf-8")
    except (ValueError, UnicodeError, AttributeError):
        return ""
