//! EXPLAIN and PROFILE: a plan as a list of operators, outermost first, each input indented
//! under the operator that reads it, with the variables, labels, types and index each one
//! uses and the rows it is expected to produce. PROFILE's figures are keyed by the operator
//! each line shows ([`PlanLine::key`]).

use super::estimate;
use super::logical::*;
use crate::graph::{Direction, GraphRead, Names, RangeOp, Symbol};
use std::sync::Arc;

/// One operator of a plan, as EXPLAIN shows it.
#[derive(Debug, Clone)]
pub struct PlanLine {
    pub depth: usize,
    pub operator: String,
    pub details: String,
    pub estimated_rows: f64,
    /// Identifies the operator (its address in the plan), for PROFILE's figures.
    pub key: usize,
    /// The keys of the operators it reads from, for PROFILE's own-time figures.
    pub inputs: Vec<usize>,
}

/// The key PROFILE files an operator's figures under.
pub fn key_of<T>(op: &T) -> usize {
    op as *const T as usize
}

struct Render<'p> {
    names: &'p Names,
    graph: &'p dyn GraphRead,
    slots: &'p [Option<Arc<str>>],
    lines: Vec<PlanLine>,
}

impl Render<'_> {
    fn var(&self, slot: Slot) -> String {
        match self.slots.get(slot).cloned().flatten() {
            Some(name) => name.to_string(),
            None => format!("anon_{slot}"),
        }
    }

    fn vars(&self, slots: impl IntoIterator<Item = Slot>) -> String {
        slots
            .into_iter()
            .map(|s| self.var(s))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn syms(&self, syms: &[Symbol], sep: &str) -> String {
        syms.iter()
            .map(|s| self.names.name(*s).to_string())
            .collect::<Vec<_>>()
            .join(sep)
    }

    fn node(&self, slot: Slot, filter: &NodeFilter) -> String {
        let mut out = self.var(slot);
        for l in &filter.labels {
            out.push(':');
            out.push_str(&self.names.name(*l));
        }
        if !filter.props.is_empty() {
            let keys: Vec<String> = filter
                .props
                .iter()
                .map(|(k, _)| format!("{}: …", self.names.name(*k)))
                .collect();
            out.push_str(&format!(" {{{}}}", keys.join(", ")));
        }
        out
    }

    fn hop(&self, e: &Expand) -> String {
        let types = if e.types.is_empty() {
            String::new()
        } else {
            format!(":{}", self.syms(&e.types, "|"))
        };
        let length = e
            .var_length
            .map_or_else(String::new, |(min, max)| format!("*{}", lengths(min, max)));
        let rel = format!("[{}{types}{length}]", self.var(e.rel));
        let (left, right) = match e.dir {
            Some(Direction::Outgoing) => ("-", "->"),
            Some(Direction::Incoming) => ("<-", "-"),
            None => ("-", "-"),
        };
        format!(
            "({}){left}{rel}{right}({})",
            self.var(e.from),
            self.node(e.to, &e.to_filter)
        )
    }

    /// Adds `op` and its inputs at `depth`; returns the rows it is expected to produce when
    /// its stage starts from `input` rows.
    fn op(&mut self, op: &Op, depth: usize, input: f64) -> f64 {
        // One level of recursion per operator, subqueries' included.
        crate::stack::guarded(|| self.op_line(op, depth, input))
    }

    fn op_line(&mut self, op: &Op, depth: usize, input: f64) -> f64 {
        let estimated_rows = estimate::rows(op, self.graph, input);
        let (operator, details): (&str, String) = match op {
            Op::Input => return input,
            Op::NodeScan {
                slot,
                label,
                filter,
                ..
            } => (
                if label.is_some() {
                    "NodeByLabelScan"
                } else {
                    "AllNodesScan"
                },
                self.node(*slot, filter),
            ),
            Op::NodeIndexSeek {
                slot, seek, filter, ..
            } => {
                let how = match &seek.lookup {
                    IndexLookup::Equal(_) => "=",
                    IndexLookup::Range(RangeOp::Lt, _) => "<",
                    IndexLookup::Range(RangeOp::Le, _) => "<=",
                    IndexLookup::Range(RangeOp::Gt, _) => ">",
                    IndexLookup::Range(RangeOp::Ge, _) => ">=",
                };
                let details = format!(
                    "{} by {}.{} {how} … in index {}",
                    self.node(*slot, filter),
                    self.var(*slot),
                    self.names.name(seek.key),
                    seek.index
                );
                ("NodeIndexSeek", details)
            }
            Op::CheckNode { slot, filter, .. } => ("CheckNode", self.node(*slot, filter)),
            Op::Expand(e) => {
                let kind = if e.var_length.is_some() {
                    "VarLengthExpand"
                } else if e.to_bound {
                    "ExpandInto"
                } else {
                    "Expand"
                };
                (kind, self.hop(e))
            }
            Op::ShortestPath(sp) => (
                if sp.all {
                    "AllShortestPaths"
                } else {
                    "ShortestPath"
                },
                format!(
                    "{} = ({})-[{}*{}]-({})",
                    self.var(sp.path),
                    self.var(sp.from),
                    self.var(sp.rel),
                    lengths(sp.min, sp.max),
                    self.var(sp.to)
                ),
            ),
            Op::Filter { predicate, .. } => {
                let reads = super::pattern::slots_of(predicate)
                    .map_or_else(|| "a subquery".to_string(), |s| self.vars(s));
                let mut tested = Vec::new();
                let mut date = None;
                valid_at_tests(predicate, &mut tested, &mut date);
                let details = match date {
                    Some(date) => format!(
                        "on {reads}; AS OF {date}: {} valid then",
                        self.vars(tested.into_iter())
                    ),
                    None => format!("on {reads}"),
                };
                ("Filter", details)
            }
            Op::Optional { nullable, .. } => (
                "Optional",
                format!(
                    "null {} when nothing matches",
                    self.vars(nullable.iter().copied())
                ),
            ),
            Op::Unwind { slot, .. } => ("Unwind", self.var(*slot)),
            Op::LoadCsv(l) => (
                "LoadCsv",
                format!(
                    "{}{}",
                    self.var(l.slot),
                    if l.headers { ", with headers" } else { "" }
                ),
            ),
            Op::ProcedureCall(call) => (
                "ProcedureCall",
                format!(
                    "{}{}{}{}",
                    if call.optional { "optional " } else { "" },
                    call.procedure.name,
                    if call.yields.is_empty() {
                        String::new()
                    } else {
                        format!(" yields {}", self.vars(call.yields.iter().map(|(_, s)| *s)))
                    },
                    if call.filter.is_some() {
                        " where …"
                    } else {
                        ""
                    }
                ),
            ),
            Op::Apply(a) => (
                if a.optional { "OptionalApply" } else { "Apply" },
                if a.returns.is_empty() {
                    "a subquery per row, returning nothing".to_string()
                } else {
                    format!(
                        "a subquery per row, returning {}",
                        self.vars(a.returns.iter().copied())
                    )
                },
            ),
            Op::Project { items, .. } => ("Project", self.vars(items.iter().map(|(s, _)| *s))),
            Op::Aggregate {
                keys, aggregates, ..
            } => {
                let aggs: Vec<String> = aggregates
                    .iter()
                    .map(|(s, a)| format!("{} = {}(…)", self.var(*s), a.kind.name()))
                    .collect();
                let details = if keys.is_empty() {
                    aggs.join(", ")
                } else {
                    format!(
                        "by {}: {}",
                        self.vars(keys.iter().map(|(s, _)| *s)),
                        aggs.join(", ")
                    )
                };
                ("Aggregate", details)
            }
            Op::Distinct { slots, .. } => ("Distinct", self.vars(slots.iter().copied())),
            Op::Sort { keys, top, .. } => {
                let keys = format!(
                    "{} key{}",
                    keys.len(),
                    if keys.len() == 1 { "" } else { "s" }
                );
                match top {
                    Some(_) => ("Top", format!("{keys}, kept in a heap")),
                    None => ("Sort", keys),
                }
            }
            Op::Skip { .. } => ("Skip", String::new()),
            Op::Limit { .. } => ("Limit", String::new()),
        };
        let inputs = op.inputs();
        self.lines.push(PlanLine {
            depth,
            operator: operator.to_string(),
            details,
            estimated_rows,
            key: key_of(op),
            inputs: inputs
                .iter()
                .filter(|i| !matches!(i, Op::Input))
                .map(|i| key_of(*i))
                .collect(),
        });
        // The inputs of an operator are drawn below it; Optional's inner pattern (and
        // Apply's subquery) runs from each outer row, so it starts from the outer operator's rows.
        match inputs.as_slice() {
            [only] => {
                self.op(only, depth + 1, input);
            }
            [outer, inners @ ..] => {
                let outer_rows = self.op(outer, depth + 1, input);
                // Apply's parts run from one outer row at a time, Optional's pattern from
                // all of them.
                let from = if matches!(op, Op::Apply(_)) {
                    1.0
                } else {
                    outer_rows
                };
                for inner in inners {
                    self.op(inner, depth + 1, from);
                }
            }
            [] => {}
        }
        estimated_rows
    }
}

