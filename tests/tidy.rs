//! Crate confinement, checked on the source: each outside crate is named only by the module
//! that owns it (see ARCHITECTURE.md), so that a file format or a graph library stays
//! replaceable in one place.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn outside_crates_stay_in_their_modules() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // (crate as named in code, the only places allowed to name it)
    let rules: [(&str, &[&str]); 10] = [
        ("bincode::", &["persist/"]),
        ("cap::", &["main.rs"]),
        ("chrono_tz::", &["model/temporal/zone.rs"]),
        ("fd_lock::", &["persist/lock.rs"]),
        ("humantime::", &["limits.rs"]),
        ("indicatif::", &["cli/"]),
        ("parse_size::", &["limits.rs"]),
        ("petgraph::", &["graph/"]),
        ("pest::", &["syntax/"]),
        ("stacker::", &["stack.rs"]),
    ];
    let mut broken = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(file).unwrap();
        for (name, allowed) in rules {
            if text.contains(name) && !allowed.iter().any(|a| rel.starts_with(a)) {
                broken.push(format!("src/{rel} names {name}"));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// The `crate::module` paths a file names outside its tests.
fn imported_modules(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let name: String = code[i + "crate::".len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        out.push(name);
    }
    out
}

/// ARCHITECTURE.md's layer table: each module, bottom up, with the modules it imports.
fn layer_table() -> Vec<(String, Vec<String>)> {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/ARCHITECTURE.md")).unwrap();
    let table = doc
        .split("<!-- layers: begin -->")
        .nth(1)
        .and_then(|rest| rest.split("<!-- layers: end -->").next())
        .expect("ARCHITECTURE.md has the layer table");
    let names = |cell: &str| -> Vec<String> {
        cell.split(',')
            .map(|n| n.trim().trim_matches('`').to_string())
            .filter(|n| !n.is_empty())
            .collect()
    };
    table
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').collect();
            (names(cells[0]).remove(0), names(cells[1]))
        })
        .collect()
}

#[test]
fn modules_import_only_the_layers_below_them_as_architecture_md_shows() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let table = layer_table();
    let mut actual: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in &files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let module = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        if ["lib", "main", "cli"].contains(&module.as_str()) {
            continue;
        }
        let imports = actual.entry(module.clone()).or_default();
        for name in imported_modules(&std::fs::read_to_string(file).unwrap()) {
            if name != module {
                imports.insert(name);
            }
        }
    }
    let mut problems = Vec::new();
    let listed: Vec<&String> = table.iter().map(|(m, _)| m).collect();
    for module in actual.keys() {
        if !listed.contains(&module) {
            problems.push(format!("src/{module} is not in the layer table"));
        }
    }
    for (at, (module, allowed)) in table.iter().enumerate() {
        let below: Vec<&String> = listed[..at].to_vec();
        for name in allowed {
            if !below.contains(&name) {
                problems.push(format!(
                    "the table lets {module} import {name}, which is not below it"
                ));
            }
        }
        let Some(imports) = actual.get(module) else {
            problems.push(format!(
                "the table lists {module}, which src/ does not have"
            ));
            continue;
        };
        for name in imports {
            if !allowed.contains(name) {
                problems.push(format!(
                    "{module} imports {name}, which the table does not allow"
                ));
            }
        }
        for name in allowed {
            if !imports.contains(name) {
                problems.push(format!(
                    "the table says {module} imports {name}; it no longer does"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_binary_reads_the_graph_only_through_database() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join("main.rs")];
    rust_files(&src.join("cli"), &mut files);
    // The graph's own types and the ways to them: statistics, schema, nodes and subgraphs
    // come from `Database`'s methods instead.
    let forbidden = [".graph()", "into_graph(", "kg::graph::", "GraphRead"];
    let mut broken = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for name in forbidden {
            if text.contains(name) {
                broken.push(format!("{} names {name}", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
