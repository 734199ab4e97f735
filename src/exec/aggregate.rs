//! Grouping and aggregate functions.

use super::context::{Ctx, Result, Row, Rows};
use super::eval::{eval, eval_ref};
use super::group::Groups;
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::{Value, compare_for_order};
use crate::plan::{AggKind, Aggregate, BoundExpr, Slot};
use smallvec::SmallVec;
use std::borrow::Cow;

/// The running state of one aggregate in one group.
enum State {
    Count(i64),
    Sum {
        int: i64,
        float: f64,
        is_float: bool,
    },
    Avg {
        sum: f64,
        n: u64,
    },
    Extreme(Option<Value>),
    Collect(Vec<Value>),
    Numbers(Vec<f64>),
    /// percentileDisc picks one of its inputs, so they are kept as they came (integers stay
    /// integers, exactly).
    Picks(Vec<Value>),
}

struct Accumulator<'p> {
    spec: &'p Aggregate,
    state: State,
    seen: Option<Groups>,
    percentile: Option<f64>,
}

impl<'p> Accumulator<'p> {
    fn new(spec: &'p Aggregate) -> Self {
        let state = match spec.kind {
            AggKind::Count | AggKind::CountStar => State::Count(0),
            AggKind::Sum => State::Sum {
                int: 0,
                float: 0.0,
                is_float: false,
            },
            AggKind::Avg => State::Avg { sum: 0.0, n: 0 },
            AggKind::Min | AggKind::Max => State::Extreme(None),
            AggKind::Collect => State::Collect(Vec::new()),
            AggKind::StDev | AggKind::StDevP | AggKind::PercentileCont => {
                State::Numbers(Vec::new())
            }
            AggKind::PercentileDisc => State::Picks(Vec::new()),
        };
        Accumulator {
            spec,
            state,
            seen: spec.distinct.then(Groups::default),
            percentile: None,
        }
    }

