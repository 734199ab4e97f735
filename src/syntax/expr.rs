//! Expressions: operator precedence through a Pratt parser, then one builder per atom rule.
//!
//! The Pratt parser is written out here without recursion (pest's own recurses once per
//! prefix operator, where no depth check could reach), so an expression of any length is
//! built in constant stack: a chain of operators of one level becomes one flat node
//! ([`ExprKind::Binary`], [`ExprKind::Comparison`]), and every node nesting deeper than
//! [`MAX_DEPTH`] is refused as it is built.

use super::ast::*;
use super::build::{
    build_pattern, build_pattern_element, build_single_query, ident, incomplete, parameter_name,
    span_of, unquote,
};
use super::lexical::too_deep;
use super::parser::{Pair, Rule, is_keyword};
use crate::error::{Detail, QueryError};
use crate::model::{MAX_DEPTH, Value};

type Result<T> = std::result::Result<T, QueryError>;

#[derive(Copy, Clone, PartialEq, Eq)]
enum Affix {
    Prefix,
    Infix,
    Postfix,
}

/// Comparisons chain (`a < b < c`); the other binary operators apply in turn.
#[derive(Copy, Clone)]
enum InfixOp {
    Comparison(CmpOp),
    Binary(BinaryOp),
}

fn infix_op(rule: Rule) -> Option<InfixOp> {
    use InfixOp::{Binary as B, Comparison as C};
    Some(match rule {
        Rule::op_eq => C(CmpOp::Eq),
        Rule::op_ne => C(CmpOp::Ne),
        Rule::op_lt => C(CmpOp::Lt),
        Rule::op_gt => C(CmpOp::Gt),
        Rule::op_le => C(CmpOp::Le),
        Rule::op_ge => C(CmpOp::Ge),
        Rule::op_or => B(BinaryOp::Or),
        Rule::op_xor => B(BinaryOp::Xor),
        Rule::op_and => B(BinaryOp::And),
        Rule::op_add => B(BinaryOp::Add),
        Rule::op_sub => B(BinaryOp::Sub),
        Rule::op_mul => B(BinaryOp::Mul),
        Rule::op_div => B(BinaryOp::Div),
        Rule::op_mod => B(BinaryOp::Mod),
        Rule::op_pow => B(BinaryOp::Pow),
        Rule::op_starts_with => B(BinaryOp::StartsWith),
        Rule::op_ends_with => B(BinaryOp::EndsWith),
        Rule::op_contains => B(BinaryOp::Contains),
        Rule::op_in => B(BinaryOp::In),
        Rule::op_regex => B(BinaryOp::Regex),
        _ => return None,
    })
}

/// The comparisons' level, between NOT and IN.
const COMPARISON_LEVEL: u8 = 5;

/// An operator rule's kind and precedence level, as in openCypher's expression grammar: a
/// higher level binds tighter. Binary operators take theirs from [`BinaryOp::precedence`].
fn operator(rule: Rule) -> Option<(Affix, u8)> {
    if let Some(op) = infix_op(rule) {
        let level = match op {
            InfixOp::Comparison(_) => COMPARISON_LEVEL,
            InfixOp::Binary(op) => op.precedence(),
        };
        return Some((Affix::Infix, level));
    }
    Some(match rule {
        Rule::op_not => (Affix::Prefix, 4),
        Rule::op_is_null | Rule::op_is_not_null => (Affix::Postfix, 6),
        Rule::op_neg | Rule::op_pos => (Affix::Prefix, 10),
        Rule::property_lookup | Rule::index_or_slice | Rule::label_check => (Affix::Postfix, 11),
        _ => return None,
    })
}

/// An expression and whether it is an unparenthesised comparison chain that a following
/// comparison operator extends (`a < b < c`).
type Built = (Expr, bool);

