//! Text files read a line or a CSV record at a time, saying where what is wrong is (line and
//! column): the import's CSV and scripts, and `LOAD CSV`.

mod lines;
mod records;

pub use lines::{LineError, LineReader, limit_text, skip_bom};
pub use records::{QuoteError, Record, RecordReader, SyntaxError};