/// A variable length as written: `2..5`, `1..` when unbounded.
fn lengths(min: u64, max: u64) -> String {
    if max == u64::MAX {
        format!("{min}..")
    } else {
        format!("{min}..{max}")
    }
}

fn write_name(w: &WriteOp) -> &'static str {
    match w {
        WriteOp::Create(_) => "Create",
        WriteOp::Merge(_) => "Merge",
        WriteOp::Set(_) => "Set",
        WriteOp::Remove(_) => "Remove",
        WriteOp::Delete { detach: true, .. } => "DetachDelete",
        WriteOp::Delete { .. } => "Delete",
        WriteOp::Cite { remove: true, .. } => "Uncite",
        WriteOp::Cite { .. } => "Cite",
        WriteOp::Foreach { .. } => "Foreach",
        WriteOp::Subquery(sub) if sub.batch.is_some() => "SubqueryInTransactions",
        WriteOp::Subquery(_) => "Subquery",
    }
}

/// The plan's operators, outermost first: per single query (UNION between them) its stages
/// from the last, each stage a write or a tree of read operators.
pub fn plan_lines(plan: &QueryPlan, graph: &dyn GraphRead) -> Vec<PlanLine> {
    let mut lines = Vec::new();
    for (i, part) in plan.parts.iter().enumerate() {
        if i > 0 {
            let all = plan.union_all.get(i - 1).copied().unwrap_or(false);
            lines.push(PlanLine {
                depth: 0,
                operator: if all { "UnionAll" } else { "Union" }.to_string(),
                details: String::new(),
                estimated_rows: 0.0,
                key: key_of(part),
                inputs: Vec::new(),
            });
        }
        // Estimates flow from the first stage to the last; lines are shown last first.
        let mut rows = 1.0;
        let mut stages = Vec::new();
        for stage in &part.stages {
            let mut render = Render {
                names: graph.names(),
                graph,
                slots: &part.slot_names,
                lines: Vec::new(),
            };
            match stage {
                Stage::Read(op) => rows = render.op(op, 1, rows),
                Stage::Write(w) => render.lines.push(PlanLine {
                    depth: 1,
                    operator: write_name(w).to_string(),
                    details: String::new(),
                    estimated_rows: rows,
                    key: key_of(stage),
                    inputs: Vec::new(),
                }),
            }
            stages.push((render.lines, rows));
        }
        for (s, (stage_lines, rows)) in stages.into_iter().enumerate().rev() {
            // A stage's figures are those of its outermost operator, with its inputs'.
            let (key, kind) = match &part.stages[s] {
                Stage::Read(op) => (key_of(op), "reads"),
                stage @ Stage::Write(_) => (key_of(stage), "writes"),
            };
            lines.push(PlanLine {
                depth: 0,
                operator: format!("stage {s}"),
                details: kind.to_string(),
                estimated_rows: rows,
                key,
                inputs: Vec::new(),
            });
            lines.extend(stage_lines);
        }
    }
    lines
}

