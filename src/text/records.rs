//! A streaming RFC 4180 record reader. kg has its own rather than the `csv` crate's because
//! neo4j-admin and `LOAD CSV` give a quoted empty field (`""`, an empty string) a different
//! meaning from an unquoted one (no value), and the crate does not say which a field was; it
//! also reports the line each record starts on and refuses a quote left open, for error
//! messages.

use super::MAX_STATEMENT_BYTES;
use super::lines::{LineError, LineReader};
use std::io::BufRead;

/// One record. An unquoted field is read where it stands in `raw`; a quoted one is unescaped
/// into `text`, the fields back to back.
#[derive(Default, Debug)]
pub struct Record {
    /// The line the record starts on (from 1).
    pub line: u64,
    text: String,
    /// Each field's start and end, in `text` when it was quoted, else in `raw`.
    fields: Vec<(usize, usize, bool)>,
    /// The record as it was in the file, for the bad-row log.
    pub raw: String,
}

impl Record {
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The field's text and whether it was quoted.
    pub fn field(&self, i: usize) -> (&str, bool) {
        match self.fields.get(i) {
            Some(&(start, end, true)) => (&self.text[start..end], true),
            Some(&(start, end, false)) => (&self.raw[start..end], false),
            None => ("", false),
        }
    }

    /// A record of one empty, unquoted field: a blank line, which is skipped.
    pub fn is_blank(&self) -> bool {
        self.fields.len() == 1 && self.fields[0].1 == self.fields[0].0 && !self.fields[0].2
    }
}

pub struct RecordReader<R> {
    input: LineReader<R>,
    delimiter: u8,
    /// `\"` inside quotes is a quote too, as Neo4j's `LOAD CSV` reads it by default.
    backslash_escapes: bool,
    /// The next line to be read (from 1).
    line: u64,
    pub bytes_read: u64,
}

/// A syntax error in the CSV text itself, with the line and field it is at.
#[derive(Debug)]
pub struct SyntaxError {
    pub line: u64,
    pub field: usize,
    pub reason: QuoteError,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteError {
    /// A quoted field still open at the end of the input.
    Unterminated,
    /// Text between a closing quote and the next delimiter.
    TextAfterQuote,
}

impl<R: BufRead> RecordReader<R> {
    pub fn new(input: R, delimiter: u8) -> Self {
        RecordReader {
            input: LineReader::new(input),
            delimiter,
            backslash_escapes: false,
            line: 1,
            bytes_read: 0,
        }
    }

    pub fn with_backslash_escapes(mut self) -> Self {
        self.backslash_escapes = true;
        self
    }

    /// The line the next record starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    fn read_line(&mut self, buf: &mut String) -> Result<usize, LineError> {
        let n = self.input.read_line(buf)?;
        self.bytes_read += n as u64;
        Ok(n)
    }

