//! Reading text a line at a time, saying where a file stops being UTF-8 and refusing a line
//! past [`MAX_STATEMENT_BYTES`]. `BufRead::read_line` only says that the text was not UTF-8,
//! and drops the line, so the position would be lost; and it reads a line of any length,
//! so `/dev/zero` would fill the memory.

use super::MAX_STATEMENT_BYTES;
use std::io::{self, BufRead};

/// Why a line could not be read.
#[derive(Debug)]
pub enum LineError {
    Io(io::Error),
    /// The line is not UTF-8 from this character on (both counted from 1).
    Utf8 {
        line: u64,
        column: u64,
    },
    /// The line runs past [`MAX_STATEMENT_BYTES`] without ending.
    LineTooLong {
        line: u64,
    },
    /// A statement starting on this line runs past [`MAX_STATEMENT_BYTES`] without its `;`.
    StatementTooLong {
        line: u64,
    },
    /// A CSV record starting on this line runs past [`MAX_STATEMENT_BYTES`].
    RecordTooLong {
        line: u64,
    },
}

/// The limit in words, for messages and help.
pub fn limit_text() -> String {
    format!("{} MiB", MAX_STATEMENT_BYTES >> 20)
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineError::Io(e) => write!(f, "{e}"),
            LineError::Utf8 { line, column } => write!(
                f,
                "line {line}, column {column}: not UTF-8 text (kg reads text as UTF-8)"
            ),
            LineError::LineTooLong { line } => write!(
                f,
                "line {line} is longer than {}, the most kg reads as one line",
                limit_text()
            ),
            LineError::StatementTooLong { line } => write!(
                f,
                "the statement starting on line {line} is longer than {}, the most kg reads as one statement (is a `;` missing?)",
                limit_text()
            ),
            LineError::RecordTooLong { line } => write!(
                f,
                "the record starting on line {line} is longer than {}, the most kg reads as one record (is a quote not closed?)",
                limit_text()
            ),
        }
    }
}

/// A line reader over `input` that keeps one buffer for the bytes of a line.
pub struct LineReader<R> {
    input: R,
    bytes: Vec<u8>,
    /// Lines read so far.
    lines: u64,
}

impl<R: BufRead> LineReader<R> {
    /// A reader that skips a byte-order mark at the start of `input`: editors on some systems
    /// write one, and it is not part of the text.
    pub fn new(input: R) -> Self {
        LineReader {
            input,
            bytes: Vec::new(),
            lines: 0,
        }
    }

    /// Lines read so far: the number of the line the last call returned.
    pub fn line_number(&self) -> u64 {
        self.lines
    }

    /// Appends the next line (with its `\n`, if it has one) to `buf`, as `read_line` does;
    /// returns its length in bytes, 0 at the end of the input. On a UTF-8 error, the text
    /// before the bad bytes is appended to `buf`, for a caller that can use it.
    pub fn read_line(&mut self, buf: &mut String) -> Result<usize, LineError> {
        self.bytes.clear();
        if self.lines == 0 {
            skip_bom(&mut self.input).map_err(LineError::Io)?;
        }
        self.lines += 1;
        let n = self.read_bounded()?;
        match std::str::from_utf8(&self.bytes) {
            Ok(text) => {
                buf.push_str(text);
                Ok(n)
            }
            Err(e) => {
                let valid = &self.bytes[..e.valid_up_to()];
                let text = std::str::from_utf8(valid).unwrap_or_default();
                buf.push_str(text);
                Err(LineError::Utf8 {
                    line: self.lines,
                    column: text.chars().count() as u64 + 1,
                })
            }
        }
    }

    /// `read_until(b'\n')` that stops past `MAX_STATEMENT_BYTES`.
    fn read_bounded(&mut self) -> Result<usize, LineError> {
        loop {
            let chunk = match self.input.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(LineError::Io(e)),
            };
            if chunk.is_empty() {
                return Ok(self.bytes.len());
            }
            let (used, done) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            if self.bytes.len() + used > MAX_STATEMENT_BYTES {
                return Err(LineError::LineTooLong { line: self.lines });
            }
            self.bytes.extend_from_slice(&chunk[..used]);
            self.input.consume(used);
            if done {
                return Ok(self.bytes.len());
            }
        }
    }
}

/// Skips a UTF-8 byte-order mark at the start of `input`.
pub fn skip_bom(input: &mut impl BufRead) -> io::Result<()> {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    if input.fill_buf()?.starts_with(BOM) {
        input.consume(BOM.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_which_character_is_not_utf8_and_keeps_the_text_before_it() {
        let mut r = LineReader::new(&b"ok\n\xc3\xa9t\xe9\nnext\n"[..]);
        let mut buf = String::new();
        assert_eq!(r.read_line(&mut buf).unwrap(), 3);
        let err = r.read_line(&mut buf).unwrap_err();
        assert!(
            matches!(err, LineError::Utf8 { line: 2, column: 3 }),
            "{err}"
        );
        assert_eq!(buf, "ok\nét");
    }

    #[test]
    fn a_line_past_the_limit_is_refused_without_reading_it_all() {
        let mut input = std::io::BufReader::new(std::io::repeat(b'x'));
        let mut r = LineReader::new(&mut input);
        let mut buf = String::new();
        let err = r.read_line(&mut buf).unwrap_err();
        assert!(matches!(err, LineError::LineTooLong { line: 1 }), "{err}");
        assert!(buf.is_empty());
    }

    #[test]
    fn a_byte_order_mark_is_skipped_at_the_start_only() {
        let mut r = LineReader::new(&b"\xef\xbb\xbfa\n\xef\xbb\xbfb\n"[..]);
        let mut buf = String::new();
        r.read_line(&mut buf).unwrap();
        r.read_line(&mut buf).unwrap();
        assert_eq!(buf, "a\n\u{feff}b\n");
    }
}
