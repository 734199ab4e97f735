//! Prints expressions and patterns back as query text, in one canonical spelling. The planner
//! uses it to recognise the same expression written twice (`RETURN n.x ... ORDER BY n.x`),
//! and plan explanations use it to show predicates.

use super::ast::*;
use super::quote::{NameRule, quote_name, write_string_literal};
use crate::model::Value;
use std::fmt::{self, Display, Formatter, Write};

/// A name, quoted with backticks where it would not read back as one (see [`quote_name`]).
struct Name<'a>(&'a str);

impl Display for Name<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&quote_name(self.0, NameRule::Variable))
    }
}

fn list<T: Display>(f: &mut Formatter<'_>, items: &[T]) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}

/// Literal values in the query language's syntax (entities never occur in literals).
pub fn write_literal(out: &mut impl Write, v: &Value) -> fmt::Result {
    match v {
        Value::Null => out.write_str("null"),
        Value::Bool(b) => write!(out, "{b}"),
        Value::Int(i) => write!(out, "{i}"),
        Value::Float(x) => write!(out, "{x:?}"),
        Value::String(s) => write_string_literal(out, s),
        Value::List(items) => {
            out.write_char('[')?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.write_str(", ")?;
                }
                write_literal(out, item)?;
            }
            out.write_char(']')
        }
        Value::Map(m) => {
            out.write_char('{')?;
            for (i, (k, item)) in m.iter().enumerate() {
                if i > 0 {
                    out.write_str(", ")?;
                }
                write!(out, "{k}: ")?;
                write_literal(out, item)?;
            }
            out.write_char('}')
        }
        Value::Node(id) => write!(out, "node({id})"),
        Value::Rel(id) => write!(out, "relationship({id})"),
        Value::Path(_) => out.write_str("path"),
        temporal => {
            let text = temporal.temporal_text().unwrap_or_default();
            let kind = temporal.temporal_kind().map_or("date", |k| k.name());
            write!(out, "{kind}('{text}')")
        }
    }
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        // Printing recurses once per level of the tree.
        crate::stack::guarded(|| self.write(f))
    }
}

