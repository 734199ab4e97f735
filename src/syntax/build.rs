//! Pest pairs to AST for statements, clauses and patterns: one `build_<rule>` per rule.

use super::ast::*;
use super::expr::{
    build_expression, build_inner_expression, build_labels, build_map_entries, first, next,
    parse_integer_text, unescape, within_limit,
};
use super::parser::{Pair, Rule, is_keyword};
use crate::error::{Detail, QueryError};

type Result<T> = std::result::Result<T, QueryError>;

pub(super) fn span_of(pair: &Pair) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

/// A name from a `variable`, `label_name`, `rel_type_name` or `property_key_name` pair (or
/// the name pair itself), with backtick quoting removed.
pub(super) fn ident(pair: Pair) -> Ident {
    Ident {
        name: unquote(pair.as_str().trim()).into(),
        span: span_of(&pair),
    }
}

/// A name as meant: `` `a``b` `` is a`b. The one place backtick quoting is undone.
pub(super) fn unquote(text: &str) -> String {
    match text.strip_prefix('`').and_then(|t| t.strip_suffix('`')) {
        Some(inner) => inner.replace("``", "`"),
        None => text.to_string(),
    }
}

/// The name of a `parameter` pair, without `$` and quoting.
pub(super) fn parameter_name(pair: &Pair) -> std::sync::Arc<str> {
    let text = pair.as_str();
    unquote(text.strip_prefix('$').unwrap_or(text)).into()
}

pub(super) fn build_script(pair: Pair) -> Result<Script> {
    let statements = pair
        .into_inner()
        .filter(|p| p.as_rule() == Rule::statement)
        .map(build_statement)
        .collect::<Result<_>>()?;
    Ok(Script { statements })
}

fn build_statement(pair: Pair) -> Result<Statement> {
    let span = span_of(&pair);
    let inner = next(&mut pair.into_inner(), span)?;
    let kind = match inner.as_rule() {
        Rule::tx_control => {
            let kw = next(&mut inner.into_inner(), span)?;
            match kw.as_rule() {
                Rule::kw_BEGIN => StatementKind::Begin,
                Rule::kw_COMMIT => StatementKind::Commit,
                _ => StatementKind::Rollback,
            }
        }
        Rule::explain | Rule::profile => {
            let profile = inner.as_rule() == Rule::profile;
            let query = inner.into_inner().find(|p| p.as_rule() == Rule::query);
            let query = build_query(query.ok_or_else(|| incomplete(span))?)?;
            if profile {
                StatementKind::Profile(query)
            } else {
                StatementKind::Explain(query)
            }
        }
        Rule::schema_command => StatementKind::Schema(super::schema::build_schema_command(inner)?),
        _ => StatementKind::Query(build_query(inner)?),
    };
    Ok(Statement { kind, span })
}

pub(super) fn build_query(pair: Pair) -> Result<Query> {
    let mut parts = Vec::new();
    let mut unions = Vec::new();
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::union => {
                // The keywords' own spans: the rule's may end in the whitespace that was
                // skipped looking for ALL.
                let whole = span_of(&p);
                let words: Vec<Span> = p.into_inner().map(|k| span_of(&k)).collect();
                let span = words.iter().copied().reduce(Span::join).unwrap_or(whole);
                unions.push(Union {
                    all: words.len() > 1,
                    span,
                });
            }
            _ => parts.push(build_single_query(p)?),
        }
    }
    Ok(Query { parts, unions })
}

pub(super) fn build_single_query(pair: Pair) -> Result<SingleQuery> {
    let span = span_of(&pair);
    let clauses = pair.into_inner().map(build_clause).collect::<Result<_>>()?;
    Ok(SingleQuery { clauses, span })
}

