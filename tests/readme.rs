//! The examples in README.md are real: every `$ kg ...` line in a `console` block is run with
//! the built binary and must print exactly what the README shows under it.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::process::Command;

/// Splits a command line as a POSIX shell would for the quoting the README uses: single
/// quotes, double quotes (with `\"`, `\\` and `\$` escapes) and bare words.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    cur.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' if matches!(chars.peek(), Some('"' | '\\' | '$')) => {
                            cur.push(chars.next().unwrap());
                        }
                        _ => cur.push(q),
                    }
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

struct Example {
    command: String,
    expected: String,
}

fn examples() -> Vec<Example> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut out = Vec::new();
    for block in text.split("```console\n").skip(1) {
        let body = block.split("```").next().unwrap();
        let mut current: Option<Example> = None;
        for line in body.lines() {
            if let Some(cmd) = line.strip_prefix("$ ") {
                out.extend(current.take());
                current = Some(Example {
                    command: cmd.to_string(),
                    expected: String::new(),
                });
            } else if let Some(ex) = current.as_mut() {
                ex.expected.push_str(line);
                ex.expected.push('\n');
            }
        }
        out.extend(current);
    }
    out
}

#[test]
fn readme_has_examples_and_they_print_what_it_shows() {
    let examples = examples();
    assert!(
        examples.len() >= 5,
        "README shows only {} examples",
        examples.len()
    );
    // The store examples (`--db notes`) make their store in the working directory, in order:
    // each run starts in a new, empty one.
    let workdir = std::env::temp_dir().join(format!("kg-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&workdir);
    std::fs::create_dir_all(&workdir).unwrap();
    // Examples that read the project's data sets name them as from the project's root.
    std::os::unix::fs::symlink(
        concat!(env!("CARGO_MANIFEST_DIR"), "/graph-data"),
        workdir.join("graph-data"),
    )
    .unwrap();
    for ex in examples {
        let words = shell_words(&ex.command);
        assert_eq!(words[0], "kg", "README examples run kg: {}", ex.command);
        let output = Command::new(env!("CARGO_BIN_EXE_kg"))
            .args(&words[1..])
            .current_dir(&workdir)
            .output()
            .unwrap();
        let mut printed = String::from_utf8_lossy(&output.stdout).into_owned();
        printed.push_str(&String::from_utf8_lossy(&output.stderr));
        assert_eq!(
            printed, ex.expected,
            "README example differs: $ {}",
            ex.command
        );
    }
    let _ = std::fs::remove_dir_all(&workdir);
}

#[test]
fn readme_starts_with_the_two_commands() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let first_block = text
        .split("```sh\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let commands: Vec<&str> = first_block
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(commands, ["cargo run --release", "cargo test --release"]);
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.contains("cargo test --release"),
        ".ci/run runs the README's test command"
    );
}
