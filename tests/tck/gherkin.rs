//! A tolerant reader for the Gherkin subset the TCK uses: Feature, Background, Scenario,
//! Scenario Outline with Examples, tags, steps with a doc string or a data table.
//!
//! Outlines are expanded here, one scenario per Examples row, with `<placeholders>` replaced
//! as text in step texts, doc strings and table cells before anything parses them.

use std::fmt;

/// Identifies a scenario across runs: the file (relative to the features directory), the line
/// of its `Scenario` keyword and, for an outline, the 1-based row across all its Examples.
/// Names are not enough: two scenarios of one file can share a name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ScenarioKey {
    pub file: String,
    pub line: usize,
    pub example: Option<usize>,
}

impl fmt::Display for ScenarioKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(example) = self.example {
            write!(f, ":{example}")?;
        }
        Ok(())
    }
}

/// The inverse of `Display`: `file:line` or `file:line:example`.
impl std::str::FromStr for ScenarioKey {
    type Err = String;

    fn from_str(text: &str) -> Result<ScenarioKey, String> {
        let bad = || format!("'{text}' is not file:line or file:line:example");
        let number = |part: &str| part.parse::<usize>().map_err(|_| bad());
        match text.split(':').collect::<Vec<_>>().as_slice() {
            [file, line] => Ok(ScenarioKey {
                file: file.to_string(),
                line: number(line)?,
                example: None,
            }),
            [file, line, example] => Ok(ScenarioKey {
                file: file.to_string(),
                line: number(line)?,
                example: Some(number(example)?),
            }),
            _ => Err(bad()),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Scenario {
    pub key: ScenarioKey,
    pub name: String,
    /// Tags of the feature, the scenario and (for outlines) the Examples block.
    pub tags: Vec<String>,
    /// Background steps first, then the scenario's own.
    pub steps: Vec<GherkinStep>,
}

#[derive(Clone, Debug)]
pub struct GherkinStep {
    /// The step text after its keyword (`Given`, `And`, ...), which does not matter here.
    pub text: String,
    pub line: usize,
    pub argument: Option<StepArgument>,
}

#[derive(Clone, Debug)]
pub enum StepArgument {
    DocString(String),
    /// Rows of cells, already unescaped (`\|`, `\\`, `\n`) and trimmed.
    Table(Vec<Vec<String>>),
}

impl Scenario {
    /// All text of the scenario's steps, for classifying scenarios (e.g. by temporal values).
    pub fn all_text(&self) -> String {
        let mut text = String::new();
        for step in &self.steps {
            text.push_str(&step.text);
            text.push('\n');
            match &step.argument {
                Some(StepArgument::DocString(doc)) => text.push_str(doc),
                Some(StepArgument::Table(rows)) => {
                    for row in rows {
                        text.push_str(&row.join(" | "));
                        text.push('\n');
                    }
                }
                None => {}
            }
            text.push('\n');
        }
        text
    }
}

const STEP_KEYWORDS: [&str; 6] = ["Given ", "When ", "Then ", "And ", "But ", "* "];

/// A Scenario or Scenario Outline as written, before expansion.
struct Template {
    line: usize,
    name: String,
    tags: Vec<String>,
    steps: Vec<GherkinStep>,
    is_outline: bool,
    examples: Vec<Examples>,
}

struct Examples {
    tags: Vec<String>,
    /// Header row first.
    rows: Vec<Vec<String>>,
}

/// Where table rows that follow go.
enum TableTarget {
    LastStep,
    Examples,
    Nowhere,
}

/// Parses one feature file; `file` is the key's file part (relative path).
pub fn parse_feature(file: &str, source: &str) -> Result<Vec<Scenario>, String> {
    let lines: Vec<&str> = source
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut reader = FeatureReader {
        lines: &lines,
        feature_tags: Vec::new(),
        pending_tags: Vec::new(),
        background: Vec::new(),
        in_background: false,
        templates: Vec::new(),
        table_target: TableTarget::Nowhere,
    };
    let mut index = 0;
    while index < lines.len() {
        index = reader
            .read_line(index)
            .map_err(|message| format!("{file}:{}: {message}", index + 1))?;
    }
    let mut scenarios = Vec::new();
    for template in reader.templates {
        expand(
            file,
            &reader.feature_tags,
            &reader.background,
            template,
            &mut scenarios,
        )?;
    }
    Ok(scenarios)
}

/// The state of reading a feature file line by line.
struct FeatureReader<'a> {
    lines: &'a [&'a str],
    feature_tags: Vec<String>,
    /// Tags read but not yet attached to the heading that follows them.
    pending_tags: Vec<String>,
    background: Vec<GherkinStep>,
    in_background: bool,
    templates: Vec<Template>,
    table_target: TableTarget,
}

impl FeatureReader<'_> {
    /// Reads the line at `index` (and a whole doc string, if one starts there); returns the
    /// index of the next line to read.
    fn read_line(&mut self, index: usize) -> Result<usize, String> {
        let raw = self.lines[index];
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            return Ok(index + 1);
        }
        if line.starts_with('@') {
            let tags = line.split_whitespace().take_while(|t| !t.starts_with('#'));
            self.pending_tags.extend(tags.map(str::to_string));
        } else if line.starts_with("Feature:") {
            self.feature_tags = std::mem::take(&mut self.pending_tags);
        } else if line.starts_with("Background:") {
            self.in_background = true;
            self.table_target = TableTarget::Nowhere;
        } else if let Some((name, is_outline)) = scenario_heading(line) {
            self.in_background = false;
            self.table_target = TableTarget::Nowhere;
            self.templates.push(Template {
                line: index + 1,
                name: name.to_string(),
                tags: std::mem::take(&mut self.pending_tags),
                steps: Vec::new(),
                is_outline,
                examples: Vec::new(),
            });
        } else if line.starts_with("Examples:") || line.starts_with("Scenarios:") {
            let tags = std::mem::take(&mut self.pending_tags);
            let template = self.templates.last_mut().filter(|t| t.is_outline);
            let template = template.ok_or("Examples outside a Scenario Outline")?;
            template.examples.push(Examples {
                tags,
                rows: Vec::new(),
            });
            self.table_target = TableTarget::Examples;
        } else if line.starts_with('|') {
            self.add_table_row(split_table_row(line))?;
        } else if let Some(delimiter) = doc_string_delimiter(line) {
            let indent = raw.len() - raw.trim_start().len();
            let (doc, next_index) = read_doc_string(self.lines, index + 1, delimiter, indent)
                .ok_or("doc string is not closed")?;
            let step = self.last_step()?;
            if step.argument.is_some() {
                return Err("step has two arguments".to_string());
            }
            step.argument = Some(StepArgument::DocString(doc));
            return Ok(next_index);
        } else if let Some(text) = STEP_KEYWORDS.iter().find_map(|k| line.strip_prefix(k)) {
            let step = GherkinStep {
                text: text.trim().to_string(),
                line: index + 1,
                argument: None,
            };
            self.steps()?.push(step);
            self.table_target = TableTarget::LastStep;
        }
        // Anything else is free description text under a heading.
        Ok(index + 1)
    }

    /// The steps being read: the Background's or the latest scenario's.
    fn steps(&mut self) -> Result<&mut Vec<GherkinStep>, String> {
        if self.in_background {
            return Ok(&mut self.background);
        }
        match self.templates.last_mut() {
            Some(template) => Ok(&mut template.steps),
            None => Err("step outside a scenario".to_string()),
        }
    }

    fn last_step(&mut self) -> Result<&mut GherkinStep, String> {
        self.steps()?
            .last_mut()
            .ok_or_else(|| "step argument without a step".to_string())
    }

    fn add_table_row(&mut self, row: Vec<String>) -> Result<(), String> {
        match self.table_target {
            TableTarget::LastStep => {
                let step = self.last_step()?;
                match &mut step.argument {
                    None => step.argument = Some(StepArgument::Table(vec![row])),
                    Some(StepArgument::Table(rows)) => rows.push(row),
                    Some(StepArgument::DocString(_)) => {
                        return Err("step has both a doc string and a table".to_string());
                    }
                }
            }
            TableTarget::Examples => {
                let examples = self
                    .templates
                    .last_mut()
                    .and_then(|t| t.examples.last_mut());
                examples
                    .ok_or("examples row outside Examples")?
                    .rows
                    .push(row);
            }
            TableTarget::Nowhere => return Err("table row without a step".to_string()),
        }
        Ok(())
    }
}

