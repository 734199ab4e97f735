//! Why two entities are connected (`kg why`, the shell's `:connect`): the best paths, hubs
//! ranked down, provenance never a hop, names resolved by name or alias.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use kg::why::{self, Limits, NameError};
use kg::{Database, Params};
use std::process::Command;

fn names(c: &why::Connection) -> Vec<String> {
    c.nodes.iter().map(why::node_name).collect()
}

#[test]
fn the_seed_graph_explains_dresser_to_bedrock_and_luria_to_microsoft() {
    let db = Database::default_graph().unwrap();
    let g = db.graph();
    for (from, to) in [
        ("Denise Dresser", "Amazon Bedrock"),
        ("Gil Luria", "Microsoft"),
    ] {
        let a = why::resolve(g, from).unwrap();
        let b = why::resolve(g, to).unwrap();
        let found = why::connect(g, a, b, Limits::default());
        assert_eq!(found.connections.len(), 3, "{from} -> {to}");
        assert!(!found.truncated);
        for c in &found.connections {
            let path = names(c);
            assert_eq!(path.first().map(String::as_str), Some(from));
            assert_eq!(path.last().map(String::as_str), Some(to));
            // No provenance: no :Source node on the way, every hop a fact with its sources.
            assert!(
                c.nodes
                    .iter()
                    .all(|n| !n.labels.iter().any(|l| &**l == "Source")),
                "{path:?}"
            );
            assert!(c.rels.iter().all(|(r, _)| !r.cites.is_empty()), "{path:?}");
            assert!(c.rels.len() <= 4);
        }
        // Best first.
        let costs: Vec<f64> = found.connections.iter().map(|c| c.cost).collect();
        assert!(costs.windows(2).all(|w| w[0] <= w[1]), "{costs:?}");
    }
    let a = why::resolve(g, "Denise Dresser").unwrap();
    let b = why::resolve(g, "Amazon Bedrock").unwrap();
    let best = &why::connect(g, a, b, Limits::default()).connections[0];
    let text = why::to_text(best);
    assert!(
        text.starts_with(
            "Denise Dresser -[WORKS_AT role: 'revenue chief' | CNBC, Article]-> OpenAI"
        ),
        "{text}"
    );
    assert!(text.ends_with("Amazon Bedrock"), "{text}");
}

#[test]
fn hubs_rank_down_and_the_budget_stops_the_search() {
    let mut db = Database::in_memory();
    // A and B are joined through a hub H (linked to many leaves) and through a quiet Q.
    db.run(
        "CREATE (a {name: 'A'}), (b {name: 'B'}), (h {name: 'H'}), (q {name: 'Q'}), \
         (a)-[:R]->(h)-[:R]->(b), (a)-[:R]->(q)-[:R]->(b) \
         WITH h UNWIND range(1, 20) AS i CREATE (h)-[:R]->({name: 'leaf' + i})",
        &Params::new(),
    )
    .unwrap();
    let g = db.graph();
    let (a, b) = (why::resolve(g, "A").unwrap(), why::resolve(g, "B").unwrap());
    let found = why::connect(g, a, b, Limits::default());
    let paths: Vec<Vec<String>> = found.connections.iter().map(names).collect();
    assert_eq!(paths, [["A", "Q", "B"], ["A", "H", "B"]]);
    let tight = Limits {
        budget: 2,
        ..Limits::default()
    };
    assert!(why::connect(g, a, b, tight).truncated);
    let short = Limits {
        max_hops: 1,
        ..Limits::default()
    };
    assert!(why::connect(g, a, b, short).connections.is_empty());
}

#[test]
fn names_resolve_by_alias_and_ambiguity_lists_the_candidates() {
    let db = Database::default_graph().unwrap();
    let g = db.graph();
    assert_eq!(
        why::resolve(g, "Amazon Web Services").unwrap(),
        why::resolve(g, "AWS").unwrap()
    );
    assert_eq!(
        why::resolve(g, "openai").unwrap(),
        why::resolve(g, "OpenAI").unwrap()
    );
    let mut db = Database::in_memory();
    db.run(
        "CREATE (:Company {name: 'Acme'}), (:Person {name: 'Acme'})",
        &Params::new(),
    )
    .unwrap();
    let err = why::resolve(db.graph(), "Acme").unwrap_err();
    let NameError::Ambiguous(_, candidates) = &err else {
        panic!("{err}")
    };
    assert_eq!(candidates.len(), 2);
    assert!(err.to_string().contains("Acme (:Person)"), "{err}");
    assert!(matches!(
        why::resolve(db.graph(), "Nobody"),
        Err(NameError::NotFound(_))
    ));
}

#[test]
fn kg_why_prints_text_json_and_html() {
    let kg = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_kg"))
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, text, _) = kg(&["why", "Gil Luria", "Microsoft"]);
    assert_eq!(code, 0);
    assert_eq!(text.lines().count(), 3);
    assert!(
        text.lines()
            .all(|l| l.starts_with("Gil Luria -[") && l.ends_with(" Microsoft"))
    );
    assert!(text.contains("| Business Standard, Article]"), "{text}");
    let (code, json, _) = kg(&[
        "why",
        "Gil Luria",
        "Microsoft",
        "--format",
        "json",
        "--k",
        "2",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let paths = v.as_array().unwrap();
    assert_eq!(paths.len(), 2);
    let first = &paths[0];
    assert_eq!(first["nodes"][0]["name"], "Gil Luria");
    assert_eq!(first["nodes"][0]["labels"][0], "Person");
    assert_eq!(first["rels"][0]["type"], "SAID");
    assert_eq!(first["rels"][0]["sources"][0], "Business Standard");
    assert!(first["rels"][0]["properties"].is_object());
    let (code, html, _) = kg(&["why", "Gil Luria", "Microsoft", "--format", "html"]);
    assert_eq!(code, 0);
    assert!(html.contains("<html") && html.contains("Gil Luria"));
    let (code, _, err) = kg(&["why", "Gil Luria", "Nobody"]);
    assert_eq!(code, 3);
    assert!(
        err.contains("no node is named or also known as 'Nobody'"),
        "{err}"
    );
}

#[test]
fn as_of_leaves_out_what_was_not_valid_then() {
    let db = Database::default_graph().unwrap();
    let g = db.graph();
    let (a, b) = (
        why::resolve(g, "Microsoft").unwrap(),
        why::resolve(g, "AWS").unwrap(),
    );
    let types = |as_of: Option<&str>| -> Vec<String> {
        let limits = Limits {
            k: 20,
            as_of: as_of.map(|d| kg::functions::parse_as_of(d).unwrap()),
            ..Limits::default()
        };
        why::connect(g, a, b, limits)
            .connections
            .iter()
            .flat_map(|c| c.rels.iter().map(|(r, _)| r.ty.to_string()))
            .collect()
    };
    // AWS distributes OpenAI's models from April 2026: not a way between them in March.
    assert!(types(None).iter().any(|t| t == "DISTRIBUTES"));
    let march = types(Some("2026-03-01"));
    let aws_distributes = why::connect(
        g,
        a,
        b,
        Limits {
            k: 50,
            as_of: Some(kg::functions::parse_as_of("2026-03-01").unwrap()),
            ..Limits::default()
        },
    )
    .connections
    .iter()
    .any(|c| {
        c.rels
            .iter()
            .any(|(r, _)| &*r.ty == "DISTRIBUTES" && r.props.contains_key("valid_from"))
    });
    assert!(!aws_distributes, "{march:?}");
}
