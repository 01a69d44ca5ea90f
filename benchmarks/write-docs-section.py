#!/usr/bin/env python3
"""Puts TABLE into FILE between <!-- NAME:begin --> and <!-- NAME:end -->, replacing what was there or appending the pair."""
import sys

path, name, table = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
block = f"{begin}\n{table}\n{end}"
if begin in text:
    text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open(path, "w").write(text)
