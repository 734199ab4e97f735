//! The CITE clause (a kg extension): `:Source` nodes attached to nodes and relationships as
//! citations, and the clean-up that deleting an entity or a source needs first.

use super::Writer;
use crate::error::QueryError;
use crate::error::Span;
use crate::exec::context::{Result, Row};
use crate::graph::{Citation, Cited, GraphRead, Mutation, merged_citations};
use crate::model::{NodeId, Value};
use crate::plan::BoundExpr;

pub use crate::graph::{SOURCE_LABEL, source_name};

impl Writer<'_, '_> {
    pub(super) fn cite(
        &mut self,
        sources: &[(BoundExpr, Option<BoundExpr>, Span)],
        targets: &[(BoundExpr, Span)],
        remove: bool,
        row: &Row,
    ) -> Result<()> {
        let mut adds = Vec::new();
        for (expr, quote, span) in sources {
            let quote = match quote {
                None => None,
                Some(q) => match self.eval(q, row)? {
                    Value::Null => None,
                    Value::String(s) => Some(s),
                    other => {
                        return Err(QueryError::type_error(format!(
                            "QUOTE takes a string, not {}",
                            other.value_type()
                        ))
                        .at(*span));
                    }
                },
            };
            let mut nodes = Vec::new();
            collect(
                &self.eval(expr, row)?,
                &mut nodes,
                "CITE takes :Source nodes",
            )
            .map_err(|e| e.at(*span))?;
            for source in nodes {
                self.check_source(source).map_err(|e| e.at(*span))?;
                adds.push(Citation {
                    source,
                    quote: quote.clone(),
                });
            }
        }
        for (expr, span) in targets {
            let mut entities = Vec::new();
            collect_entities(&self.eval(expr, row)?, &mut entities).map_err(|e| e.at(*span))?;
            for entity in entities {
                let mut citations = self.tx.citations().of(entity).to_vec();
                if remove {
                    citations.retain(|c| !adds.iter().any(|a| a.source == c.source));
                } else {
                    for add in &adds {
                        citations = merged_citations(citations, add.clone());
                    }
                }
                self.apply(Mutation::SetCitations { entity, citations })
                    .map_err(|e| e.or_at(*span))?;
            }
        }
        Ok(())
    }

    fn check_source(&self, id: NodeId) -> Result<()> {
        if self.tx.is_deleted_node(id) || !self.tx.node_exists(id) {
            return Err(QueryError::deleted("node"));
        }
        let names = self.tx.names();
        let is_source = self
            .tx
            .node_labels(id)
            .iter()
            .any(|l| names.name(*l).as_ref() == SOURCE_LABEL);
        if is_source {
            Ok(())
        } else {
            Err(QueryError::type_error(format!(
                "CITE takes :{SOURCE_LABEL} nodes: node {id} has no label {SOURCE_LABEL}"
            )))
        }
    }

    /// Before `entity` is deleted: its citations go, and so do citations of it as a source,
    /// each through a mutation that undo can reverse.
    pub(super) fn uncite(&mut self, entity: Cited) -> Result<()> {
        if !self.tx.citations().of(entity).is_empty() {
            self.apply(Mutation::SetCitations {
                entity,
                citations: Vec::new(),
            })?;
        }
        if let Cited::Node(source) = entity {
            for citing in self.tx.citations().citing(source) {
                let citations = self
                    .tx
                    .citations()
                    .of(citing)
                    .iter()
                    .filter(|c| c.source != source)
                    .cloned()
                    .collect();
                self.apply(Mutation::SetCitations {
                    entity: citing,
                    citations,
                })?;
            }
        }
        Ok(())
    }
}

fn collect(v: &Value, out: &mut Vec<NodeId>, what: &str) -> Result<()> {
    match v {
        Value::Null => {}
        Value::Node(id) => out.push(*id),
        Value::List(items) => {
            for item in items.iter() {
                collect(item, out, what)?;
            }
        }
        other => {
            return Err(QueryError::type_error(format!(
                "{what}, not {}",
                other.value_type()
            )));
        }
    }
    Ok(())
}

fn collect_entities(v: &Value, out: &mut Vec<Cited>) -> Result<()> {
    match v {
        Value::Null => {}
        Value::Node(id) => out.push(Cited::Node(*id)),
        Value::Rel(id) => out.push(Cited::Rel(*id)),
        Value::Path(p) => {
            out.extend(p.nodes.iter().map(|n| Cited::Node(*n)));
            out.extend(p.rels.iter().map(|r| Cited::Rel(*r)));
        }
        Value::List(items) => {
            for item in items.iter() {
                collect_entities(item, out)?;
            }
        }
        other => {
            return Err(QueryError::type_error(format!(
                "CITE ... FOR takes nodes, relationships or paths, not {}",
                other.value_type()
            )));
        }
    }
    Ok(())
}