/// An operator waiting for its right operand.
enum Pending<'i> {
    Prefix(Pair<'i>),
    Infix(Built, Pair<'i>),
}

pub(super) fn build_expression(pair: Pair) -> Result<Expr> {
    if pair.as_rule() != Rule::expression {
        return Err(incomplete(span_of(&pair)));
    }
    let span = span_of(&pair);
    // Atoms hold expressions: this recursion is as deep as brackets and CASE nest, which
    // the lexical check bounds before parsing.
    crate::stack::guarded(|| build_operators(pair, span))
}

/// Pratt parsing over the flat operand/operator sequence of an `expression` pair, with an
/// explicit stack where the recursive version has its frames: each entry is the binding power
/// an operand is being read at and the operator waiting for it (none for the whole).
fn build_operators(pair: Pair, span: Span) -> Result<Expr> {
    let mut pairs = pair.into_inner().peekable();
    let mut stack: Vec<(u8, Option<Pending>)> = vec![(0, None)];
    loop {
        // An operand: its prefix operators, then an atom.
        let mut lhs = loop {
            let pair = pairs.next().ok_or_else(|| incomplete(span))?;
            match operator(pair.as_rule()) {
                Some((Affix::Prefix, level)) => {
                    stack.push((level - 1, Some(Pending::Prefix(pair))));
                }
                Some(_) => return Err(incomplete(span_of(&pair))),
                None => {
                    let at = span_of(&pair);
                    break (within_limit(build_atom(pair)?, at)?, false);
                }
            }
        };
        // The operators after it: one binding tighter than the innermost pending operator
        // applies to `lhs` (a postfix one at once, an infix one once its right operand is
        // read); any other completes that pending operator with `lhs` as its operand.
        loop {
            let bound = stack.last().map_or(0, |(power, _)| *power);
            match pairs.peek().and_then(|p| operator(p.as_rule())) {
                Some((affix, level)) if affix != Affix::Prefix && level > bound => {
                    let op = pairs.next().ok_or_else(|| incomplete(span))?;
                    if affix == Affix::Postfix {
                        lhs = build_postfix(lhs, op)?;
                        continue;
                    }
                    // Left associative: the right operand takes only tighter operators.
                    stack.push((level, Some(Pending::Infix(lhs, op))));
                    break;
                }
                _ => match stack.pop() {
                    Some((_, Some(Pending::Prefix(op)))) => lhs = build_prefix(op, lhs)?,
                    Some((_, Some(Pending::Infix(l, op)))) => lhs = build_infix(l, op, lhs)?,
                    _ => {
                        return match pairs.next() {
                            Some(extra) => Err(incomplete(span_of(&extra))),
                            None => Ok(lhs.0),
                        };
                    }
                },
            }
        }
    }
}

/// `expr` if it nests no deeper than [`MAX_DEPTH`]; else an error at `at`, the operator or
/// atom that went past it.
pub(super) fn within_limit(expr: Expr, at: Span) -> Result<Expr> {
    if expr.depth as usize > MAX_DEPTH {
        return Err(too_deep("expression", at));
    }
    Ok(expr)
}

fn build_prefix(op: Pair, (rhs, _): Built) -> Result<Built> {
    let at = span_of(&op);
    let span = at.join(rhs.span);
    let op = match op.as_rule() {
        Rule::op_not => UnaryOp::Not,
        Rule::op_neg => UnaryOp::Neg,
        _ => UnaryOp::Pos,
    };
    // `-9223372036854775808` is the one literal whose magnitude alone overflows.
    if op == UnaryOp::Neg {
        if let ExprKind::IntegerOverflow(text) = &rhs.kind {
            if let Some(v) = parse_integer_text(&format!("-{text}")) {
                return Ok((Expr::new(ExprKind::Literal(Value::Int(v)), span), false));
            }
        }
    }
    let expr = Expr::new(ExprKind::Unary(op, Box::new(rhs)), span);
    Ok((within_limit(expr, at)?, false))
}

fn build_postfix((lhs, _): Built, op: Pair) -> Result<Built> {
    let at = span_of(&op);
    let span = lhs.span.join(at);
    let kind = match op.as_rule() {
        Rule::op_is_null => ExprKind::IsNull(Box::new(lhs), false),
        Rule::op_is_not_null => ExprKind::IsNull(Box::new(lhs), true),
        Rule::property_lookup => {
            let key = ident(first(op)?);
            ExprKind::Property(Box::new(lhs), key)
        }
        Rule::label_check => ExprKind::HasLabels(Box::new(lhs), build_labels(first(op)?)),
        _ => {
            // `[from]`, `[from..to?]` or `[..to?]`: an expression, then the dots if a slice.
            let mut from = None;
            let mut dots = None;
            for part in op.into_inner() {
                if part.as_rule() == Rule::slice_dots {
                    dots = Some(part);
                } else {
                    from = Some(Box::new(build_expression(part)?));
                }
            }
            match (from, dots) {
                (Some(index), None) => ExprKind::Index(Box::new(lhs), index),
                (from, Some(dots)) => {
                    let to = match dots.into_inner().next() {
                        Some(to) => Some(Box::new(build_expression(first(to)?)?)),
                        None => None,
                    };
                    ExprKind::Slice(Box::new(lhs), from, to)
                }
                (None, None) => {
                    let why = "an index without an expression".to_string();
                    return Err(QueryError::syntax(Detail::UnexpectedSyntax, why, at));
                }
            }
        }
    };
    Ok((within_limit(Expr::new(kind, span), at)?, false))
}

/// `lhs op rhs`; extends `lhs` in place when it is a chain `op` continues, so a chain of n
/// operators is built in O(n).
fn build_infix((mut lhs, lhs_chain): Built, op: Pair, (rhs, _): Built) -> Result<Built> {
    let at = span_of(&op);
    let span = lhs.span.join(rhs.span);
    let depth = lhs.depth.max(rhs.depth.saturating_add(1));
    let chained = match (infix_op(op.as_rule()), &mut lhs.kind) {
        (Some(InfixOp::Comparison(cmp)), ExprKind::Comparison(_, rest)) if lhs_chain => {
            rest.push((cmp, rhs));
            true
        }
        (Some(InfixOp::Binary(op)), ExprKind::Binary(_, rest))
            if rest
                .first()
                .is_some_and(|(o, _)| o.precedence() == op.precedence()) =>
        {
            rest.push((op, rhs));
            false
        }
        (Some(InfixOp::Comparison(cmp)), _) => {
            let kind = ExprKind::Comparison(Box::new(lhs), vec![(cmp, rhs)]);
            return Ok((within_limit(Expr::new(kind, span), at)?, true));
        }
        (Some(InfixOp::Binary(op)), _) => {
            let kind = ExprKind::Binary(Box::new(lhs), vec![(op, rhs)]);
            return Ok((within_limit(Expr::new(kind, span), at)?, false));
        }
        (None, _) => return Err(incomplete(at)),
    };
    lhs.span = span;
    lhs.depth = depth;
    Ok((within_limit(lhs, at)?, chained))
}

pub(super) fn first(pair: Pair) -> Result<Pair> {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    pair.into_inner().next().ok_or_else(|| {
        QueryError::syntax(Detail::UnexpectedSyntax, format!("empty {rule:?}"), span)
    })
}

/// The expression inside a wrapper rule (`where_clause`, `skip`, `limit`, `case_else`,
/// `comprehension_projection`), past its keyword.
pub(super) fn build_inner_expression(pair: Pair) -> Result<Expr> {
    let span = span_of(&pair);
    let inner = pair.into_inner().find(|p| p.as_rule() == Rule::expression);
    build_expression(inner.ok_or_else(|| incomplete(span))?)
}

pub(super) fn build_labels(pair: Pair) -> Vec<Ident> {
    pair.into_inner().map(ident).collect()
}

fn build_atom(pair: Pair) -> Result<Expr> {
    let span = span_of(&pair);
    let kind = match pair.as_rule() {
        Rule::null_literal => ExprKind::Literal(Value::Null),
        Rule::boolean_literal => {
            let t = pair.as_str().eq_ignore_ascii_case("true");
            ExprKind::Literal(Value::Bool(t))
        }
        Rule::integer_literal => match parse_integer_text(pair.as_str()) {
            Some(v) => ExprKind::Literal(Value::Int(v)),
            None => ExprKind::IntegerOverflow(pair.as_str().to_string()),
        },
        Rule::invalid_number => {
            return Err(QueryError::syntax(
                Detail::InvalidNumberLiteral,
                format!("invalid number {}", pair.as_str()),
                span,
            ));
        }
        Rule::float_literal => {
            let v: f64 = pair.as_str().parse().map_err(|_| {
                QueryError::syntax(Detail::InvalidNumberLiteral, "invalid number", span)
            })?;
            if v.is_infinite() {
                return Err(QueryError::syntax(
                    Detail::FloatingPointOverflow,
                    "floating point number is too large",
                    span,
                ));
            }
            ExprKind::Literal(Value::Float(v))
        }
        Rule::string_literal => {
            let inner = first(pair)?;
            ExprKind::Literal(Value::str(&unescape(inner.as_str(), span)?))
        }
        Rule::list_literal => ExprKind::List(
            pair.into_inner()
                .map(build_expression)
                .collect::<Result<_>>()?,
        ),
        Rule::map_literal => ExprKind::Map(build_map_entries(pair)?),
        Rule::parameter => ExprKind::Parameter(parameter_name(&pair)),
        Rule::variable => ExprKind::Variable(ident(pair).name),
        Rule::parenthesized => return build_expression(first(pair)?),
        Rule::count_star => ExprKind::CountStar,
        Rule::case_expression => build_case(pair)?,
        Rule::list_comprehension => {
            let mut parts = pair.into_inner().filter(|p| !is_keyword(p));
            let var = ident(next(&mut parts, span)?);
            let list = Box::new(build_expression(next(&mut parts, span)?)?);
            let mut filter = None;
            let mut map = None;
            for part in parts {
                let is_where = part.as_rule() == Rule::where_clause;
                let e = Box::new(build_inner_expression(part)?);
                if is_where {
                    filter = Some(e);
                } else {
                    map = Some(e);
                }
            }
            ExprKind::ListComprehension {
                var,
                list,
                filter,
                map,
            }
        }
        Rule::pattern_comprehension => {
            let mut path_var = None;
            let mut pattern = None;
            let mut filter = None;
            let mut map = None;
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::variable => path_var = Some(ident(part)),
                    Rule::relationships_chain => pattern = Some(build_pattern_element(part)?),
                    Rule::where_clause => {
                        filter = Some(Box::new(build_inner_expression(part)?));
                    }
                    _ => map = Some(Box::new(build_expression(part)?)),
                }
            }
            match (pattern, map) {
                (Some(pattern), Some(map)) => ExprKind::PatternComprehension {
                    path_var,
                    pattern: Box::new(pattern),
                    filter,
                    map,
                },
                _ => return Err(incomplete(span)),
            }
        }
        Rule::quantifier => {
            let mut parts = pair.into_inner().filter(|p| !is_keyword(p));
            let kind = match next(&mut parts, span)?
                .as_str()
                .to_ascii_lowercase()
                .as_str()
            {
                "all" => QuantifierKind::All,
                "any" => QuantifierKind::Any,
                "none" => QuantifierKind::None,
                _ => QuantifierKind::Single,
            };
            let var = ident(next(&mut parts, span)?);
            let list = Box::new(build_expression(next(&mut parts, span)?)?);
            let filter = match parts.next() {
                Some(w) => Some(Box::new(build_inner_expression(w)?)),
                None => None,
            };
            ExprKind::Quantifier {
                kind,
                var,
                list,
                filter,
            }
        }
        Rule::reduce_expression => {
            let mut parts = pair.into_inner().filter(|p| !is_keyword(p));
            let acc = ident(next(&mut parts, span)?);
            let init = Box::new(build_expression(next(&mut parts, span)?)?);
            let var = ident(next(&mut parts, span)?);
            let list = Box::new(build_expression(next(&mut parts, span)?)?);
            let expr = Box::new(build_expression(next(&mut parts, span)?)?);
            ExprKind::Reduce {
                acc,
                init,
                var,
                list,
                expr,
            }
        }
        Rule::exists_subquery | Rule::count_subquery => {
            let rule = pair.as_rule();
            let mut parts = pair.into_inner().filter(|p| !is_keyword(p)).peekable();
            let body = match parts.peek().map(Pair::as_rule) {
                Some(Rule::single_query) => {
                    ExistsBody::Query(build_single_query(next(&mut parts, span)?)?)
                }
                _ => {
                    let pattern = build_pattern(next(&mut parts, span)?)?;
                    let filter = match parts.next() {
                        Some(w) => Some(build_inner_expression(w)?),
                        None => None,
                    };
                    ExistsBody::Pattern { pattern, filter }
                }
            };
            if rule == Rule::count_subquery {
                ExprKind::CountSubquery(Box::new(body))
            } else {
                ExprKind::Exists(Box::new(body))
            }
        }
        Rule::collect_subquery => {
            let mut parts = pair.into_inner().filter(|p| !is_keyword(p));
            ExprKind::CollectSubquery(Box::new(build_single_query(next(&mut parts, span)?)?))
        }
        Rule::shortest_path_expression => {
            let inner = first(pair)?;
            let part = super::build::build_shortest(inner, None, span)?;
            ExprKind::ShortestPath(Box::new(part))
        }
        Rule::pattern_predicate => {
            ExprKind::PatternPredicate(Box::new(build_pattern_element(first(pair)?)?))
        }
        Rule::map_projection => {
            let mut parts = pair.into_inner();
            let var = ident(next(&mut parts, span)?);
            let mut items = Vec::new();
            for item in parts {
                let item = first(item)?;
                items.push(match item.as_rule() {
                    Rule::projection_all_props => MapProjectionItem::AllProperties,
                    Rule::projection_property => MapProjectionItem::Property(ident(first(item)?)),
                    Rule::projection_literal => {
                        let mut kv = item.into_inner();
                        let key = ident(next(&mut kv, span)?);
                        MapProjectionItem::Literal(key, build_expression(next(&mut kv, span)?)?)
                    }
                    _ => MapProjectionItem::Variable(ident(first(item)?)),
                });
            }
            ExprKind::MapProjection { var, items }
        }
        Rule::function_call => {
            let mut parts = pair.into_inner();
            let name_pair = next(&mut parts, span)?;
            let name_span = span_of(&name_pair);
            // `namespace` holds the dotted prefix's names; the last name follows it.
            let mut names = Vec::new();
            for part in name_pair.into_inner() {
                if part.as_rule() == Rule::namespace {
                    names.extend(part.into_inner().map(|n| unquote(n.as_str())));
                } else {
                    names.push(unquote(part.as_str()));
                }
            }
            let name = Ident {
                name: names.join(".").into(),
                span: name_span,
            };
            let mut distinct = false;
            let mut args = Vec::new();
            for part in parts {
                if part.as_rule() == Rule::kw_DISTINCT {
                    distinct = true;
                } else {
                    args.push(build_expression(part)?);
                }
            }
            ExprKind::FunctionCall {
                name,
                distinct,
                args,
            }
        }
        other => {
            return Err(QueryError::syntax(
                Detail::UnexpectedSyntax,
                format!("unexpected {other:?} in an expression"),
                span,
            ));
        }
    };
    Ok(Expr::new(kind, span))
}

