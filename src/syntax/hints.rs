//! What to say when a statement fails to parse on syntax that kg does not have but that people
//! bring from Neo4j: what it is, and what to write in kg instead. Each hint is recognised from
//! the words around the position where parsing stopped.

use super::ast::Span;

pub(super) struct Hint {
    pub message: String,
    /// The words the hint is about.
    pub span: Span,
}

/// A word of the text: its upper-case form and where it is.
#[derive(Clone, Copy)]
struct Word<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl Word<'_> {
    fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }

    fn is_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(w))
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The word starting at or after `pos` (skipping whitespace), if the next thing is a word.
fn word_from(text: &str, pos: usize) -> Option<Word<'_>> {
    let rest = text.get(pos..)?;
    let start = pos + (rest.len() - rest.trim_start().len());
    let tail = &text[start..];
    let len = tail.find(|c: char| !is_word_char(c)).unwrap_or(tail.len());
    (len > 0).then(|| Word {
        text: &text[start..start + len],
        start,
        end: start + len,
    })
}

/// The word ending at or before `pos` (skipping whitespace).
fn word_before(text: &str, pos: usize) -> Option<Word<'_>> {
    let head = text.get(..pos)?.trim_end();
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map(|(i, _)| i)?;
    Some(Word {
        text: &head[start..],
        start,
        end: head.len(),
    })
}

fn hint_at(message: impl Into<String>, start: usize, end: usize) -> Option<Hint> {
    Some(Hint {
        message: message.into(),
        span: Span::new(start, end),
    })
}

const INDEXES: &str = "kg declares indexes and constraints as Neo4j 5 declares range indexes: CREATE INDEX [name] FOR (n:Label) ON (n.prop) (or FOR ()-[r:TYPE]-() ON (r.prop)), CREATE CONSTRAINT [name] FOR (n:Label) REQUIRE n.prop IS UNIQUE (or IS NOT NULL), DROP INDEX name, DROP CONSTRAINT name, SHOW INDEXES, SHOW CONSTRAINTS; text, point, full-text, vector and composite indexes are not supported";
const DATABASES: &str = "kg has no databases to manage: a store is a directory, which kg --db DIR opens (and creates when it does not exist)";
/// The same, after a clause that says what the command is.
const DATABASES_AFTER: &str =
    "a kg store is a directory, which kg --db DIR opens (and creates when it does not exist)";

/// A hint for the syntax at `pos`, where parsing stopped.
pub(super) fn hint(text: &str, pos: usize) -> Option<Hint> {
    let word = word_from(text, pos);
    let next = word.and_then(|w| word_from(text, w.end));
    let before = word_before(text, pos);
    let next_char = text.get(pos..).and_then(|r| r.trim_start().chars().next());
    if let Some(w) = word {
        if let Some(h) = statement_hint(w, next, before) {
            return Some(h);
        }
    }
    // An index or constraint command that does not parse: the forms kg takes.
    let statement = &text[text[..pos].rfind(';').map_or(0, |i| i + 1)..pos];
    let mut head = statement.split_whitespace().map(str::to_ascii_uppercase);
    if let (Some(verb), Some(what)) = (head.next(), head.next()) {
        if matches!(verb.as_str(), "CREATE" | "DROP")
            && matches!(what.as_str(), "INDEX" | "CONSTRAINT")
        {
            let (start, end) = word.map_or((pos, pos + 1), |w| (w.start, w.end));
            return hint_at(INDEXES, start, end);
        }
    }
    // `SHOW INDEXES` and `SHOW CONSTRAINTS` parse, so parsing stops after SHOW on the others.
    if let Some(show) = before.filter(|b| b.is("SHOW")) {
        if let Some(h) = statement_hint(show, word, None) {
            return Some(h);
        }
    }
    pattern_hint(text, pos, next_char, before)
}

