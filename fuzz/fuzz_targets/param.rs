//! `--param NAME=VALUE`: the name read as `$NAME` and the value as a single expression, as the
//! command line does (`src/cli/params.rs`, which the library cannot reach, is mirrored here:
//! parse `RETURN VALUE AS value`, accept one plain item, run it with small limits).
#![no_main]

use kg::syntax::{ast, parse_script};
use libfuzzer_sys::fuzz_target;

fn single_item(script: &ast::Script) -> Option<&ast::ProjectionItem> {
    let [statement] = script.statements.as_slice() else {
        return None;
    };
    let ast::StatementKind::Query(query) = &statement.kind else {
        return None;
    };
    let [part] = query.parts.as_slice() else {
        return None;
    };
    let [clause] = part.clauses.as_slice() else {
        return None;
    };
    let ast::ClauseKind::Return { body } = &clause.kind else {
        return None;
    };
    match body.items.as_slice() {
        [item] if !body.distinct && !body.star => Some(item),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (name, value) = text.split_once('=').unwrap_or(("p", text));
    let bare = name.trim().strip_prefix('$').unwrap_or(name.trim());
    if let Ok(script) = parse_script(&format!("RETURN ${bare}")) {
        let _ = single_item(&script).map(|item| item.text.len());
    }
    let query = format!("RETURN {value} AS value");
    let Ok(script) = parse_script(&query) else {
        return;
    };
    if single_item(&script).is_none_or(|item| item.text != value.trim()) {
        return;
    }
    let mut db = kg_fuzz::empty_db();
    let _ = db.run(&query, &kg::Params::new());
});