fn build_clause(pair: Pair) -> Result<Clause> {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    if rule == Rule::call_clause {
        let kind = super::call::build_call(pair, span)?;
        return Ok(Clause { kind, span });
    }
    let mut parts = pair.into_inner().peekable();
    let kind = match rule {
        Rule::match_clause => {
            let optional = parts.peek().map(Pair::as_rule) == Some(Rule::kw_OPTIONAL);
            let mut pattern = Vec::new();
            let mut filter = None;
            let mut as_of = None;
            for p in parts {
                match p.as_rule() {
                    Rule::pattern => pattern = build_pattern(p)?,
                    Rule::where_clause => filter = Some(build_inner_expression(p)?),
                    Rule::as_of => as_of = Some(build_inner_expression(p)?),
                    _ => {}
                }
            }
            ClauseKind::Match {
                optional,
                pattern,
                filter,
                as_of,
            }
        }
        Rule::unwind_clause => {
            let mut exprs = parts.filter(|p| !is_keyword(p));
            let list = build_expression(next(&mut exprs, span)?)?;
            let var = ident(next(&mut exprs, span)?);
            ClauseKind::Unwind { list, var }
        }
        Rule::with_clause => {
            let mut body = None;
            let mut filter = None;
            for p in parts {
                match p.as_rule() {
                    Rule::projection_body => body = Some(build_projection(p)?),
                    Rule::where_clause => filter = Some(build_inner_expression(p)?),
                    _ => {}
                }
            }
            let body = body.ok_or_else(|| incomplete(span))?;
            ClauseKind::With { body, filter }
        }
        Rule::return_clause => {
            let body = parts.find(|p| p.as_rule() == Rule::projection_body);
            ClauseKind::Return {
                body: build_projection(body.ok_or_else(|| incomplete(span))?)?,
            }
        }
        Rule::create_clause => {
            let p = parts
                .find(|p| p.as_rule() == Rule::pattern)
                .ok_or_else(|| incomplete(span))?;
            ClauseKind::Create {
                pattern: build_pattern(p)?,
            }
        }
        Rule::merge_clause => {
            let mut part = None;
            let mut on_create = Vec::new();
            let mut on_match = Vec::new();
            for p in parts {
                match p.as_rule() {
                    Rule::pattern_part => part = Some(build_pattern_part(p)?),
                    Rule::merge_action => {
                        let mut action = p.into_inner().skip(1);
                        let which = next(&mut action, span)?;
                        let set = next(&mut action, span)?;
                        let items = build_set_items(set.into_inner())?;
                        if which.as_rule() == Rule::kw_CREATE {
                            on_create.extend(items);
                        } else {
                            on_match.extend(items);
                        }
                    }
                    _ => {}
                }
            }
            ClauseKind::Merge {
                part: part.ok_or_else(|| incomplete(span))?,
                on_create,
                on_match,
            }
        }
        Rule::set_clause => ClauseKind::Set {
            items: build_set_items(parts)?,
        },
        Rule::remove_clause => {
            let mut items = Vec::new();
            for p in parts.filter(|p| p.as_rule() == Rule::remove_item) {
                let item = next(&mut p.into_inner(), span)?;
                items.push(match item.as_rule() {
                    Rule::remove_labels => {
                        let mut it = item.into_inner();
                        let var = ident(next(&mut it, span)?);
                        RemoveItem::Labels {
                            var,
                            labels: build_labels(next(&mut it, span)?),
                        }
                    }
                    _ => RemoveItem::Property(build_property_expression(item)?),
                });
            }
            ClauseKind::Remove { items }
        }
        Rule::delete_clause => {
            let mut detach = false;
            let mut targets = Vec::new();
            for p in parts {
                match p.as_rule() {
                    Rule::kw_DETACH => detach = true,
                    Rule::expression => targets.push(build_expression(p)?),
                    _ => {}
                }
            }
            ClauseKind::Delete { detach, targets }
        }
        Rule::cite_clause | Rule::uncite_clause => {
            let remove = rule == Rule::uncite_clause;
            let mut sources = Vec::new();
            let mut targets = Vec::new();
            for p in parts {
                match p.as_rule() {
                    Rule::cite_source => {
                        let mut exprs = p.into_inner().filter(|p| p.as_rule() == Rule::expression);
                        let source = build_expression(next(&mut exprs, span)?)?;
                        let quote = exprs.next().map(build_expression).transpose()?;
                        sources.push(super::ast::CiteSource { source, quote });
                    }
                    Rule::expression => targets.push(build_expression(p)?),
                    _ => {}
                }
            }
            if remove && sources.iter().any(|s| s.quote.is_some()) {
                return Err(QueryError::syntax(
                    Detail::InvalidClauseComposition,
                    "UNCITE takes sources without QUOTE",
                    span,
                ));
            }
            ClauseKind::Cite {
                sources,
                targets,
                remove,
            }
        }
        Rule::foreach_clause => {
            let mut rest = parts.filter(|p| !is_keyword(p));
            let var = ident(next(&mut rest, span)?);
            let list = build_expression(next(&mut rest, span)?)?;
            let clauses = rest.map(build_clause).collect::<Result<_>>()?;
            ClauseKind::Foreach { var, list, clauses }
        }
        Rule::load_csv_clause => {
            let mut headers = false;
            let mut url = None;
            let mut var = None;
            let mut terminator = None;
            for p in parts {
                match p.as_rule() {
                    Rule::load_csv_headers => headers = true,
                    Rule::expression => url = Some(build_expression(p)?),
                    Rule::variable => var = Some(ident(p)),
                    Rule::string_literal => {
                        let at = span_of(&p);
                        let text = unescape(first(p)?.as_str(), at)?;
                        terminator = Some((text, at));
                    }
                    _ => {}
                }
            }
            ClauseKind::LoadCsv {
                headers,
                url: url.ok_or_else(|| incomplete(span))?,
                var: var.ok_or_else(|| incomplete(span))?,
                terminator,
            }
        }
        _ => return Err(incomplete(span)),
    };
    Ok(Clause { kind, span })
}

