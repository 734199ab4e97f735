//! Text to syntax tree. The only module that names pest: pairs never leave it.
//!
//! `parse_script` turns a whole script into an [`ast::Script`]; every node carries the span of
//! the text it came from, so later stages can point at the offending token.

pub mod ast;
mod build;
mod call;
mod display;
mod error;
mod expr;
mod hints;
mod lexical;
mod parser;
mod quote;
mod schema;
mod single;
mod suggest;
mod tokens;

pub use display::write_literal;

pub use crate::text::MAX_STATEMENT_BYTES;
pub use lexical::{StatementScan, split_statements};
pub use parser::parse_script;
pub use quote::{NameRule, quote_name, string_literal, write_string_literal};
pub use single::{parameter_name, single_item};
pub use suggest::{KEYWORDS, closest};
pub use tokens::{Token, TokenKind, Tokens, is_blank, tokenize};