    /// Reads the next record into `rec`; false at the end of the input.
    pub fn read(&mut self, rec: &mut Record) -> Result<Result<bool, SyntaxError>, LineError> {
        rec.raw.clear();
        rec.text.clear();
        rec.fields.clear();
        rec.line = self.line;
        if self.read_line(&mut rec.raw)? == 0 {
            return Ok(Ok(false));
        }
        self.line += 1;
        let mut pos = 0;
        loop {
            let field = rec.fields.len() + 1;
            let start = rec.text.len();
            let bytes = rec.raw.as_bytes();
            if bytes.get(pos) == Some(&b'"') {
                pos += 1;
                // Quoted: runs to the closing quote, across lines if need be.
                loop {
                    let bytes = rec.raw.as_bytes();
                    let found = if self.backslash_escapes {
                        memchr::memchr2(b'"', b'\\', &bytes[pos..])
                    } else {
                        memchr::memchr(b'"', &bytes[pos..])
                    };
                    match found {
                        Some(q) if bytes[pos + q] == b'\\' => {
                            rec.text.push_str(&rec.raw[pos..pos + q]);
                            pos += q + 1;
                            if rec.raw.as_bytes().get(pos) == Some(&b'"') {
                                rec.text.push('"');
                                pos += 1;
                            } else {
                                rec.text.push('\\');
                            }
                        }
                        Some(q) => {
                            rec.text.push_str(&rec.raw[pos..pos + q]);
                            pos += q + 1;
                            if rec.raw.as_bytes().get(pos) == Some(&b'"') {
                                rec.text.push('"');
                                pos += 1;
                                continue;
                            }
                            break;
                        }
                        None => {
                            rec.text.push_str(&rec.raw[pos..]);
                            pos = rec.raw.len();
                            if rec.raw.len() > MAX_STATEMENT_BYTES {
                                return Err(LineError::RecordTooLong { line: rec.line });
                            }
                            if self.read_line(&mut rec.raw)? == 0 {
                                return Ok(Err(SyntaxError {
                                    line: rec.line,
                                    field,
                                    reason: QuoteError::Unterminated,
                                }));
                            }
                            self.line += 1;
                        }
                    }
                }
                rec.fields.push((start, rec.text.len(), true));
                match rec.raw.as_bytes().get(pos) {
                    Some(b) if *b == self.delimiter => pos += 1,
                    None | Some(b'\n') => break,
                    Some(b'\r') if rec.raw.as_bytes().get(pos + 1) == Some(&b'\n') => break,
                    Some(_) => {
                        return Ok(Err(SyntaxError {
                            line: rec.line,
                            field,
                            reason: QuoteError::TextAfterQuote,
                        }));
                    }
                }
            } else {
                let rest = &bytes[pos..];
                let end = memchr::memchr2(self.delimiter, b'\n', rest).unwrap_or(rest.len());
                let mut text_end = pos + end;
                let at_delimiter = rest.get(end) == Some(&self.delimiter);
                if !at_delimiter && text_end > pos && bytes[text_end - 1] == b'\r' {
                    text_end -= 1;
                }
                rec.fields.push((pos, text_end, false));
                if !at_delimiter {
                    break;
                }
                pos += end + 1;
            }
        }
        Ok(Ok(true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn records(text: &str) -> Vec<Vec<(String, bool)>> {
        let mut reader = RecordReader::new(text.as_bytes(), b',');
        let mut rec = Record::default();
        let mut out = Vec::new();
        while reader.read(&mut rec).unwrap().unwrap() {
            out.push(
                (0..rec.len())
                    .map(|i| {
                        let (t, q) = rec.field(i);
                        (t.to_string(), q)
                    })
                    .collect(),
            );
        }
        out
    }

    #[test]
    fn quoted_fields_keep_delimiters_quotes_and_newlines() {
        let recs = records("a,\"b,\"\"c\"\"\",\r\n\"x\ny\",\"\",z\n");
        assert_eq!(
            recs[0],
            vec![
                ("a".into(), false),
                ("b,\"c\"".into(), true),
                ("".into(), false)
            ]
        );
        assert_eq!(
            recs[1],
            vec![
                ("x\ny".into(), true),
                ("".into(), true),
                ("z".into(), false)
            ]
        );
    }

    #[test]
    fn records_know_their_first_line() {
        let mut reader = RecordReader::new("h\n\"a\nb\"\nc".as_bytes(), b',');
        let mut rec = Record::default();
        let mut lines = Vec::new();
        while reader.read(&mut rec).unwrap().unwrap() {
            lines.push(rec.line);
        }
        assert_eq!(lines, vec![1, 2, 4]);
    }

    #[test]
    fn a_record_past_the_limit_is_refused() {
        let open = std::io::Cursor::new(b"a,\"b\n".to_vec());
        let lines = std::io::BufReader::new(open.chain(std::io::repeat(b'\n')));
        let mut reader = RecordReader::new(lines, b',');
        let mut rec = Record::default();
        let err = reader.read(&mut rec).unwrap_err();
        assert!(matches!(err, LineError::RecordTooLong { line: 1 }), "{err}");
    }

    #[test]
    fn backslash_quotes_when_asked() {
        let text = "\"a \\\"b\\\"\",\"c\\d\"\n";
        let mut reader = RecordReader::new(text.as_bytes(), b',').with_backslash_escapes();
        let mut rec = Record::default();
        assert!(reader.read(&mut rec).unwrap().unwrap());
        assert_eq!(rec.field(0), ("a \"b\"", true));
        assert_eq!(rec.field(1), ("c\\d", true));
        let mut plain = RecordReader::new("\"a\\\"\n".as_bytes(), b',');
        assert!(plain.read(&mut rec).unwrap().unwrap());
        assert_eq!(rec.field(0), ("a\\", true));
    }

    #[test]
    fn an_open_quote_is_an_error() {
        let mut reader = RecordReader::new("a,\"b\nc".as_bytes(), b',');
        let mut rec = Record::default();
        let err = reader.read(&mut rec).unwrap().unwrap_err();
        assert_eq!((err.line, err.field), (1, 2));
        assert_eq!(err.reason, QuoteError::Unterminated);
    }
}