/// The name of a scenario heading and whether it is an outline.
fn scenario_heading(line: &str) -> Option<(&str, bool)> {
    const HEADINGS: [(&str, bool); 4] = [
        ("Scenario Outline:", true),
        ("Scenario Template:", true),
        ("Scenario:", false),
        ("Example:", false),
    ];
    HEADINGS
        .iter()
        .find_map(|(keyword, outline)| line.strip_prefix(keyword).map(|n| (n.trim(), *outline)))
}

fn doc_string_delimiter(line: &str) -> Option<&'static str> {
    ["\"\"\"", "```"].into_iter().find(|d| line.starts_with(d))
}

/// Reads doc string lines from `start` up to the closing delimiter; returns the text and the
/// index of the line after the delimiter. Each line loses up to `indent` leading whitespace
/// characters (spaces or tabs), the indentation of the opening delimiter.
fn read_doc_string(
    lines: &[&str],
    start: usize,
    delimiter: &str,
    indent: usize,
) -> Option<(String, usize)> {
    let mut content = Vec::new();
    for (offset, line) in lines[start..].iter().enumerate() {
        if line.trim() == delimiter {
            let escaped_delimiter: String = delimiter.chars().flat_map(|c| ['\\', c]).collect();
            let text = content.join("\n").replace(&escaped_delimiter, delimiter);
            return Some((text, start + offset + 1));
        }
        let removable = line
            .chars()
            .take(indent)
            .take_while(|c| c.is_whitespace())
            .count();
        let cut = line
            .char_indices()
            .nth(removable)
            .map_or(line.len(), |(i, _)| i);
        content.push(&line[cut..]);
    }
    None
}

