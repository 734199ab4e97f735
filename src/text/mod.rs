//! Text files read a line or a CSV record at a time, saying where what is wrong is (line and
//! column): the import's CSV and scripts, and `LOAD CSV`.

mod lines;
mod records;

pub use lines::{LineError, LineReader, limit_text, skip_bom};
pub use records::{QuoteError, Record, RecordReader, SyntaxError};

/// The longest statement kg reads, in bytes; also the longest line of a file it imports, and
/// the longest CSV record. Scripts are read as streams, a statement at a time, so memory holds
/// at most this much text whatever the input: `kg run /dev/zero` ends with an error rather
/// than filling the memory.
pub const MAX_STATEMENT_BYTES: usize = 32 << 20;