fn build_set_items<'i>(parts: impl Iterator<Item = Pair<'i>>) -> Result<Vec<SetItem>> {
    parts
        .filter(|p| p.as_rule() == Rule::set_item)
        .map(build_set_item)
        .collect()
}

fn build_set_item(item: Pair) -> Result<SetItem> {
    let span = span_of(&item);
    let item = next(&mut item.into_inner(), span)?;
    let rule = item.as_rule();
    let mut parts = item.into_inner();
    Ok(match rule {
        Rule::set_property => {
            let target = build_property_expression(next(&mut parts, span)?)?;
            SetItem::Property {
                target,
                value: build_expression(next(&mut parts, span)?)?,
            }
        }
        Rule::set_all => {
            let var = ident(next(&mut parts, span)?);
            SetItem::Replace {
                var,
                value: build_expression(next(&mut parts, span)?)?,
            }
        }
        Rule::set_merge => {
            let var = ident(next(&mut parts, span)?);
            SetItem::Merge {
                var,
                value: build_expression(next(&mut parts, span)?)?,
            }
        }
        _ => {
            let var = ident(next(&mut parts, span)?);
            SetItem::Labels {
                var,
                labels: build_labels(next(&mut parts, span)?),
            }
        }
    })
}

/// `atom.key1.key2` as a chain of property accesses.
fn build_property_expression(pair: Pair) -> Result<Expr> {
    let span = span_of(&pair);
    let mut parts = pair.into_inner();
    let atom = next(&mut parts, span)?;
    let mut expr = build_expression_from_atom(atom)?;
    for lookup in parts {
        let lookup_span = span_of(&lookup);
        let key = ident(next(&mut lookup.into_inner(), lookup_span)?);
        let property_span = expr.span.join(lookup_span);
        expr = Expr::new(ExprKind::Property(Box::new(expr), key), property_span);
        expr = within_limit(expr, lookup_span)?;
    }
    Ok(expr)
}

