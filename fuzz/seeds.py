#!/usr/bin/env python3
"""Adds the seed corpora of the fuzz targets to fuzz/corpus/<target>/ (not kept in git).

Sources: the queries of tests/queries and graph-data, the query blocks of the openCypher TCK in
../shared/tck (read where they are, never copied into the repository), the CSV graph in
graph-data/seed-csv, and store files written by the kg binary (KG=path, default
target/debug/kg; without it the JSON, snapshot and log seeds from it are left out).

    python3 fuzz/seeds.py
"""

import hashlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
TCK = ROOT.parent / "shared" / "tck" / "features"
KG = Path(os.environ.get("KG", ROOT / "target" / "debug" / "kg"))
SNAPSHOT_HEADER = 40


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = FUZZ / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def statements(text):
    """Statements of a script: split after a `;` that ends a line, comments dropped."""
    out, current = [], []
    for line in text.splitlines():
        if line.lstrip().startswith("//"):
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            out.append("\n".join(current).strip().rstrip(";"))
            current = []
    if "".join(current).strip():
        out.append("\n".join(current).strip())
    return [s for s in out if s]


def tck_queries():
    for feature in sorted(TCK.rglob("*.feature")):
        for block in re.findall(r'"""\n(.*?)\n\s*"""', feature.read_text(), re.S):
            yield "\n".join(l.strip() for l in block.splitlines())


def kg(*args, stdin=None):
    return subprocess.run([str(KG), *args], input=stdin, capture_output=True, text=True)


def main():
    scripts = sorted(ROOT.glob("tests/queries/**/*.cypher")) + sorted(ROOT.glob("graph-data/*/*.cypher"))
    queries = [q for s in scripts for q in statements(s.read_text())]
    queries += list(tck_queries()) if TCK.is_dir() else []
    for q in queries:
        put("query", q)
        # Expressions as --param values: what follows RETURN, when it is one item.
        m = re.match(r"RETURN (.+?)(?: AS \w+)?$", q)
        if m and "," not in m.group(1):
            put("param", "p=" + m.group(1))
    for p in ["x=1", "name='Nordlys'", "x=[1, 2.5, 'a', null]", "m={k: 'v', n: [1, {d: date('2024-01-31')}]}",
              "`odd name`=duration('P1Y2M3DT4H')", "$t=datetime('2024-03-31T02:30:00[Europe/Paris]')",
              "x=-9223372036854775808", "f=1e308", "s='\\u00e9\\n'", "novalue", "x=[1,"]:
        put("param", p)

    csv = ROOT / "graph-data" / "seed-csv"
    put("import", b"\0" + (csv / "nodes.csv").read_bytes() + b"\n%%\n" + (csv / "relationships.csv").read_bytes())
    put("import", b"\4" + (csv / "nodes.csv").read_bytes())
    for s in scripts:
        put("import", b"\3" + s.read_bytes())
    for q in queries:
        if q.startswith("CREATE") or q.startswith("UNWIND"):
            put("import", b"\3" + q.encode())

    if not KG.exists():
        print(f"no kg binary at {KG}: JSON, snapshot and log seeds left out", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for fmt, byte in [("json", b"\1"), ("jsonl", b"\2")]:
            out = tmp / f"g.{fmt}"
            r = kg("--data", str(csv), "export", "--format", fmt, "-o", str(out))
            if r.returncode == 0:
                put("import", byte + out.read_bytes())
        for i, src in enumerate([csv] + sorted(ROOT.glob("graph-data/*/load.cypher"))):
            store = tmp / f"s{i}"
            if kg("--db", str(store), "import", str(src)).returncode == 0:
                put("snapshot", b"\0" + (store / "snapshot.kg").read_bytes()[SNAPSHOT_HEADER:])
                put("snapshot", b"\1" + (store / "snapshot.kg").read_bytes())
        fixture = ROOT / "tests" / "fixtures" / "store-v1" / "snapshot.kg"
        put("snapshot", b"\0" + fixture.read_bytes()[SNAPSHOT_HEADER:])
        # Log records: write statements into a store, then kill kg so that no checkpoint folds
        # them into the snapshot.
        writes = [q for q in queries if re.match(r"(CREATE|MERGE|MATCH .* (SET|DELETE|REMOVE)|CREATE INDEX|CREATE CONSTRAINT)", q, re.S)]
        store = tmp / "log"
        kg("--db", str(store), "import", str(csv))
        proc = subprocess.Popen([str(KG), "--db", str(store), "--checkpoint-size", "1000000000", "run", "--continue", "-"],
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
        try:
            for q in writes[:300]:
                proc.stdin.write(q.replace("\n", " ") + ";\n")
            proc.stdin.flush()
        except BrokenPipeError:
            pass
        time.sleep(5)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        wal = (store / "wal.kg").read_bytes()
        at = 16
        while at + 36 <= len(wal):
            length = int.from_bytes(wal[at:at + 4], "little")
            put("log", b"\xc8\xfe" + wal[at + 36:at + 36 + length])
            at += 36 + length
        fixture = (ROOT / "tests" / "fixtures" / "store-v1" / "wal.kg").read_bytes()
        at = 16
        while at + 36 <= len(fixture):
            length = int.from_bytes(fixture[at:at + 4], "little")
            put("log", b"\xc8\xfe" + fixture[at + 36:at + 36 + length])
            at += 36 + length
    for t in sorted((FUZZ / "corpus").iterdir()):
        print(f"{t.name}: {len(list(t.iterdir()))} seeds")


if __name__ == "__main__":
    main()