/// The plan as text, one operator a line: what `Database::explain` returns.
pub fn explain(plan: &QueryPlan, graph: &dyn GraphRead) -> String {
    let mut out = String::new();
    for line in plan_lines(plan, graph) {
        out.push_str(&"  ".repeat(line.depth));
        out.push_str(&line.operator);
        if !line.details.is_empty() {
            out.push(' ');
            out.push_str(&line.details);
        }
        out.push('\n');
    }
    out
}

/// The slots an AS OF filter tests (`validAt(slot, date)` among the conjuncts) and its date.
fn valid_at_tests(predicate: &BoundExpr, tested: &mut Vec<Slot>, date: &mut Option<String>) {
    match predicate {
        BoundExpr::Binary { first, rest }
            if rest
                .iter()
                .all(|(op, _, _)| *op == crate::syntax::ast::BinaryOp::And) =>
        {
            valid_at_tests(first, tested, date);
            for (_, e, _) in rest {
                valid_at_tests(e, tested, date);
            }
        }
        BoundExpr::Call { function, args, .. } if function.name == "validAt" => {
            if let [BoundExpr::Slot(slot), at] = args.as_slice() {
                tested.push(*slot);
                date.get_or_insert_with(|| match at {
                    // A date written as text or as `date('…')` is shown as the date it is.
                    BoundExpr::Const(crate::model::Value::String(s)) => shown_date(s),
                    BoundExpr::Const(v) => v.temporal_text().unwrap_or_else(|| "its date".into()),
                    BoundExpr::Call { function, args, .. } => match args.as_slice() {
                        [BoundExpr::Const(crate::model::Value::String(s))]
                            if function.name == "date" =>
                        {
                            shown_date(s)
                        }
                        _ => format!("{}(…)", function.name),
                    },
                    _ => "its date".to_string(),
                });
            }
        }
        _ => {}
    }
}

fn shown_date(text: &str) -> String {
    crate::model::temporal::parse_date(text).map_or_else(|| format!("'{text}'"), |d| d.to_string())
}