fn build_expression_from_atom(atom: Pair) -> Result<Expr> {
    let span = span_of(&atom);
    match atom.as_rule() {
        Rule::variable => Ok(Expr::new(ExprKind::Variable(ident(atom).name), span)),
        Rule::parenthesized => build_expression(next(&mut atom.into_inner(), span)?),
        _ => Err(QueryError::syntax(
            Detail::UnexpectedSyntax,
            "expected a variable before the property",
            span,
        )),
    }
}

fn build_projection(pair: Pair) -> Result<Projection> {
    let span = span_of(&pair);
    let mut body = Projection {
        distinct: false,
        star: false,
        items: Vec::new(),
        order_by: Vec::new(),
        skip: None,
        limit: None,
        span,
    };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::kw_DISTINCT => body.distinct = true,
            Rule::projection_items => {
                for item in p.into_inner() {
                    if item.as_rule() == Rule::star {
                        body.star = true;
                        continue;
                    }
                    let item_span = span_of(&item);
                    let mut parts = item.into_inner().filter(|p| !is_keyword(p));
                    let expr_pair = next(&mut parts, item_span)?;
                    let text = expr_pair.as_str().trim().to_string();
                    let expr = build_expression(expr_pair)?;
                    let alias = parts.next().map(ident);
                    body.items.push(ProjectionItem { expr, alias, text });
                }
            }
            Rule::order_by => {
                for item in p.into_inner().filter(|p| p.as_rule() == Rule::sort_item) {
                    let item_span = span_of(&item);
                    let mut parts = item.into_inner();
                    let expr = build_expression(next(&mut parts, item_span)?)?;
                    let descending = parts
                        .next()
                        .is_some_and(|d| d.as_str().to_ascii_lowercase().starts_with("desc"));
                    body.order_by.push(SortItem { expr, descending });
                }
            }
            Rule::skip => body.skip = Some(build_inner_expression(p)?),
            Rule::limit => body.limit = Some(build_inner_expression(p)?),
            _ => {}
        }
    }
    Ok(body)
}

pub(super) fn build_pattern(pair: Pair) -> Result<Vec<PatternPart>> {
    pair.into_inner().map(build_pattern_part).collect()
}

fn build_pattern_part(pair: Pair) -> Result<PatternPart> {
    let span = span_of(&pair);
    let mut var = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::variable => var = Some(ident(p)),
            _ => {
                let element = without_brackets(p);
                let element_inner = element.clone().into_inner().next();
                if let Some(sp) = element_inner.filter(|e| e.as_rule() == Rule::shortest_path) {
                    return build_shortest(sp, var, span);
                }
                return Ok(PatternPart {
                    var,
                    shortest: None,
                    element: build_pattern_element(element)?,
                    span,
                });
            }
        }
    }
    Err(incomplete(span))
}

pub(super) fn build_shortest(pair: Pair, var: Option<Ident>, span: Span) -> Result<PatternPart> {
    let mut parts = pair.into_inner();
    let kind = next(&mut parts, span)?;
    let shortest = if kind.as_rule() == Rule::kw_SHORTESTPATH {
        ShortestKind::Single
    } else {
        ShortestKind::All
    };
    let element = build_pattern_element(next(&mut parts, span)?)?;
    Ok(PatternPart {
        var,
        shortest: Some(shortest),
        element,
        span,
    })
}

/// `((a)-->(b))` is `(a)-->(b)`: the innermost of `pattern_element`s that only bracket one.
fn without_brackets(mut element: Pair) -> Pair {
    loop {
        let mut inner = element.clone().into_inner();
        match (inner.next(), inner.next()) {
            (Some(only), None) if only.as_rule() == Rule::pattern_element => element = only,
            _ => return element,
        }
    }
}