    fn add(&mut self, row: &Row, ctx: &Ctx) -> Result<()> {
        if self.spec.kind == AggKind::CountStar {
            if let State::Count(n) = &mut self.state {
                *n += 1;
            }
            return Ok(());
        }
        let value = match &self.spec.arg {
            Some(arg) => eval_ref(arg, row, ctx)?,
            None => Cow::Owned(Value::Null),
        };
        if value.is_null() {
            return Ok(());
        }
        if let Some(p) = &self.spec.param {
            if self.percentile.is_none() {
                let percentile =
                    percentile_arg(&eval(p, row, ctx)?).map_err(|e| e.at(self.spec.span))?;
                self.percentile = Some(percentile);
            }
        }
        if let Some(seen) = &mut self.seen {
            if !seen.find_or_insert(std::slice::from_ref(&value)).1 {
                return Ok(());
            }
        }
        let not_number = |v: &Value| {
            QueryError::runtime(
                ErrorClass::TypeError,
                Detail::InvalidArgumentType,
                format!(
                    "{} needs numbers, not {}",
                    self.spec.kind.name(),
                    v.value_type()
                ),
            )
            .at(self.spec.span)
        };
        match &mut self.state {
            State::Count(n) => *n += 1,
            State::Sum {
                int,
                float,
                is_float,
            } => match *value {
                Value::Int(i) if !*is_float => match int.checked_add(i) {
                    Some(s) => *int = s,
                    None => {
                        return Err(
                            QueryError::overflow("integer overflow in sum").at(self.spec.span)
                        );
                    }
                },
                Value::Int(i) => *float += i as f64,
                Value::Float(f) => {
                    if !*is_float {
                        *is_float = true;
                        *float = *int as f64;
                    }
                    *float += f;
                }
                ref other => return Err(not_number(other)),
            },
            State::Avg { sum, n } => {
                *sum += value.as_f64().ok_or_else(|| not_number(&value))?;
                *n += 1;
            }
            State::Extreme(current) => {
                let replace = match current {
                    None => true,
                    Some(c) => {
                        let ord = compare_for_order(&value, c);
                        if self.spec.kind == AggKind::Min {
                            ord.is_lt()
                        } else {
                            ord.is_gt()
                        }
                    }
                };
                if replace {
                    *current = Some(value.into_owned());
                }
            }
            State::Collect(items) => items.push(value.into_owned()),
            State::Numbers(xs) => xs.push(value.as_f64().ok_or_else(|| not_number(&value))?),
            State::Picks(xs) => {
                if value.as_f64().is_none() {
                    return Err(not_number(&value));
                }
                xs.push(value.into_owned());
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<Value> {
        Ok(match self.state {
            State::Count(n) => Value::Int(n),
            State::Sum {
                int,
                float,
                is_float,
            } => {
                if is_float {
                    Value::Float(float)
                } else {
                    Value::Int(int)
                }
            }
            State::Avg { sum, n } => {
                if n == 0 {
                    Value::Null
                } else {
                    Value::Float(sum / n as f64)
                }
            }
            State::Extreme(v) => v.unwrap_or(Value::Null),
            State::Collect(items) => {
                super::eval::within_limit(Value::list(items)).map_err(|e| e.at(self.spec.span))?
            }
            State::Numbers(mut xs) => match self.spec.kind {
                AggKind::StDev | AggKind::StDevP => {
                    let sample = self.spec.kind == AggKind::StDev;
                    let n = xs.len() as f64;
                    if xs.len() < if sample { 2 } else { 1 } {
                        Value::Float(0.0)
                    } else {
                        let mean = xs.iter().sum::<f64>() / n;
                        let ss: f64 = xs.iter().map(|x| (x - mean) * (x - mean)).sum();
                        Value::Float((ss / if sample { n - 1.0 } else { n }).sqrt())
                    }
                }
                _ => {
                    if xs.is_empty() {
                        return Ok(Value::Null);
                    }
                    xs.sort_by(f64::total_cmp);
                    let p = self.percentile.unwrap_or(0.5);
                    let pos = p * (xs.len() - 1) as f64;
                    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
                    Value::Float(xs[lo] + (xs[hi] - xs[lo]) * (pos - lo as f64))
                }
            },
            State::Picks(mut xs) => {
                if xs.is_empty() {
                    return Ok(Value::Null);
                }
                xs.sort_by(compare_for_order);
                let p = self.percentile.unwrap_or(0.5);
                let idx = ((p * xs.len() as f64).ceil() as usize).saturating_sub(1);
                xs.swap_remove(idx.min(xs.len() - 1))
            }
        })
    }
}

fn percentile_arg(v: &Value) -> Result<f64> {
    match v.as_f64() {
        Some(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(QueryError::runtime(
            ErrorClass::ArgumentError,
            Detail::NumberOutOfRange,
            "the percentile must be a number between 0.0 and 1.0",
        )),
    }
}

/// Groups the input by `keys` and computes `aggregates` per group. Output rows hold the key
/// and aggregate slots.
pub fn aggregate(
    rows: Rows,
    keys: &[(Slot, BoundExpr)],
    aggregates: &[(Slot, Aggregate)],
    ctx: &Ctx,
) -> Result<Vec<Row>> {
    let mut groups = Groups::default();
    let mut accs: Vec<Vec<Accumulator>> = Vec::new();
    for row in rows {
        let row = row?;
        // Evaluated in place where possible (up to four keys on the stack), so a row of an
        // existing group copies nothing.
        let key_values = keys
            .iter()
            .map(|(_, e)| eval_ref(e, &row, ctx))
            .collect::<Result<SmallVec<[_; 4]>>>()?;
        let (g, new) = groups.find_or_insert(&key_values);
        if new {
            accs.push(
                aggregates
                    .iter()
                    .map(|(_, a)| Accumulator::new(a))
                    .collect(),
            );
        }
        for acc in &mut accs[g] {
            acc.add(&row, ctx)?;
        }
    }
    let mut group_keys = groups.into_keys();
    // Aggregating nothing without grouping keys still gives one row (count(*) is 0).
    if accs.is_empty() && keys.is_empty() {
        accs.push(
            aggregates
                .iter()
                .map(|(_, a)| Accumulator::new(a))
                .collect(),
        );
        group_keys.push(Vec::new());
    }
    let width = ctx.width;
    let mut out = Vec::with_capacity(accs.len());
    for (group_key, group_accs) in group_keys.into_iter().zip(accs) {
        let mut row = vec![Value::Null; width];
        for ((slot, _), v) in keys.iter().zip(group_key) {
            row[*slot] = v;
        }
        for ((slot, _), acc) in aggregates.iter().zip(group_accs) {
            row[*slot] = acc.finish()?;
        }
        out.push(row);
    }
    Ok(out)
}
