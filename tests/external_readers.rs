//! The exports are read by tools no one here wrote: networkx loads the GraphML, Graphviz
//! renders the DOT, headless Chromium draws the HTML page. `.ci/run` installs all three;
//! when one is missing these tests fail and say how to install it.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod io_support;

use io_support::{random_graph, scratch};
use kg::export::{self, ExportFormat, Subgraph};
use kg::{Database, Params};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(program: &str, args: &[&str], install: &str) -> Output {
    match Command::new(program).args(args).output() {
        Ok(out) => out,
        Err(e) => panic!("cannot run {program} ({e}): {install} (.ci/run does)"),
    }
}

fn export_to(format: ExportFormat, sub: &Subgraph, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    export::write_to_path(format, sub, &path).unwrap();
    path
}

fn seed() -> Database {
    Database::default_graph().unwrap()
}

/// Loads a GraphML file with networkx and reports counts and a few attributes as JSON.
const NETWORKX: &str = r#"
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
out = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
for n, d in g.nodes(data=True):
    if d.get("name") == "OpenAI":
        out["openai"] = {"labels": d["labels"], "customers": d["enterprise_customers_min"],
                         "customers_is_int": type(d["enterprise_customers_min"]) is int}
    if "aliases" in d and "aliases" not in out:
        out["aliases"] = json.loads(d["aliases"])
    if "approximate" in d:
        out["bool_type"] = type(d["approximate"]).__name__
for a, b, d in g.edges(data=True):
    if d.get("type") == "OWNS_STAKE":
        out["stake"] = [d["stake_pct"], type(d["stake_pct"]).__name__]
print(json.dumps(out))
"#;

fn networkx(path: &Path) -> serde_json::Value {
    let out = run(
        "python3",
        &["-c", NETWORKX, path.to_str().unwrap()],
        "install Python 3 and networkx (pip install networkx)",
    );
    assert!(
        out.status.success(),
        "networkx could not read {}: {}\n(install it with pip install networkx; .ci/run does)",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn networkx_reads_the_graphml_with_its_types() {
    let dir = scratch("networkx");
    let db = seed();
    let seed = Subgraph::whole(db.graph());
    let info = networkx(&export_to(
        ExportFormat::GraphMl,
        &seed,
        &dir,
        "seed.graphml",
    ));
    assert_eq!(info["nodes"], seed.node_count());
    assert_eq!(info["edges"], seed.rel_count());
    assert_eq!(info["openai"]["labels"], ":Company");
    assert_eq!(info["openai"]["customers"], 200_000);
    assert_eq!(info["openai"]["customers_is_int"], true);
    assert_eq!(info["stake"], serde_json::json!([27.0, "float"]));
    assert_eq!(info["bool_type"], "bool");
    assert!(info["aliases"].is_array(), "{info}");
    // Control characters, markup and odd keys load too.
    for seed in [3, 7, 11] {
        let graph = random_graph(seed);
        let sub = Subgraph::whole(&graph);
        let path = export_to(
            ExportFormat::GraphMl,
            &sub,
            &dir,
            &format!("r{seed}.graphml"),
        );
        let info = networkx(&path);
        assert_eq!(info["nodes"], sub.node_count(), "{}", path.display());
        assert_eq!(info["edges"], sub.rel_count(), "{}", path.display());
    }
}

fn render_dot(path: &Path) -> String {
    let out = run(
        "dot",
        &["-Tsvg", path.to_str().unwrap()],
        "install Graphviz (apt-get install graphviz)",
    );
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "dot -Tsvg {} failed: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn graphviz_renders_the_dot() {
    let dir = scratch("graphviz");
    let db = seed();
    let seed = Subgraph::whole(db.graph());
    let svg = render_dot(&export_to(ExportFormat::Dot, &seed, &dir, "seed.dot"));
    assert_eq!(svg.matches("class=\"node\"").count(), seed.node_count());
    assert_eq!(svg.matches("class=\"edge\"").count(), seed.rel_count());
    assert!(svg.contains(">OpenAI</text>"));
    std::fs::write(dir.join("seed.svg"), &svg).unwrap();
    for seed in [3, 7, 11] {
        let graph = random_graph(seed);
        let sub = Subgraph::whole(&graph);
        let svg = render_dot(&export_to(
            ExportFormat::Dot,
            &sub,
            &dir,
            &format!("r{seed}.dot"),
        ));
        assert_eq!(svg.matches("class=\"node\"").count(), sub.node_count());
        assert_eq!(svg.matches("class=\"edge\"").count(), sub.rel_count());
    }
}

/// Screenshots are kept for people to look at: target/artifacts/.
fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn chromium_check(page: &Path, shot: &Path, nodes: usize, node: u64, needle: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(
        root.join("tests/node_modules/playwright-core").is_dir(),
        "playwright-core is missing: run `npm ci --prefix tests` (.ci/run does)"
    );
    assert!(
        Path::new("/usr/bin/chromium").exists() || std::env::var_os("KG_CHROMIUM").is_some(),
        "Chromium is missing: apt-get install chromium (.ci/run does), or set KG_CHROMIUM"
    );
    let script = root.join("tests/html/check.mjs");
    let out = run(
        "node",
        &[
            script.to_str().unwrap(),
            page.to_str().unwrap(),
            shot.to_str().unwrap(),
            &nodes.to_string(),
            &node.to_string(),
            needle,
        ],
        "install Node.js",
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the page {} failed in Chromium: {report}\n{}",
        page.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(shot.is_file(), "no screenshot at {}", shot.display());
}

#[test]
fn chromium_draws_the_page_and_shows_properties_on_click() {
    let dir = scratch("chromium");
    let db = seed();
    let seed = Subgraph::whole(db.graph());
    let page = export_to(ExportFormat::Html, &seed, &dir, "seed.html");
    let openai = seed
        .nodes()
        .find(|n| n.props.get("name").and_then(|v| v.as_str()) == Some("OpenAI"))
        .unwrap();
    let shot = artifacts().join("html-export-seed.png");
    chromium_check(
        &page,
        &shot,
        seed.node_count(),
        openai.id.0,
        "'200,000-plus'",
    );

    // Hostile values show as text: no dialog opens, no element is injected.
    let mut db = Database::in_memory();
    db.run(
        "CREATE (a:`<img src=x onerror=alert(2)>` {name: '</script><script>alert(1)</script>', note: '<img src=x onerror=alert(3)>'})-[:`<b>T</b>` {x: '&amp;'}]->(:B {name: 'b'})",
        &Params::new(),
    )
    .unwrap();
    let hostile = Subgraph::whole(db.graph());
    let page = export_to(ExportFormat::Html, &hostile, &dir, "hostile.html");
    let shot = artifacts().join("html-export-hostile.png");
    chromium_check(&page, &shot, 2, 0, "'<img src=x onerror=alert(3)>'");
}
