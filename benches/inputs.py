"""Builds the whole-process speed inputs of the README's Performance section
from the evaluation sets in ../shared/data (read at run time; nothing of them
is kept in the repository).

    python3 benches/inputs.py ../shared/data /tmp/speed

writes into the output directory:
  news.jsonl    20 MiB of news articles as JSON Lines ({"id","text"}), the
                THUCNews headline set then the THUCNews sample, repeated
  page10mb.md   a 10 MB page: the same articles, each under a `#` headline
  article20k.md one article of 20 000 sentences (bodies joined, no headings)
  flood.md      3 MB of made-up lines whose 3 844 ASCII words differ only in
                their 7th and 8th bytes (the bytes a fixed hash of short words
                might ignore), every line under one headline
  flood_control.md the same shape with 3 844 random words
"""

import json
import os
import random
import re
import string
import sys


def main():
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    files = ["summ/thucnews_headlines.jsonl", "cls/thucnews_sample.jsonl"]
    texts = [json.loads(line)["text"] for f in files for line in open(os.path.join(data, f))]

    lines, size, i = [], 0, 0
    while size < 20 * 2**20:
        line = json.dumps({"id": i + 1, "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n"
        lines.append(line)
        size += len(line.encode())
        i += 1
    open(os.path.join(out, "news.jsonl"), "w").write("".join(lines))

    blocks, size, i = [], 0, 0
    while size < 10_000_000:
        text = texts[i % len(texts)]
        block = "# " + text[:18].replace("\n", " ") + "\n\n" + text + "\n\n"
        blocks.append(block)
        size += len(block.encode())
        i += 1
    open(os.path.join(out, "page10mb.md"), "w").write("".join(blocks))

    sentences = []
    for text in texts:
        for s in re.findall(r"[^。！？]*[。！？]", text.replace("\n", "")):
            if len(s.strip()) > 4:
                sentences.append(s.strip())
    sentences = (sentences * (20_000 // len(sentences) + 1))[:20_000]
    open(os.path.join(out, "article20k.md"), "w").write("".join(sentences))

    chars = string.ascii_letters + string.digits
    crafted = [f"aaaaaa{a}{b}bbbbbbb" for a in chars for b in chars]
    rng = random.Random(7)
    control = ["".join(rng.choice(chars) for _ in range(15)) for _ in crafted]
    for name, words in [("flood.md", crafted), ("flood_control.md", control)]:
        lines, size, i = ["# 数据清单\n\n"], 0, 0
        while size < 3_000_000:
            line = "社区医院今天开诊，" + " ".join(words[(i * 20 + j) % len(words)] for j in range(20)) + "。\n"
            lines.append(line)
            size += len(line.encode())
            i += 1
        open(os.path.join(out, name), "w").write("".join(lines))


if __name__ == "__main__":
    main()
