//! `str.format` template parsing: a port of CPython 3.11's `MarkupIterator`,
//! `parse_field`, `field_name_split` and `FieldNameIterator`
//! (`Objects/stringlib/unicode_format.h`).
//!
//! Auto-numbering (`{}`) is resolved while parsing, in the same order as
//! CPython (a field's number is assigned before the fields nested in its
//! spec), and nested specs are parsed eagerly with CPython's recursion limit.

use super::{code_for_message, decimal_digit_value, FmtResult, FormatError};

/// The first part of a replacement field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldName {
    /// `{}`: automatic numbering; the positional index assigned.
    Auto(usize),
    /// `{3}`: explicit positional index.
    Index(usize),
    /// `{name}`: keyword argument.
    Keyword(String),
}

/// One `.attr` or `[key]` step after the first name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accessor {
    /// `.name`: attribute access.
    Attr(String),
    /// `[3]`: item access with an integer (all decimal digits).
    Index(usize),
    /// `[key]`: item access with a string key.
    Key(String),
}

/// A replacement field `{first.rest!conversion:spec}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatField {
    /// Positional index or keyword.
    pub first: FieldName,
    /// Attribute / item accessors applied in order.
    pub rest: Vec<Accessor>,
    /// `r`, `s` or `a`.
    pub conversion: Option<char>,
    /// The raw format spec text (may contain nested `{fields}`).
    pub spec: String,
    /// The spec parsed into pieces when it contains nested fields; use
    /// [`expand_spec`] to render it.
    pub nested: Option<Vec<FormatPiece>>,
}

/// A piece of a `str.format` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatPiece {
    /// Literal text, with `{{` / `}}` unescaped.
    Literal(String),
    /// A replacement field.
    Field(FormatField),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AutoState {
    Init,
    Auto,
    Manual,
}

/// Incremental `str.format` template parser: yields pieces one at a time,
/// so a caller rendering as it goes reports errors in CPython's order
/// (e.g. a lookup error in an earlier field wins over a syntax error later).
#[derive(Debug, Clone)]
pub struct FormatStringParser<'a> {
    s: &'a str,
    pos: usize,
    auto: AutoState,
    next_auto: usize,
    depth: i32,
    pending: Option<FormatField>,
    failed: bool,
}

impl<'a> FormatStringParser<'a> {
    /// A parser for a top-level template (CPython's recursion depth 2).
    pub fn new(s: &'a str) -> Self {
        FormatStringParser {
            s,
            pos: 0,
            auto: AutoState::Init,
            next_auto: 0,
            depth: 2,
            pending: None,
            failed: false,
        }
    }

    /// `MarkupIterator_next`: the literal text up to the next field, and the
    /// field if there is one.
    fn next_markup(&mut self) -> FmtResult<Option<(String, Option<FormatField>)>> {
        let b = self.s.as_bytes();
        let end = b.len();
        if self.pos >= end {
            return Ok(None);
        }
        let start = self.pos;
        let mut c = 0u8;
        let mut markup_follows = false;
        while self.pos < end {
            c = b[self.pos];
            self.pos += 1;
            if c == b'{' || c == b'}' {
                markup_follows = true;
                break;
            }
        }
        let at_end = self.pos >= end;
        let mut len = self.pos - start;
        if c == b'}' && (at_end || b[self.pos] != c) {
            return Err(FormatError::value(
                "Single '}' encountered in format string",
            ));
        }
        if at_end && c == b'{' {
            return Err(FormatError::value(
                "Single '{' encountered in format string",
            ));
        }
        if !at_end {
            if b[self.pos] == c {
                self.pos += 1;
                markup_follows = false;
            } else {
                len -= 1;
            }
        }
        let literal = self.s[start..start + len].to_string();
        if !markup_follows {
            return Ok(Some((literal, None)));
        }
        let field = self.parse_field()?;
        Ok(Some((literal, Some(field))))
    }

