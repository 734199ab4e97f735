//! A readable rendering of a plan, for EXPLAIN.

use super::logical::*;
use crate::graph::Names;
use std::fmt::Write;

/// Renders the plan as an indented operator tree, outermost operator first.
pub fn explain(plan: &QueryPlan, names: &Names) -> String {
    let mut out = String::new();
    for (i, part) in plan.parts.iter().enumerate() {
        if i > 0 {
            let all = plan.union_all.get(i - 1).copied().unwrap_or(false);
            out.push_str(if all { "UNION ALL\n" } else { "UNION\n" });
        }
        for (s, stage) in part.stages.iter().enumerate().rev() {
            let _ = writeln!(out, "stage {s}:");
            match stage {
                Stage::Read(op) => write_op(&mut out, op, names, 1),
                Stage::Write(w) => {
                    let _ = writeln!(out, "  {}", write_name(w));
                }
            }
        }
    }
    out
}

fn write_name(w: &WriteOp) -> &'static str {
    match w {
        WriteOp::Create(_) => "Create",
        WriteOp::Merge(_) => "Merge",
        WriteOp::Set(_) => "Set",
        WriteOp::Remove(_) => "Remove",
        WriteOp::Delete { detach: true, .. } => "DetachDelete",
        WriteOp::Delete { .. } => "Delete",
        WriteOp::Foreach { .. } => "Foreach",
    }
}

fn sym_list(names: &Names, syms: &[crate::graph::Symbol], sep: &str) -> String {
    syms.iter()
        .map(|s| names.name(*s).to_string())
        .collect::<Vec<_>>()
        .join(sep)
}

fn write_op(out: &mut String, op: &Op, names: &Names, depth: usize) {
    let pad = "  ".repeat(depth);
    let (line, inputs): (String, Vec<&Op>) = match op {
        Op::Input => ("Input".into(), vec![]),
        Op::NodeScan {
            input,
            slot,
            label,
            filter,
        } => {
            let how = match label {
                Some(l) => format!("NodeByLabelScan #{slot} :{}", names.name(*l)),
                None => format!("AllNodesScan #{slot}"),
            };
            let extra = if filter.props.is_empty() {
                String::new()
            } else {
                " with property filter".into()
            };
            (how + &extra, vec![input])
        }
        Op::NodeIndexSeek {
            input,
            slot,
            label,
            key,
            ..
        } => (
            format!(
                "NodeIndexSeek #{slot} :{}({})",
                names.name(*label),
                names.name(*key)
            ),
            vec![input],
        ),
        Op::CheckNode { input, slot, .. } => (format!("CheckNode #{slot}"), vec![input]),
        Op::Expand(e) => {
            let arrow = match e.dir {
                Some(crate::graph::Direction::Outgoing) => "->",
                Some(crate::graph::Direction::Incoming) => "<-",
                None => "--",
            };
            let kind = if e.var_length.is_some() {
                "VarLengthExpand"
            } else if e.to_bound {
                "ExpandInto"
            } else {
                "Expand"
            };
            let types = if e.types.is_empty() {
                String::new()
            } else {
                format!(":{}", sym_list(names, &e.types, "|"))
            };
            (
                format!("{kind} #{} {arrow}[#{}{types}] #{}", e.from, e.rel, e.to),
                vec![&e.input],
            )
        }
        Op::ShortestPath(sp) => (
            format!(
                "{} #{} -> #{}",
                if sp.all {
                    "AllShortestPaths"
                } else {
                    "ShortestPath"
                },
                sp.from,
                sp.to
            ),
            vec![&sp.input],
        ),
        Op::Filter { input, .. } => ("Filter".into(), vec![input]),
        Op::Optional { input, inner, .. } => ("Optional".into(), vec![input, inner]),
        Op::Unwind { input, slot, .. } => (format!("Unwind #{slot}"), vec![input]),
        Op::LoadCsv(l) => (
            format!(
                "LoadCsv{} #{}",
                if l.headers { " WITH HEADERS" } else { "" },
                l.slot
            ),
            vec![&l.input],
        ),
        Op::Project { input, items } => {
            let slots: Vec<String> = items.iter().map(|(s, _)| format!("#{s}")).collect();
            (format!("Project {}", slots.join(", ")), vec![input])
        }
        Op::Aggregate {
            input,
            keys,
            aggregates,
            ..
        } => (
            format!(
                "Aggregate keys={} aggregates={}",
                keys.len(),
                aggregates.len()
            ),
            vec![input],
        ),
        Op::Distinct { input, .. } => ("Distinct".into(), vec![input]),
        Op::Sort { input, keys, top } => {
            let kind = if top.is_some() { "Top" } else { "Sort" };
            (format!("{kind} keys={}", keys.len()), vec![input])
        }
        Op::Skip { input, .. } => ("Skip".into(), vec![input]),
        Op::Limit { input, .. } => ("Limit".into(), vec![input]),
    };
    let _ = writeln!(out, "{pad}{line}");
    for input in inputs {
        write_op(out, input, names, depth + 1);
    }
}
