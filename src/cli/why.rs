//! `kg why A B` and the shell's `:connect A B` (why two entities are connected), and the
//! shell's `:why` (the sources behind each element of the last result).

use super::{Fatal, Status, print_out};
use kg::why::{self, Limits};
use kg::{Database, QueryResult};

#[derive(clap::Args, Debug, Clone)]
pub struct WhyArgs {
    /// The first entity: a name or an alias
    pub from: String,
    /// The second entity
    pub to: String,
    /// How many connections to show, best first
    #[arg(long, default_value_t = 3)]
    pub k: usize,
    /// The longest connection, in relationships
    #[arg(long, default_value_t = 4)]
    pub max_hops: usize,
    /// How many relationships the search may follow before it stops with what it found
    #[arg(long, default_value_t = 200_000)]
    pub budget: usize,
    #[arg(long, value_enum, default_value_t = WhyFormat::Text)]
    pub format: WhyFormat,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhyFormat {
    /// One line per connection, hop by hop
    Text,
    /// One array of connections
    Json,
    /// The connections' subgraph in the html viewer
    Html,
}

/// The connections between two named entities, or why there are none.
pub fn find(db: &Database, from: &str, to: &str, limits: Limits) -> Result<why::Found, String> {
    db.connections(from, to, limits).map_err(|e| e.to_string())
}

/// The connections as text lines, with a line saying so when there are none.
pub fn text(found: &why::Found, limits: Limits) -> String {
    let mut out = String::new();
    for c in &found.connections {
        out.push_str(&why::to_text(c));
        out.push('\n');
    }
    if found.connections.is_empty() {
        out.push_str(&format!(
            "no connection within {} relationships\n",
            limits.max_hops
        ));
    }
    if found.truncated {
        out.push_str("note: the search budget ran out; longer connections may exist\n");
    }
    out
}

pub fn run(db: &Database, args: &WhyArgs) -> Result<Status, Fatal> {
    let limits = Limits {
        k: args.k,
        max_hops: args.max_hops,
        budget: args.budget,
        as_of: db.as_of(),
    };
    let found = find(db, &args.from, &args.to, limits).map_err(Fatal::data)?;
    match args.format {
        WhyFormat::Text => print_out(|out| out.write_all(text(&found, limits).as_bytes()))?,
        WhyFormat::Json => print_out(|out| writeln!(out, "{}", why::to_json(&found.connections)))?,
        WhyFormat::Html => {
            let nodes = found
                .connections
                .iter()
                .flat_map(|c| c.nodes.iter().cloned())
                .collect();
            let rels = found
                .connections
                .iter()
                .flat_map(|c| c.rels.iter().map(|(r, _)| r.clone()))
                .collect();
            let sub = kg::export::Subgraph::listed(nodes, rels);
            print_out(|out| {
                kg::export::write(kg::export::ExportFormat::Html, &sub, out)
                    .map(|_| ())
                    .map_err(|e| std::io::Error::other(e.to_string()))
            })?;
        }
    }
    Ok(Status::Success)
}

/// `:why`: for each node and relationship of the last result, the sources it cites and the
/// passages they quote.
pub fn sources_text(result: &QueryResult, db: &Database) -> String {
    let mut lines = Vec::new();
    let mut nodes: Vec<_> = result.nodes.values().collect();
    nodes.sort_by_key(|n| n.id);
    for n in nodes {
        lines.push((why::node_name(n), &n.cites));
    }
    let mut rels: Vec<_> = result.rels.values().collect();
    rels.sort_by_key(|r| r.id);
    for r in rels {
        // A relationship's ends may be in the result or only in the graph.
        let name = |id| match result.nodes.get(&id) {
            Some(n) => why::node_name(n),
            None => db
                .node(id)
                .map_or_else(|| format!("node {}", id.0), |n| why::node_name(&n)),
        };
        lines.push((
            format!("{} -[{}]-> {}", name(r.start), r.ty, name(r.end)),
            &r.cites,
        ));
    }
    if lines.is_empty() {
        return "the last result holds no nodes or relationships\n".into();
    }
    let mut out = String::new();
    for (what, cites) in lines {
        if cites.is_empty() {
            out.push_str(&format!("{what}: cites no source\n"));
            continue;
        }
        out.push_str(&format!("{what}:\n"));
        for c in cites.iter() {
            match &c.quote {
                Some(q) => out.push_str(&format!("  {} — “{q}”\n", c.name)),
                None => out.push_str(&format!("  {}\n", c.name)),
            }
        }
    }
    out
}