    /// `parse_field` plus the name splitting, numbering, conversion check
    /// and nested-spec expansion that CPython's `output_markup` does next.
    fn parse_field(&mut self) -> FmtResult<FormatField> {
        let s = self.s;
        let b = s.as_bytes();
        let end = b.len();
        let name_start = self.pos;
        let mut c = 0u8;
        while self.pos < end {
            c = b[self.pos];
            self.pos += 1;
            match c {
                b'{' => return Err(FormatError::value("unexpected '{' in field name")),
                b'[' => {
                    while self.pos < end && b[self.pos] != b']' {
                        self.pos += 1;
                    }
                }
                b'}' | b':' | b'!' => break,
                _ => {}
            }
        }
        let mut conversion = None;
        let mut spec = "";
        let mut needs_expanding = false;
        if c == b'!' || c == b':' {
            let name = &s[name_start..self.pos - 1];
            let mut closed = false;
            if c == b'!' {
                let Some(conv) = s[self.pos..].chars().next() else {
                    return Err(FormatError::value(
                        "end of string while looking for conversion specifier",
                    ));
                };
                self.pos += conv.len_utf8();
                conversion = Some(conv);
                if self.pos < end {
                    let c2 = b[self.pos];
                    self.pos += 1;
                    if c2 == b'}' {
                        closed = true;
                    } else if c2 != b':' {
                        return Err(FormatError::value(
                            "expected ':' after conversion specifier",
                        ));
                    }
                }
            }
            if !closed {
                let spec_start = self.pos;
                let mut count = 1;
                loop {
                    if self.pos >= end {
                        return Err(FormatError::value("unmatched '{' in format spec"));
                    }
                    let c3 = b[self.pos];
                    self.pos += 1;
                    if c3 == b'{' {
                        needs_expanding = true;
                        count += 1;
                    } else if c3 == b'}' {
                        count -= 1;
                        if count == 0 {
                            spec = &s[spec_start..self.pos - 1];
                            break;
                        }
                    }
                }
            }
            self.finish_field(name, conversion, spec, needs_expanding)
        } else if c != b'}' {
            Err(FormatError::value("expected '}' before end of string"))
        } else {
            let name = &s[name_start..self.pos - 1];
            self.finish_field(name, None, "", false)
        }
    }

