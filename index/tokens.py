"""Token counting for the passage budget.

Two counters, one interface (`count(texts) -> list[int]`):

- `ModelTokenCounter` (the default) counts with the embedder's own tokenizer. The budget exists so that no
  passage is cut off by the model (MiniLM truncates at 256 WordPiece tokens, and English text runs about
  1.2 WordPiece tokens per cl100k token), so the tokenizer that truncates is the one that should count.
- `TiktokenCounter` counts with tiktoken (`cl100k_base`, `o200k_base`), for users who budget passages in
  the tokens of a downstream LLM. tiktoken downloads its vocabularies on first use; we build the
  `Encoding` from the ranks that the `quicktok-v1` package ships, so it works offline with identical ids.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from importlib import resources
from typing import Protocol

from citeqa.errors import ConfigError

# tiktoken's published split patterns (tiktoken_ext/openai_public.py), which quicktok's vocabularies follow.
_PATTERNS = {
    "cl100k_base": (
        r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|"""
        r"""\s*[\r\n]|\s+(?!\S)|\s"""
    ),
    "o200k_base": "|".join(
        [
            r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
            r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
            r"""\p{N}{1,3}""",
            r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
            r"""\s*[\r\n]+""",
            r"""\s+(?!\S)""",
            r"""\s+""",
        ]
    ),
}
_QUICKTOK_FILES = {"cl100k_base": "cl100k.vocab", "o200k_base": "o200k.vocab"}


class TokenCounter(Protocol):
    name: str

    def count(self, texts: Sequence[str]) -> list[int]: ...


class ModelTokenCounter:
    """Counts WordPiece (or whatever the model uses) tokens, without the special tokens."""

    def __init__(self, tokenizer, name: str = "model") -> None:
        self._tokenizer = tokenizer
        self.name = name

    def count(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        encoded = self._tokenizer(list(texts), add_special_tokens=False, truncation=False)["input_ids"]
        return [len(ids) for ids in encoded]


class TiktokenCounter:
    def __init__(self, encoding_name: str) -> None:
        self.name = encoding_name
        self._encoding = load_tiktoken_offline(encoding_name)

    def count(self, texts: Sequence[str]) -> list[int]:
        return [len(ids) for ids in self._encoding.encode_ordinary_batch(list(texts), num_threads=2)]


def load_tiktoken_offline(encoding_name: str):
    """A `tiktoken.Encoding` built from quicktok's bundled ranks: no download, identical token ids."""
    import tiktoken

    if encoding_name not in _QUICKTOK_FILES:
        raise ConfigError(f"--tokenizer {encoding_name}: choose 'model', 'cl100k_base' or 'o200k_base'")
    raw = (resources.files("quicktok") / "data" / _QUICKTOK_FILES[encoding_name]).read_bytes()
    return tiktoken.Encoding(
        name=encoding_name,
        pat_str=_PATTERNS[encoding_name],
        mergeable_ranks=_read_quicktok_vocab(raw),
        special_tokens={},
    )


def _read_quicktok_vocab(raw: bytes) -> dict[bytes, int]:
    """quicktok's vocabulary file: u32 count, then per token a u16 length, the bytes, a u32 rank."""
    (count,) = struct.unpack_from("<I", raw, 0)
    ranks: dict[bytes, int] = {}
    pos = 4
    for _ in range(count):
        (length,) = struct.unpack_from("<H", raw, pos)
        token = raw[pos + 2 : pos + 2 + length]
        (rank,) = struct.unpack_from("<I", raw, pos + 2 + length)
        ranks[token] = rank
        pos += 6 + length
    return ranks