/// Statements and clauses of Neo4j's that kg has no counterpart of.
fn statement_hint(w: Word, next: Option<Word>, before: Option<Word>) -> Option<Hint> {
    let end = next.map_or(w.end, |n| n.end);
    if w.is("SHOW") {
        let what = next
            .map(|n| n.text.to_ascii_uppercase())
            .unwrap_or_default();
        let instead = match what.as_str() {
            "FUNCTIONS" | "FUNCTION" | "PROCEDURES" | "PROCEDURE" => {
                "kg has SHOW FUNCTIONS and SHOW PROCEDURES alone, without YIELD or filters; the shell's :help functions and :help procedures list them too"
            }
            "INDEXES" | "INDEX" | "CONSTRAINTS" | "CONSTRAINT" | "RANGE" | "TEXT" | "POINT"
            | "FULLTEXT" | "VECTOR" | "LOOKUP" | "ALL" => INDEXES,
            "DATABASES" | "DATABASE" | "DEFAULT" | "HOME" => DATABASES_AFTER,
            _ => {
                "kg schema (or the shell's :schema) lists the labels, relationship types and property keys with counts"
            }
        };
        return hint_at(
            format!("SHOW {what} is a command of Neo4j's server; {instead}")
                .replace("SHOW  is", "SHOW is"),
            w.start,
            end,
        );
    }
    if w.is("USE") {
        return hint_at(
            format!("USE selects a database of Neo4j's server; {DATABASES_AFTER}"),
            w.start,
            w.end,
        );
    }
    let schema_verb = ["CREATE", "DROP", "ALTER", "START", "STOP"];
    let database_words = ["DATABASE", "COMPOSITE", "ALIAS"];
    if (w.is_any(&schema_verb) && next.is_some_and(|n| n.is_any(&database_words)))
        || (w.is_any(&database_words) && before.is_some_and(|b| b.is_any(&schema_verb)))
    {
        return match before.filter(|_| w.is_any(&database_words)) {
            Some(verb) => hint_at(DATABASES, verb.start, w.end),
            None => hint_at(DATABASES, w.start, end),
        };
    }
    let index_words = [
        "INDEX",
        "CONSTRAINT",
        "TEXT",
        "RANGE",
        "POINT",
        "FULLTEXT",
        "VECTOR",
        "LOOKUP",
        "BTREE",
    ];
    if w.is("DROP") && next.is_some_and(|n| n.is_any(&index_words)) {
        return hint_at(INDEXES, w.start, end);
    }
    if w.is_any(&index_words) && before.is_some_and(|b| b.is("CREATE")) {
        let start = before.map_or(w.start, |b| b.start);
        return hint_at(INDEXES, start, w.end);
    }
    if w.is("UNIQUE") && before.is_some_and(|b| b.is("CREATE")) {
        return hint_at(
            "CREATE UNIQUE was removed in Neo4j 4: write MERGE, which matches the pattern or creates it",
            before.map_or(w.start, |b| b.start),
            w.end,
        );
    }
    if w.is_any(&["USER", "ROLE"]) && before.is_some_and(|b| b.is("CREATE"))
        || w.is_any(&["GRANT", "DENY", "REVOKE"])
    {
        return hint_at(
            "kg has no users or roles: who may read or change a store is decided by its directory's file permissions (and kg --read-only)",
            w.start,
            w.end,
        );
    }
    if w.is("FINISH") {
        return hint_at(
            "kg does not have FINISH: a query may simply end with its last updating clause (CREATE, MERGE, SET, DELETE ...); a query that only reads ends with RETURN",
            w.start,
            w.end,
        );
    }
    if w.is("USING") && next.is_some_and(|n| n.is("PERIODIC")) {
        return hint_at(
            "USING PERIODIC COMMIT was Neo4j 4's way of committing LOAD CSV in batches; kg runs LOAD CSV in the statement's one transaction, so write LOAD CSV alone",
            w.start,
            end,
        );
    }
    if w.is("CYPHER") {
        return hint_at(
            "kg takes no query options or language versions (CYPHER 5, CYPHER runtime=...): write the statement alone",
            w.start,
            end,
        );
    }
    if w.is("START") {
        return hint_at(
            "START was removed in Neo4j 3: find nodes with MATCH, e.g. MATCH (n) WHERE id(n) = 1",
            w.start,
            w.end,
        );
    }
    let selector = w.is_any(&["ANY", "ALL"]) && next.is_some_and(|n| n.is("SHORTEST"));
    if w.is("SHORTEST") || selector {
        return hint_at(
            "kg does not have Neo4j 5's SHORTEST path selectors: write p = shortestPath((a)-[*]-(b)) or allShortestPaths(...)",
            w.start,
            if selector { end } else { w.end },
        );
    }
    let listing = ["PROCEDURES", "PROCEDURE", "FUNCTIONS", "FUNCTION"];
    if w.is_any(&["YIELD", "WHERE", "EXECUTABLE"]) && before.is_some_and(|b| b.is_any(&listing)) {
        return hint_at(
            "kg's SHOW PROCEDURES and SHOW FUNCTIONS list every row (name, signature, description), without YIELD, WHERE or EXECUTABLE; the shell's :help functions WORD shows the functions whose name contains WORD",
            w.start,
            w.end,
        );
    }
    // Options of Neo4j's CALL { ... } IN TRANSACTIONS that kg does not have.
    let after_transactions = before.is_some_and(|b| b.is_any(&["ROWS", "ROW", "TRANSACTIONS"]));
    if (w.is("ON") && next.is_some_and(|n| n.is("ERROR")))
        || (w.is("REPORT") && after_transactions)
        || w.is("CONCURRENT")
        || next.is_some_and(|n| n.is("CONCURRENT"))
    {
        return hint_at(
            "kg's CALL { ... } IN TRANSACTIONS [OF n ROWS] runs its batches one after another and stops at the first error, keeping the batches committed before it (Neo4j's ON ERROR FAIL); ON ERROR CONTINUE or BREAK, REPORT STATUS and CONCURRENT are not supported",
            w.start,
            end,
        );
    }
    None
}

/// Pattern and expression syntax of Neo4j 5 that kg has no counterpart of.
fn pattern_hint(
    text: &str,
    pos: usize,
    next_char: Option<char>,
    before: Option<Word>,
) -> Option<Hint> {
    let head = text.get(..pos)?.trim_end();
    let one = |message: &str| hint_at(message, pos, pos + next_char.map_or(0, char::len_utf8));
    match next_char? {
        '{' | '+' | '*' if head.ends_with('-') || head.ends_with('>') || head.ends_with(')') => {
            one(
                "kg does not have quantified path patterns ((a)-[:R]->{1,3}(b), -[:R]-+): write a variable-length relationship, (a)-[:R*1..3]->(b)",
            )
        }
        '|' | '&' | '!' | '%' if inside_node_pattern(head) => one(
            "kg does not have label expressions (n:A|B, n:A&B, n:!A): write (n) WHERE n:A OR n:B, n:A:B, or WHERE NOT n:A",
        ),
        ':' if before.is_some_and(|b| b.is("IS") && b.end == head.len()) => hint_at(
            "kg does not have type predicates (x IS :: INTEGER): compare valueType(x), e.g. valueType(x) STARTS WITH 'INTEGER'",
            before.map_or(pos, |b| b.start),
            pos + 1,
        ),
        _ => None,
    }
}

/// Whether `head` ends inside a node pattern after a label: `(n:A`.
fn inside_node_pattern(head: &str) -> bool {
    let open = head.rfind(['(', '[', '{', ')', ']', '}']);
    open.is_some_and(|i| head[i..].starts_with('(') && head[i..].contains(':'))
}