impl Expr {
    fn write(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Literal(v) => write_literal(f, v),
            ExprKind::IntegerOverflow(t) => f.write_str(t),
            ExprKind::List(items) => {
                f.write_str("[")?;
                list(f, items)?;
                f.write_str("]")
            }
            ExprKind::Map(entries) => {
                f.write_str("{")?;
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}", Name(&k.name))?;
                    write!(f, ": {v}")?;
                }
                f.write_str("}")
            }
            ExprKind::Parameter(p) => {
                f.write_str("$")?;
                if p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty() {
                    f.write_str(p)
                } else {
                    write!(f, "{}", Name(p))
                }
            }
            ExprKind::Variable(v) => write!(f, "{}", Name(v)),
            ExprKind::Property(base, key) => {
                write!(f, "{base}.{}", Name(&key.name))
            }
            ExprKind::Index(base, index) => write!(f, "{base}[{index}]"),
            ExprKind::Slice(base, from, to) => {
                write!(f, "{base}[")?;
                if let Some(from) = from {
                    write!(f, "{from}")?;
                }
                f.write_str("..")?;
                if let Some(to) = to {
                    write!(f, "{to}")?;
                }
                f.write_str("]")
            }
            ExprKind::HasLabels(base, labels) => {
                write!(f, "{base}")?;
                write_labels(f, labels)
            }
            ExprKind::Unary(op, e) => match op {
                UnaryOp::Not => write!(f, "NOT ({e})"),
                UnaryOp::Neg => write!(f, "-({e})"),
                UnaryOp::Pos => write!(f, "+({e})"),
            },
            ExprKind::Binary(first, rest) => {
                write!(f, "({first}")?;
                for (op, e) in rest {
                    let op = match op {
                        BinaryOp::Or => "OR",
                        BinaryOp::Xor => "XOR",
                        BinaryOp::And => "AND",
                        BinaryOp::Add => "+",
                        BinaryOp::Sub => "-",
                        BinaryOp::Mul => "*",
                        BinaryOp::Div => "/",
                        BinaryOp::Mod => "%",
                        BinaryOp::Pow => "^",
                        BinaryOp::StartsWith => "STARTS WITH",
                        BinaryOp::EndsWith => "ENDS WITH",
                        BinaryOp::Contains => "CONTAINS",
                        BinaryOp::In => "IN",
                        BinaryOp::Regex => "=~",
                    };
                    write!(f, " {op} {e}")?;
                }
                f.write_str(")")
            }
            ExprKind::Comparison(first, rest) => {
                write!(f, "({first}")?;
                for (op, e) in rest {
                    let op = match op {
                        CmpOp::Eq => "=",
                        CmpOp::Ne => "<>",
                        CmpOp::Lt => "<",
                        CmpOp::Gt => ">",
                        CmpOp::Le => "<=",
                        CmpOp::Ge => ">=",
                    };
                    write!(f, " {op} {e}")?;
                }
                f.write_str(")")
            }
            ExprKind::IsNull(e, negated) => {
                write!(f, "({e} IS {}NULL)", if *negated { "NOT " } else { "" })
            }
            ExprKind::Case {
                operand,
                alternatives,
                default,
            } => {
                f.write_str("CASE")?;
                if let Some(op) = operand {
                    write!(f, " {op}")?;
                }
                for (w, t) in alternatives {
                    write!(f, " WHEN {w} THEN {t}")?;
                }
                if let Some(d) = default {
                    write!(f, " ELSE {d}")?;
                }
                f.write_str(" END")
            }
            ExprKind::CountStar => f.write_str("count(*)"),
            ExprKind::FunctionCall {
                name: n,
                distinct,
                args,
            } => {
                for (i, part) in n.name.to_lowercase().split('.').enumerate() {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    write!(f, "{}", Name(part))?;
                }
                f.write_str("(")?;
                if *distinct {
                    f.write_str("DISTINCT ")?;
                }
                list(f, args)?;
                f.write_str(")")
            }
            ExprKind::ListComprehension {
                var,
                list: l,
                filter,
                map,
            } => {
                write!(f, "[{} IN {l}", Name(&var.name))?;
                if let Some(w) = filter {
                    write!(f, " WHERE {w}")?;
                }
                if let Some(m) = map {
                    write!(f, " | {m}")?;
                }
                f.write_str("]")
            }
            ExprKind::PatternComprehension {
                path_var,
                pattern,
                filter,
                map,
            } => {
                f.write_str("[")?;
                if let Some(p) = path_var {
                    write!(f, "{} = ", Name(&p.name))?;
                }
                write!(f, "{pattern}")?;
                if let Some(w) = filter {
                    write!(f, " WHERE {w}")?;
                }
                write!(f, " | {map}]")
            }
            ExprKind::Quantifier {
                kind,
                var,
                list: l,
                filter,
            } => {
                let k = match kind {
                    QuantifierKind::All => "all",
                    QuantifierKind::Any => "any",
                    QuantifierKind::None => "none",
                    QuantifierKind::Single => "single",
                };
                write!(f, "{k}({} IN {l}", Name(&var.name))?;
                if let Some(w) = filter {
                    write!(f, " WHERE {w}")?;
                }
                f.write_str(")")
            }
            ExprKind::Reduce {
                acc,
                init,
                var,
                list: l,
                expr,
            } => {
                write!(
                    f,
                    "reduce({} = {init}, {} IN {l} | {expr})",
                    Name(&acc.name),
                    Name(&var.name)
                )
            }
            ExprKind::Exists(body) => match &**body {
                ExistsBody::Pattern { pattern, filter } => {
                    f.write_str("EXISTS { ")?;
                    list(f, pattern)?;
                    if let Some(w) = filter {
                        write!(f, " WHERE {w}")?;
                    }
                    f.write_str(" }")
                }
                ExistsBody::Query(q) => write!(f, "EXISTS {{ {q} }}"),
            },
            ExprKind::CountSubquery(body) => match &**body {
                ExistsBody::Pattern { pattern, filter } => {
                    f.write_str("COUNT { ")?;
                    list(f, pattern)?;
                    if let Some(w) = filter {
                        write!(f, " WHERE {w}")?;
                    }
                    f.write_str(" }")
                }
                ExistsBody::Query(q) => write!(f, "COUNT {{ {q} }}"),
            },
            ExprKind::CollectSubquery(q) => write!(f, "COLLECT {{ {q} }}"),
            ExprKind::PatternPredicate(p) => write!(f, "{p}"),
            ExprKind::ShortestPath(p) => write!(f, "{p}"),
            ExprKind::MapProjection { var, items } => {
                write!(f, "{} {{", Name(&var.name))?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match item {
                        MapProjectionItem::AllProperties => f.write_str(".*")?,
                        MapProjectionItem::Property(k) => write!(f, ".{}", Name(&k.name))?,
                        MapProjectionItem::Literal(k, e) => write!(f, "{}: {e}", Name(&k.name))?,
                        MapProjectionItem::Variable(v) => write!(f, "{}", Name(&v.name))?,
                    }
                }
                f.write_str("}")
            }
        }
    }
}

