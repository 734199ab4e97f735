//! The running state of an aggregate function in one group, shared by both executors: each
//! hands it the values of the aggregate's argument, one at a time.

use super::checked_sort::sort_checked;
use super::context::Result;
use super::group::Groups;
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::{Value, compare_for_order};
use crate::plan::{AggKind, Aggregate};
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

pub struct Accumulator<'p> {
    spec: &'p Aggregate,
    state: State,
    /// For DISTINCT: the values counted so far (boxed: most aggregates have none, and a
    /// grouping keeps one accumulator per group).
    seen: Option<Box<Groups>>,
    percentile: Option<f64>,
}

impl<'p> Accumulator<'p> {
    pub fn new(spec: &'p Aggregate) -> Self {
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
            seen: spec.distinct.then(Box::default),
            percentile: None,
        }
    }

    /// Whether the aggregate needs the percentile (`percentileCont`/`Disc`) before its first
    /// value.
    pub fn wants_percentile(&self) -> bool {
        self.spec.param.is_some() && self.percentile.is_none()
    }

    /// Sets the percentile from the value of the aggregate's second argument.
    pub fn set_percentile(&mut self, value: &Value) -> Result<()> {
        self.percentile = Some(percentile_arg(value).map_err(|e| e.at(self.spec.span))?);
        Ok(())
    }

    /// Whether only the number of non-null values matters (`count(x)`): the caller may then
    /// count rows instead of handing over values.
    pub fn counts_only(&self) -> bool {
        matches!(self.state, State::Count(_)) && self.seen.is_none()
    }

    /// Adds a float, as `add_value` would, without building a value where the state allows.
    #[inline]
    pub fn add_float(&mut self, f: f64) -> Result<()> {
        match &mut self.state {
            State::Sum {
                float,
                is_float: true,
                ..
            } if self.seen.is_none() => {
                *float += f;
                Ok(())
            }
            State::Avg { sum, n } if self.seen.is_none() => {
                *sum += f;
                *n += 1;
                Ok(())
            }
            _ => self.add_value(Cow::Owned(Value::Float(f))),
        }
    }

    /// Counts a row for `count(*)`, or a non-null value when `counts_only`.
    pub fn add_row(&mut self) {
        if let State::Count(n) = &mut self.state {
            *n += 1;
        }
    }

    /// Adds the argument's value for one row; nulls are skipped.
    pub fn add_value(&mut self, value: Cow<Value>) -> Result<()> {
        if value.is_null() {
            return Ok(());
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

    /// Takes in the state of the same aggregate over the rows that follow this one's, as if
    /// their values had been added here one by one (but for rounding: floats are summed in
    /// another order, and a running integer sum may overflow in one order only).
    pub fn merge(&mut self, later: Accumulator<'p>) -> Result<()> {
        if self.percentile.is_none() {
            self.percentile = later.percentile;
        }
        // Distinct values, and the extreme, are added one by one: the later part's distinct
        // values in the order it first saw them, skipping those seen here.
        if let Some(seen) = later.seen {
            for value in seen.into_keys().into_iter().flatten() {
                self.add_value(Cow::Owned(value))?;
            }
            return Ok(());
        }
        if let State::Extreme(value) = later.state {
            return value.map_or(Ok(()), |v| self.add_value(Cow::Owned(v)));
        }
        match (&mut self.state, later.state) {
            (State::Count(n), State::Count(m)) => *n += m,
            (
                State::Sum {
                    int,
                    float,
                    is_float,
                },
                State::Sum {
                    int: later_int,
                    float: later_float,
                    is_float: later_is_float,
                },
            ) => match (*is_float, later_is_float) {
                (false, false) => {
                    *int = int.checked_add(later_int).ok_or_else(|| {
                        QueryError::overflow("integer overflow in sum").at(self.spec.span)
                    })?;
                }
                (true, false) => *float += later_int as f64,
                (false, true) => {
                    *is_float = true;
                    *float = *int as f64 + later_float;
                }
                (true, true) => *float += later_float,
            },
            (State::Avg { sum, n }, State::Avg { sum: s, n: m }) => {
                *sum += s;
                *n += m;
            }
            (State::Collect(xs), State::Collect(ys)) | (State::Picks(xs), State::Picks(ys)) => {
                xs.extend(ys);
            }
            (State::Numbers(xs), State::Numbers(ys)) => xs.extend(ys),
            // Both come from the same aggregate, so their states are of one kind.
            _ => debug_assert!(false, "merging the states of different aggregates"),
        }
        Ok(())
    }

    pub fn finish(self) -> Result<Value> {
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
            State::Numbers(xs) => match self.spec.kind {
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
                    let xs = sort_checked(xs, f64::total_cmp)?;
                    let p = self.percentile.unwrap_or(0.5);
                    let pos = p * (xs.len() - 1) as f64;
                    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
                    Value::Float(xs[lo] + (xs[hi] - xs[lo]) * (pos - lo as f64))
                }
            },
            State::Picks(xs) => {
                if xs.is_empty() {
                    return Ok(Value::Null);
                }
                let mut xs = sort_checked(xs, compare_for_order)?;
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