pub(super) fn build_map_entries(pair: Pair) -> Result<Vec<(Ident, Expr)>> {
    let mut entries = Vec::new();
    for entry in pair.into_inner() {
        let span = span_of(&entry);
        let mut kv = entry.into_inner();
        let key = ident(next(&mut kv, span)?);
        entries.push((key, build_expression(next(&mut kv, span)?)?));
    }
    Ok(entries)
}

fn build_case(pair: Pair) -> Result<ExprKind> {
    let mut operand = None;
    let mut alternatives = Vec::new();
    let mut default = None;
    for part in pair.into_inner() {
        let span = span_of(&part);
        match part.as_rule() {
            Rule::kw_CASE | Rule::kw_END => {}
            Rule::expression => operand = Some(Box::new(build_expression(part)?)),
            Rule::case_alternative => {
                let mut wt = part
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::expression);
                let when = build_expression(next(&mut wt, span)?)?;
                let then = build_expression(next(&mut wt, span)?)?;
                alternatives.push((when, then));
            }
            Rule::case_else => default = Some(Box::new(build_inner_expression(part)?)),
            _ => {}
        }
    }
    Ok(ExprKind::Case {
        operand,
        alternatives,
        default,
    })
}

pub(super) fn next<'i>(it: &mut impl Iterator<Item = Pair<'i>>, span: Span) -> Result<Pair<'i>> {
    it.next().ok_or_else(|| incomplete(span))
}