/// Builds a `pattern_element` or a `relationships_chain`.
pub(super) fn build_pattern_element(pair: Pair) -> Result<PatternElement> {
    let pair = without_brackets(pair);
    let span = span_of(&pair);
    let mut parts = pair.into_inner();
    let first = next(&mut parts, span)?;
    if first.as_rule() == Rule::shortest_path {
        return Err(QueryError::syntax(
            Detail::UnexpectedSyntax,
            "shortestPath and allShortestPaths take a pattern, not another shortest path",
            span_of(&first),
        ));
    }
    let start = build_node_pattern(first)?;
    let mut chain = Vec::new();
    for link in parts {
        let link_span = span_of(&link);
        let mut lp = link.into_inner();
        let rel = build_relationship_pattern(next(&mut lp, link_span)?)?;
        let node = build_node_pattern(next(&mut lp, link_span)?)?;
        chain.push((rel, node));
    }
    Ok(PatternElement { start, chain, span })
}

fn build_node_pattern(pair: Pair) -> Result<NodePattern> {
    let span = span_of(&pair);
    let mut node = NodePattern {
        var: None,
        labels: Vec::new(),
        props: None,
        span,
    };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::variable => node.var = Some(ident(p)),
            Rule::node_labels => node.labels = build_labels(p),
            Rule::properties => node.props = Some(build_properties(p)?),
            _ => return Err(incomplete(span_of(&p))),
        }
    }
    Ok(node)
}

fn build_properties(pair: Pair) -> Result<Expr> {
    let span = span_of(&pair);
    let inner = next(&mut pair.into_inner(), span)?;
    let inner_span = span_of(&inner);
    Ok(match inner.as_rule() {
        Rule::map_literal => within_limit(
            Expr::new(ExprKind::Map(build_map_entries(inner)?), inner_span),
            inner_span,
        )?,
        _ => Expr::new(ExprKind::Parameter(parameter_name(&inner)), inner_span),
    })
}

fn build_relationship_pattern(pair: Pair) -> Result<RelPattern> {
    let span = span_of(&pair);
    let mut left = false;
    let mut right = false;
    let mut rel = RelPattern {
        var: None,
        types: Vec::new(),
        direction: RelDirection::Both,
        range: None,
        props: None,
        span,
    };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::left_arrow => left = true,
            Rule::right_arrow => right = true,
            Rule::relationship_detail => {
                for d in p.into_inner() {
                    match d.as_rule() {
                        Rule::variable => rel.var = Some(ident(d)),
                        Rule::relationship_types => rel.types = d.into_inner().map(ident).collect(),
                        Rule::range_literal => rel.range = Some(build_range(d)?),
                        Rule::properties => rel.props = Some(build_properties(d)?),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    rel.direction = match (left, right) {
        (true, false) => RelDirection::Left,
        (false, true) => RelDirection::Right,
        _ => RelDirection::Both,
    };
    Ok(rel)
}

fn build_range(pair: Pair) -> Result<(Option<u64>, Option<u64>)> {
    let mut min = None;
    let mut max = None;
    let mut dots = false;
    for p in pair.into_inner() {
        let span = span_of(&p);
        // Written like any integer literal: decimal, hexadecimal or octal.
        let parse = |p: Pair| -> Result<u64> {
            parse_integer_text(p.as_str().trim())
                .and_then(|v| u64::try_from(v).ok())
                .ok_or_else(|| {
                    QueryError::syntax(Detail::InvalidNumberLiteral, "invalid length bound", span)
                })
        };
        match p.as_rule() {
            Rule::range_min => min = Some(parse(p)?),
            Rule::range_max => max = Some(parse(p)?),
            Rule::range_dots => dots = true,
            _ => {}
        }
    }
    // `*2` means exactly two hops.
    if !dots {
        max = min;
    }
    Ok((min, max))
}

/// A pair lacks a part the grammar guarantees: kept as an error rather than a panic.
pub(super) fn incomplete(span: Span) -> QueryError {
    QueryError::syntax(Detail::UnexpectedSyntax, "incomplete statement", span)
}
