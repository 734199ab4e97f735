//! Reading text a line at a time, saying where a file stops being UTF-8. `BufRead::read_line`
//! only says that it did, and drops the line, so the position would be lost.

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
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineError::Io(e) => write!(f, "{e}"),
            LineError::Utf8 { line, column } => write!(
                f,
                "line {line}, column {column}: not UTF-8 text (kg reads text as UTF-8)"
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
    pub fn new(input: R) -> Self {
        LineReader {
            input,
            bytes: Vec::new(),
            lines: 0,
        }
    }

    /// Appends the next line (with its `\n`, if it has one) to `buf`, as `read_line` does;
    /// returns its length in bytes, 0 at the end of the input.
    pub fn read_line(&mut self, buf: &mut String) -> Result<usize, LineError> {
        self.bytes.clear();
        let n = self
            .input
            .read_until(b'\n', &mut self.bytes)
            .map_err(LineError::Io)?;
        self.lines += 1;
        match std::str::from_utf8(&self.bytes) {
            Ok(text) => {
                buf.push_str(text);
                Ok(n)
            }
            Err(e) => {
                let valid = &self.bytes[..e.valid_up_to()];
                let chars = std::str::from_utf8(valid).map_or(0, |t| t.chars().count());
                Err(LineError::Utf8 {
                    line: self.lines,
                    column: chars as u64 + 1,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_which_character_is_not_utf8() {
        let mut r = LineReader::new(&b"ok\n\xc3\xa9t\xe9\nnext\n"[..]);
        let mut buf = String::new();
        assert_eq!(r.read_line(&mut buf).unwrap(), 3);
        let err = r.read_line(&mut buf).unwrap_err();
        assert!(
            matches!(err, LineError::Utf8 { line: 2, column: 3 }),
            "{err}"
        );
        assert_eq!(buf, "ok\n");
        assert_eq!(r.read_line(&mut buf).unwrap(), 5);
        assert_eq!(buf, "ok\nnext\n");
    }
}
