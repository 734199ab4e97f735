//! Whether a node (or relationship) has the labels and property values a pattern asks for,
//! read from the columns: a wanted text is looked up in the string pool once, so testing a
//! candidate is an integer comparison.

use super::super::context::{Ctx, Result, Row};
use super::super::eval::eval;
use crate::graph::{Cell, Column, GraphRead, Symbol, cell_value};
use crate::model::{Value, equals};
use crate::plan::{BoundExpr, NodeFilter};

/// One `key: value` of a pattern, with the value computed for the row at hand.
pub struct PropTest<'g> {
    column: Option<&'g Column>,
    want: Value,
    /// For a wanted text: its pool id, or `None` when no property holds it.
    text_id: Option<Option<u32>>,
}

impl<'g> PropTest<'g> {
    pub fn new(column: Option<&'g Column>, want: Value, graph: &dyn GraphRead) -> Self {
        let text_id = want.as_str().map(|s| graph.strings().find(s));
        PropTest {
            column,
            want,
            text_id,
        }
    }

    /// Whether entity `id`'s value equals the wanted one (`=`: null equals nothing).
    #[inline]
    pub fn matches(&self, id: u32, graph: &dyn GraphRead) -> bool {
        let Some(column) = self.column else {
            return false;
        };
        match (column.cell(id), self.text_id) {
            (Cell::Null, _) => false,
            (Cell::Str(s), Some(want)) => want == Some(s),
            (Cell::Str(_), None) => false,
            (Cell::Int(i), _) if matches!(self.want, Value::Int(_)) => self.want == Value::Int(i),
            (cell, _) => equals(&cell_value(cell, graph.strings()), &self.want) == Some(true),
        }
    }
}

impl PropTest<'_> {
    /// Keeps the ids whose value equals the wanted one, as `matches` decides.
    pub fn retain(&self, ids: &mut Vec<u32>, graph: &dyn GraphRead) {
        match (self.column, self.text_id) {
            (None, _) => ids.clear(),
            (Some(column), Some(Some(want))) => {
                column.retain_text(ids, want, |id| self.matches(id, graph));
            }
            _ => ids.retain(|id| self.matches(*id, graph)),
        }
    }
}

/// A node pattern's test with its property values computed for one input row.
pub struct NodeTest<'g> {
    labels: &'g [Symbol],
    props: Vec<PropTest<'g>>,
}

impl<'g> NodeTest<'g> {
    /// The test of `filter`, with its values computed from `row` (a row view of the input).
    pub fn new(filter: &'g NodeFilter, row: &Row, ctx: &'g Ctx<'g>) -> Result<Self> {
        Ok(NodeTest {
            labels: &filter.labels,
            props: props(&filter.props, row, ctx, |k| ctx.graph.node_column(k))?,
        })
    }

    /// The same without the labels in `known` (a scan of a label already has it).
    pub fn without_labels(mut self, known: &[Symbol]) -> Self {
        if self.labels.iter().all(|l| known.contains(l)) {
            self.labels = &[];
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty() && self.props.is_empty()
    }

    /// Keeps the ids that pass, as `matches` decides.
    pub fn retain(&self, ids: &mut Vec<u32>, graph: &dyn GraphRead) {
        if !self.labels.is_empty() {
            ids.retain(|id| self.has_labels(*id, graph));
        }
        for p in &self.props {
            p.retain(ids, graph);
        }
    }

    fn has_labels(&self, id: u32, graph: &dyn GraphRead) -> bool {
        let have = graph.node_labels(crate::model::NodeId(u64::from(id)));
        self.labels.iter().all(|l| have.contains(l))
    }

    #[inline]
    pub fn matches(&self, id: u32, graph: &dyn GraphRead) -> bool {
        (self.labels.is_empty() || self.has_labels(id, graph))
            && self.props.iter().all(|p| p.matches(id, graph))
    }
}

/// The property tests of a pattern's `{key: value}` map, for one row.
pub fn props<'g>(
    props: &'g [(Symbol, BoundExpr)],
    row: &Row,
    ctx: &'g Ctx<'g>,
    column: impl Fn(Symbol) -> Option<&'g Column>,
) -> Result<Vec<PropTest<'g>>> {
    props
        .iter()
        .map(|(key, expr)| {
            let want = eval(expr, row, ctx)?;
            Ok(PropTest::new(column(*key), want, ctx.graph))
        })
        .collect()
}

/// A view of row `i` for evaluating a pattern's property values: empty when they read no
/// slot (constants and parameters, the usual case), so no row is built.
pub fn row_view(batch: &super::super::vector::Batch, i: usize, needs_row: bool, ctx: &Ctx) -> Row {
    if needs_row {
        batch.row(i, batch.cols.len(), ctx.graph.strings())
    } else {
        Vec::new()
    }
}

/// Whether any of a pattern's property values reads a slot of the row.
pub fn reads_row(props: &[(Symbol, BoundExpr)]) -> bool {
    props
        .iter()
        .any(|(_, e)| crate::plan::slots_of(e).is_none_or(|s| !s.is_empty()))
}