impl Display for PatternPart {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(v) = &self.var {
            write!(f, "{} = ", Name(&v.name))?;
        }
        match self.shortest {
            Some(ShortestKind::Single) => write!(f, "shortestPath({})", self.element),
            Some(ShortestKind::All) => write!(f, "allShortestPaths({})", self.element),
            None => write!(f, "{}", self.element),
        }
    }
}

impl Display for PatternElement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        for (rel, node) in &self.chain {
            write!(f, "{rel}{node}")?;
        }
        Ok(())
    }
}

impl Display for NodePattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        if let Some(v) = &self.var {
            write!(f, "{}", Name(&v.name))?;
        }
        write_labels(f, &self.labels)?;
        if let Some(p) = &self.props {
            write!(f, " {p}")?;
        }
        f.write_str(")")
    }
}

impl Display for RelPattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.direction == RelDirection::Left {
            "<-["
        } else {
            "-["
        })?;
        if let Some(v) = &self.var {
            write!(f, "{}", Name(&v.name))?;
        }
        for (i, t) in self.types.iter().enumerate() {
            f.write_str(if i == 0 { ":" } else { "|" })?;
            write!(f, "{}", Name(&t.name))?;
        }
        if let Some((min, max)) = self.range {
            f.write_str("*")?;
            if let Some(min) = min {
                write!(f, "{min}")?;
            }
            if min != max || min.is_none() {
                f.write_str("..")?;
                if let Some(max) = max {
                    write!(f, "{max}")?;
                }
            }
        }
        if let Some(p) = &self.props {
            write!(f, " {p}")?;
        }
        f.write_str(if self.direction == RelDirection::Right {
            "]->"
        } else {
            "]-"
        })
    }
}

impl Display for SingleQuery {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, clause) in self.clauses.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{clause}")?;
        }
        Ok(())
    }
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                let all = self.unions.get(i - 1).is_some_and(|u| u.all);
                f.write_str(if all { " UNION ALL " } else { " UNION " })?;
            }
            write!(f, "{part}")?;
        }
        Ok(())
    }
}

fn where_part(f: &mut Formatter<'_>, filter: Option<&Expr>) -> fmt::Result {
    match filter {
        Some(w) => write!(f, " WHERE {w}"),
        None => Ok(()),
    }
}

