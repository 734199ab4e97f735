//! The data model shared by every layer: values, identifiers and the property-map type.
//!
//! This module depends on nothing else in the crate. Everything above it (graph storage, the
//! executor, printers, persistence) speaks in these types, so they stay small and cheap to clone:
//! strings and collections sit behind `Arc` so copying a value into a row never allocates.

mod ids;
mod nesting;
mod order;
mod path;
pub mod temporal;
mod value;

pub use ids::{NodeId, RelId};
pub use nesting::{MAX_DEPTH, too_deep_message};
pub use order::{
    GroupKey, compare_for_order, compare_values, equals, group_key_eq, hash_group_key,
};
pub use path::PathValue;
pub use value::{Map, Params, Value, ValueType, float_text};
