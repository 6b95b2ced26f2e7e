#!/usr/bin/env python3
"""Fails when a file under src/ballista/<layer>/ includes a header of a layer below it.

The order is the one in docs/architecture.md: a layer may include only itself and the layers
listed before it. scheduler/ and executor/ must never include each other (they talk over the
wire and share only dist/ and proto/).

Usage: check_layering.py SRC_DIR        (exit 1 and one line per violation)
       check_layering.py --self-test    (checks that violations are caught)
"""
import os
import re
import sys
import tempfile

LAYERS = ["common", "arrow", "compute", "formats", "sql", "catalog", "logical", "optimizer",
          "exec", "physical", "session", "dist", "scheduler", "executor", "client", "tpch"]
FORBIDDEN_PAIRS = {("scheduler", "executor"), ("executor", "scheduler")}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]ballista/([A-Za-z0-9_]+)/')


def violations(src_dir):
    root = os.path.join(src_dir, "ballista")
    found = []
    for layer in sorted(os.listdir(root)):
        layer_dir = os.path.join(root, layer)
        if not os.path.isdir(layer_dir):
            continue
        if layer not in LAYERS:
            found.append(f"{layer_dir}: folder '{layer}' is not a known layer {LAYERS}")
            continue
        rank = LAYERS.index(layer)
        for dirpath, _, files in os.walk(layer_dir):
            for name in sorted(files):
                if not name.endswith((".h", ".cc")):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    for lineno, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        target = m.group(1)
                        if target not in LAYERS:
                            found.append(f"{path}:{lineno}: includes unknown layer '{target}'")
                        elif LAYERS.index(target) > rank or (layer, target) in FORBIDDEN_PAIRS:
                            found.append(f"{path}:{lineno}: layer '{layer}' must not include "
                                         f"'{target}' (a layer below it)")
    return found


def self_test():
    with tempfile.TemporaryDirectory() as tmp:
        for layer, text in [("common", '#include "ballista/common/status.h"\n'),
                            ("arrow", '#include "ballista/common/status.h"\n'),
                            ("scheduler", '#include "ballista/executor/x.h"\n')]:
            os.makedirs(os.path.join(tmp, "ballista", layer))
            with open(os.path.join(tmp, "ballista", layer, "a.h"), "w") as f:
                f.write(text)
        with open(os.path.join(tmp, "ballista", "common", "b.cc"), "w") as f:
            f.write('#include <vector>\n  #include "ballista/arrow/type.h"\n')
        found = violations(tmp)
        assert len(found) == 2, found
        assert any("'common' must not include 'arrow'" in v for v in found), found
        assert any("'scheduler' must not include 'executor'" in v for v in found), found
    print("self-test passed")
    return 0


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--self-test":
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    found = violations(sys.argv[1])
    for v in found:
        print(v)
    if found:
        return 1
    print("layering ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