impl Display for Clause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ClauseKind::Match {
                optional,
                pattern,
                filter,
                as_of,
            } => {
                f.write_str(if *optional {
                    "OPTIONAL MATCH "
                } else {
                    "MATCH "
                })?;
                list(f, pattern)?;
                if let Some(d) = as_of {
                    write!(f, " AS OF {d}")?;
                }
                where_part(f, filter.as_ref())
            }
            ClauseKind::Unwind { list: l, var } => write!(f, "UNWIND {l} AS {}", Name(&var.name)),
            ClauseKind::LoadCsv {
                headers,
                url,
                var,
                terminator,
            } => {
                let headers = if *headers { "WITH HEADERS " } else { "" };
                write!(f, "LOAD CSV {headers}FROM {url} AS {}", Name(&var.name))?;
                if let Some((t, _)) = terminator {
                    f.write_str(" FIELDTERMINATOR ")?;
                    write_literal(f, &Value::str(t))?;
                }
                Ok(())
            }
            ClauseKind::With { body, filter } => {
                write!(f, "WITH {body}")?;
                where_part(f, filter.as_ref())
            }
            ClauseKind::Return { body } => write!(f, "RETURN {body}"),
            ClauseKind::Create { pattern } => {
                f.write_str("CREATE ")?;
                list(f, pattern)
            }
            ClauseKind::Merge {
                part,
                on_create,
                on_match,
            } => {
                write!(f, "MERGE {part}")?;
                if !on_create.is_empty() {
                    f.write_str(" ON CREATE SET ")?;
                    list(f, on_create)?;
                }
                if !on_match.is_empty() {
                    f.write_str(" ON MATCH SET ")?;
                    list(f, on_match)?;
                }
                Ok(())
            }
            ClauseKind::Set { items } => {
                f.write_str("SET ")?;
                list(f, items)
            }
            ClauseKind::Remove { items } => {
                f.write_str("REMOVE ")?;
                list(f, items)
            }
            ClauseKind::Delete { detach, targets } => {
                f.write_str(if *detach { "DETACH DELETE " } else { "DELETE " })?;
                list(f, targets)
            }
            ClauseKind::Cite {
                sources,
                targets,
                remove,
            } => {
                f.write_str(if *remove { "UNCITE " } else { "CITE " })?;
                for (i, s) in sources.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}", s.source)?;
                    if let Some(q) = &s.quote {
                        write!(f, " QUOTE {q}")?;
                    }
                }
                f.write_str(" FOR ")?;
                list(f, targets)
            }
            ClauseKind::Foreach {
                var,
                list: l,
                clauses,
            } => {
                write!(f, "FOREACH ({} IN {l} |", Name(&var.name))?;
                for c in clauses {
                    write!(f, " {c}")?;
                }
                f.write_str(")")
            }
            ClauseKind::CallProcedure(call) => {
                if call.optional {
                    f.write_str("OPTIONAL ")?;
                }
                write!(f, "CALL {}", call.name.name)?;
                if let Some(args) = &call.args {
                    f.write_str("(")?;
                    list(f, args)?;
                    f.write_str(")")?;
                }
                match &call.yields {
                    None => Ok(()),
                    Some(Yield::Star(_)) => f.write_str(" YIELD *"),
                    Some(Yield::Items { items, filter }) => {
                        f.write_str(" YIELD ")?;
                        for (i, item) in items.iter().enumerate() {
                            if i > 0 {
                                f.write_str(", ")?;
                            }
                            write!(f, "{}", Name(&item.field.name))?;
                            if let Some(a) = &item.alias {
                                write!(f, " AS {}", Name(&a.name))?;
                            }
                        }
                        match filter {
                            Some(w) => write!(f, " WHERE {w}"),
                            None => Ok(()),
                        }
                    }
                }
            }
            ClauseKind::CallSubquery(sub) => {
                if sub.optional {
                    f.write_str("OPTIONAL ")?;
                }
                f.write_str("CALL ")?;
                match &sub.scope {
                    None => {}
                    Some(SubqueryScope::All) => f.write_str("(*) ")?,
                    Some(SubqueryScope::Vars(vars)) => {
                        f.write_str("(")?;
                        for (i, v) in vars.iter().enumerate() {
                            if i > 0 {
                                f.write_str(", ")?;
                            }
                            write!(f, "{}", Name(&v.name))?;
                        }
                        f.write_str(") ")?;
                    }
                }
                // One level of recursion per subquery inside another.
                crate::stack::guarded(|| write!(f, "{{ {} }}", sub.query))?;
                match &sub.in_transactions {
                    None => Ok(()),
                    Some(None) => f.write_str(" IN TRANSACTIONS"),
                    Some(Some(n)) => write!(f, " IN TRANSACTIONS OF {n} ROWS"),
                }
            }
        }
    }
}

fn write_labels(f: &mut Formatter<'_>, labels: &[Ident]) -> fmt::Result {
    for l in labels {
        write!(f, ":{}", Name(&l.name))?;
    }
    Ok(())
}

impl Display for SetItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SetItem::Property { target, value } => write!(f, "{target} = {value}"),
            SetItem::Replace { var, value } => write!(f, "{} = {value}", Name(&var.name)),
            SetItem::Merge { var, value } => write!(f, "{} += {value}", Name(&var.name)),
            SetItem::Labels { var, labels: ls } => {
                write!(f, "{}", Name(&var.name))?;
                write_labels(f, ls)
            }
        }
    }
}

impl Display for RemoveItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            RemoveItem::Labels { var, labels: ls } => {
                write!(f, "{}", Name(&var.name))?;
                write_labels(f, ls)
            }
            RemoveItem::Property(e) => write!(f, "{e}"),
        }
    }
}

impl Display for Projection {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.distinct {
            f.write_str("DISTINCT ")?;
        }
        if self.star {
            f.write_str("*")?;
            if !self.items.is_empty() {
                f.write_str(", ")?;
            }
        }
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", item.expr)?;
            if let Some(alias) = &item.alias {
                write!(f, " AS {}", Name(&alias.name))?;
            }
        }
        if !self.order_by.is_empty() {
            f.write_str(" ORDER BY ")?;
            for (i, sort) in self.order_by.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(
                    f,
                    "{}{}",
                    sort.expr,
                    if sort.descending { " DESC" } else { "" }
                )?;
            }
        }
        if let Some(skip) = &self.skip {
            write!(f, " SKIP {skip}")?;
        }
        if let Some(limit) = &self.limit {
            write!(f, " LIMIT {limit}")?;
        }
        Ok(())
    }
}