/// Parses decimal, `0x` hexadecimal and `0o` octal integers, with an optional leading `-`.
pub(super) fn parse_integer_text(text: &str) -> Option<i64> {
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (radix, digits) = if let Some(h) = digits.strip_prefix("0x") {
        (16, h)
    } else if let Some(o) = digits.strip_prefix("0o") {
        (8, o)
    } else {
        (10, digits)
    };
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    i64::try_from(if neg { -magnitude } else { magnitude }).ok()
}

pub(super) fn unescape(raw: &str, span: Span) -> Result<String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('"') => out.push('"'),
            Some(u @ ('u' | 'U')) => {
                let len = if u == 'u' { 4 } else { 8 };
                let hex: String = chars.by_ref().take(len).collect();
                let ch = (hex.len() == len && hex.chars().all(|c| c.is_ascii_hexdigit()))
                    .then(|| u32::from_str_radix(&hex, 16).ok())
                    .flatten()
                    .and_then(char::from_u32)
                    .ok_or_else(|| {
                        QueryError::syntax(
                            Detail::InvalidUnicodeLiteral,
                            format!("invalid unicode escape \\{u}{hex}"),
                            span,
                        )
                    })?;
                out.push(ch);
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_in_every_radix() {
        assert_eq!(parse_integer_text("0x1F"), Some(31));
        assert_eq!(parse_integer_text("0o17"), Some(15));
        assert_eq!(parse_integer_text("-9223372036854775808"), Some(i64::MIN));
        assert_eq!(parse_integer_text("9223372036854775808"), None);
    }

    #[test]
    fn escapes() {
        let s = Span::default();
        assert_eq!(unescape(r"a\nb\u00e9\'", s).unwrap(), "a\nbé'");
        assert_eq!(
            unescape(r"\u00zz", s).unwrap_err().detail,
            Detail::InvalidUnicodeLiteral
        );
    }
}