    fn finish_field(
        &mut self,
        name: &str,
        conversion: Option<char>,
        spec: &str,
        needs_expanding: bool,
    ) -> FmtResult<FormatField> {
        let split = name.find(['.', '[']).unwrap_or(name.len());
        let (first_text, rest_text) = name.split_at(split);
        let first_idx = get_integer(first_text)?;
        let empty = first_text.is_empty();
        if empty || first_idx.is_some() {
            if self.auto == AutoState::Init {
                self.auto = if empty {
                    AutoState::Auto
                } else {
                    AutoState::Manual
                };
            }
            if self.auto == AutoState::Manual && empty {
                return Err(FormatError::value(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            if self.auto == AutoState::Auto && !empty {
                return Err(FormatError::value(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
        }
        let first = if empty {
            self.next_auto += 1;
            FieldName::Auto(self.next_auto - 1)
        } else if let Some(i) = first_idx {
            FieldName::Index(i)
        } else {
            FieldName::Keyword(first_text.to_string())
        };
        let rest = parse_rest(rest_text)?;
        if let Some(conv) = conversion {
            if !matches!(conv, 'r' | 's' | 'a') {
                let shown = if conv == ' ' || conv == '\x7f' {
                    format!("\\x{:x}", conv as u32)
                } else {
                    code_for_message(conv)
                };
                return Err(FormatError::value(format!(
                    "Unknown conversion specifier {shown}"
                )));
            }
        }
        let nested = if needs_expanding {
            if self.depth - 1 <= 0 {
                return Err(FormatError::value("Max string recursion exceeded"));
            }
            let mut sub = FormatStringParser {
                s: spec,
                pos: 0,
                auto: self.auto,
                next_auto: self.next_auto,
                depth: self.depth - 1,
                pending: None,
                failed: false,
            };
            let mut pieces = Vec::new();
            for p in sub.by_ref() {
                pieces.push(p?);
            }
            self.auto = sub.auto;
            self.next_auto = sub.next_auto;
            Some(pieces)
        } else {
            None
        };
        Ok(FormatField {
            first,
            rest,
            conversion,
            spec: spec.to_string(),
            nested,
        })
    }
}

impl Iterator for FormatStringParser<'_> {
    type Item = FmtResult<FormatPiece>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(f) = self.pending.take() {
            return Some(Ok(FormatPiece::Field(f)));
        }
        if self.failed {
            return None;
        }
        let mut literal = String::new();
        loop {
            match self.next_markup() {
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
                Ok(None) if literal.is_empty() => return None,
                Ok(None) => return Some(Ok(FormatPiece::Literal(literal))),
                Ok(Some((lit, field))) => {
                    literal.push_str(&lit);
                    let Some(f) = field else { continue };
                    if literal.is_empty() {
                        return Some(Ok(FormatPiece::Field(f)));
                    }
                    self.pending = Some(f);
                    return Some(Ok(FormatPiece::Literal(literal)));
                }
            }
        }
    }
}

/// CPython's `get_integer` for field names: `Some(n)` when `s` is a
/// non-empty run of decimal digits.
fn get_integer(s: &str) -> FmtResult<Option<usize>> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: usize = 0;
    for c in s.chars() {
        let Some(d) = decimal_digit_value(c) else {
            return Ok(None);
        };
        let d = d as usize;
        if acc > (isize::MAX as usize - d) / 10 {
            return Err(FormatError::value(
                "Too many decimal digits in format string",
            ));
        }
        acc = acc * 10 + d;
    }
    Ok(Some(acc))
}

/// `FieldNameIterator`: parses `.attr` / `[key]` steps.
fn parse_rest(text: &str) -> FmtResult<Vec<Accessor>> {
    let b = text.as_bytes();
    let mut pos = 0;
    let mut out = Vec::new();
    while pos < b.len() {
        let c = b[pos];
        pos += 1;
        let acc = match c {
            b'.' => {
                let start = pos;
                while pos < b.len() && b[pos] != b'.' && b[pos] != b'[' {
                    pos += 1;
                }
                let name = &text[start..pos];
                if name.is_empty() {
                    return Err(empty_attribute());
                }
                Accessor::Attr(name.to_string())
            }
            b'[' => {
                let start = pos;
                while pos < b.len() && b[pos] != b']' {
                    pos += 1;
                }
                if pos >= b.len() {
                    return Err(FormatError::value("Missing ']' in format string"));
                }
                let name = &text[start..pos];
                pos += 1;
                match get_integer(name)? {
                    Some(i) => Accessor::Index(i),
                    None if name.is_empty() => return Err(empty_attribute()),
                    None => Accessor::Key(name.to_string()),
                }
            }
            _ => {
                return Err(FormatError::value(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ))
            }
        };
        out.push(acc);
    }
    Ok(out)
}

fn empty_attribute() -> FormatError {
    FormatError::value("Empty attribute in format string")
}

/// Parses a whole `str.format` template (see [`FormatStringParser`] for
/// incremental parsing).
pub fn parse_format_string(s: &str) -> FmtResult<Vec<FormatPiece>> {
    FormatStringParser::new(s).collect()
}

/// Renders a field's format spec, calling `render` for each nested field
/// (which should look the value up, apply its conversion and format it with
/// its own `spec`). Returns the spec unchanged when it has no nested fields.
pub fn expand_spec<E>(
    field: &FormatField,
    mut render: impl FnMut(&FormatField) -> Result<String, E>,
) -> Result<String, E> {
    let Some(pieces) = &field.nested else {
        return Ok(field.spec.clone());
    };
    let mut out = String::new();
    for p in pieces {
        match p {
            FormatPiece::Literal(s) => out.push_str(s),
            FormatPiece::Field(f) => out.push_str(&render(f)?),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(p: &FormatPiece) -> &FormatField {
        match p {
            FormatPiece::Field(f) => f,
            FormatPiece::Literal(l) => panic!("literal {l:?}"),
        }
    }

    #[test]
    fn structure() {
        let p = parse_format_string("a{{b}}{0.x[1][k]!r:>{1}}{name}").unwrap();
        assert_eq!(p[0], FormatPiece::Literal("a{b}".into()));
        let f = field(&p[1]);
        assert_eq!(f.first, FieldName::Index(0));
        assert_eq!(
            f.rest,
            vec![
                Accessor::Attr("x".into()),
                Accessor::Index(1),
                Accessor::Key("k".into())
            ]
        );
        assert_eq!(f.conversion, Some('r'));
        assert_eq!(f.spec, ">{1}");
        let spec: Result<String, ()> = expand_spec(f, |nf| {
            assert_eq!(nf.first, FieldName::Index(1));
            Ok("10".into())
        });
        assert_eq!(spec.unwrap(), ">10");
        assert_eq!(field(&p[2]).first, FieldName::Keyword("name".into()));
    }

    #[test]
    fn auto_numbering_order() {
        let p = parse_format_string("{:{}}{}{x}{[a]}").unwrap();
        let f = field(&p[0]);
        assert_eq!(f.first, FieldName::Auto(0));
        let nested = f.nested.as_ref().unwrap();
        assert_eq!(field(&nested[0]).first, FieldName::Auto(1));
        assert_eq!(field(&p[1]).first, FieldName::Auto(2));
        assert_eq!(field(&p[3]).first, FieldName::Auto(3));
        assert_eq!(field(&p[3]).rest, vec![Accessor::Key("a".into())]);
        let p = parse_format_string("{a[:}]!s}").unwrap();
        assert_eq!(field(&p[0]).conversion, Some('s'));
        // Accessor syntax is checked while parsing (CPython checks it while
        // looking the value up, so a lookup error there would win).
        let e = parse_format_string("{a[0]x}").unwrap_err();
        assert_eq!(
            e.message,
            "Only '.' or '[' may follow ']' in format field specifier"
        );
        let e = parse_format_string("{0[1}").unwrap_err();
        assert_eq!(e.message, "expected '}' before end of string");
        let e = parse_format_string("{0[1}]").unwrap_err();
        assert_eq!(e.message, "expected '}' before end of string");
        assert_eq!(field(&p[0]).rest, vec![Accessor::Key(":}".into())]);
    }
}