/// Splits `| a | b\|c |` into trimmed, unescaped cells. Text after the last `|` is ignored.
fn split_table_row(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut raw_cell = String::new();
    let mut chars = line.chars().skip(1);
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                raw_cell.push(c);
                if let Some(escaped) = chars.next() {
                    raw_cell.push(escaped);
                }
            }
            '|' => cells.push(unescape_cell(std::mem::take(&mut raw_cell).trim())),
            _ => raw_cell.push(c),
        }
    }
    cells
}

/// Gherkin's cell escapes: `\\`, `\|` and `\n`. Any other backslash stays as written, which
/// keeps cells like `'\''` intact for the value parser.
fn unescape_cell(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('\\') | Some('|') => out.extend(chars.next()),
            Some('n') => {
                chars.next();
                out.push('\n');
            }
            _ => out.push('\\'),
        }
    }
    out
}

fn expand(
    file: &str,
    feature_tags: &[String],
    background: &[GherkinStep],
    template: Template,
    out: &mut Vec<Scenario>,
) -> Result<(), String> {
    let with_background = |steps: Vec<GherkinStep>| -> Vec<GherkinStep> {
        background.iter().cloned().chain(steps).collect()
    };
    let mut tags: Vec<String> = feature_tags.iter().chain(&template.tags).cloned().collect();
    if !template.is_outline {
        out.push(Scenario {
            key: ScenarioKey {
                file: file.to_string(),
                line: template.line,
                example: None,
            },
            name: template.name,
            tags,
            steps: with_background(template.steps),
        });
        return Ok(());
    }
    let mut example = 0;
    let own_tags = tags.len();
    for examples in &template.examples {
        let Some((header, rows)) = examples.rows.split_first() else {
            continue;
        };
        tags.truncate(own_tags);
        tags.extend(examples.tags.iter().cloned());
        for row in rows {
            example += 1;
            if row.len() != header.len() {
                return Err(format!(
                    "{file}:{}: examples row {example} has {} cells, header has {}",
                    template.line,
                    row.len(),
                    header.len()
                ));
            }
            let substitute = |text: &str| -> String {
                header
                    .iter()
                    .zip(row)
                    .fold(text.to_string(), |acc, (name, value)| {
                        acc.replace(&format!("<{name}>"), value)
                    })
            };
            let steps = template.steps.iter().map(|step| GherkinStep {
                text: substitute(&step.text),
                line: step.line,
                argument: step.argument.as_ref().map(|argument| match argument {
                    StepArgument::DocString(doc) => StepArgument::DocString(substitute(doc)),
                    StepArgument::Table(rows) => StepArgument::Table(
                        rows.iter()
                            .map(|r| r.iter().map(|c| substitute(c)).collect())
                            .collect(),
                    ),
                }),
            });
            out.push(Scenario {
                key: ScenarioKey {
                    file: file.to_string(),
                    line: template.line,
                    example: Some(example),
                },
                name: substitute(&template.name),
                tags: tags.clone(),
                steps: with_background(steps.collect()),
            });
        }
    }
    Ok(())
}
