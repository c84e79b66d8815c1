//! `repr()` / `ascii()` of `str` and `repr()` of `bytes`, ported from
//! CPython 3.11's `unicode_repr`, `PyObject_ASCII` and `PyBytes_Repr`.

use super::unicode_tables::NON_PRINTABLE;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// CPython's `str.isprintable()` for one character (Unicode 14.0 data):
/// false for categories `Cc Cf Cs Co Cn Zl Zp Zs` except the ASCII space.
pub fn is_printable(c: char) -> bool {
    let cp = c as u32;
    if (0x20..0x7F).contains(&cp) {
        return true;
    }
    if cp < 0x20 || cp == 0x7F {
        return false;
    }
    let idx = NON_PRINTABLE.partition_point(|&(lo, _)| lo <= cp);
    !(idx > 0 && cp <= NON_PRINTABLE[idx - 1].1)
}

fn push_hex(out: &mut String, cp: u32, digits: u32) {
    for shift in (0..digits).rev() {
        out.push(char::from(HEX[((cp >> (shift * 4)) & 0xF) as usize]));
    }
}

/// Pushes the `\x`/`\u`/`\U` escape CPython uses for code point `cp`.
fn push_escape(out: &mut String, cp: u32) {
    if cp <= 0xFF {
        out.push_str("\\x");
        push_hex(out, cp, 2);
    } else if cp <= 0xFFFF {
        out.push_str("\\u");
        push_hex(out, cp, 4);
    } else {
        out.push_str("\\U");
        push_hex(out, cp, 8);
    }
}

/// Python's `repr(s)` for a `str`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            _ if c == quote || c == '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ if (c as u32) < 0x20 || c as u32 == 0x7F => push_escape(&mut out, c as u32),
            _ if (c as u32) < 0x7F || is_printable(c) => out.push(c),
            _ => push_escape(&mut out, c as u32),
        }
    }
    out.push(quote);
    out
}

/// Python's `ascii(s)` for a `str`: `repr` with every non-ASCII character
/// escaped.
pub fn str_ascii(s: &str) -> String {
    let r = str_repr(s);
    if r.is_ascii() {
        return r;
    }
    let mut out = String::with_capacity(r.len() + 8);
    for c in r.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            push_escape(&mut out, c as u32);
        }
    }
    out
}

/// Python's `repr(b)` for a `bytes` value (`b'...'`).
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(char::from(quote));
    for &c in b {
        match c {
            _ if c == quote || c == b'\\' => {
                out.push('\\');
                out.push(char::from(c));
            }
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if !(0x20..0x7F).contains(&c) => push_escape(&mut out, u32::from(c)),
            _ => out.push(char::from(c)),
        }
    }
    out.push(char::from(quote));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_spot_checks() {
        for c in ['a', ' ', 'é', '中', '😀', '\u{3042}'] {
            assert!(is_printable(c), "{c:?}");
        }
        for c in [
            '\n',
            '\x7f',
            '\u{a0}',
            '\u{ad}',
            '\u{200b}',
            '\u{2028}',
            '\u{e000}',
            '\u{feff}',
            '\u{10ffff}',
        ] {
            assert!(!is_printable(c), "{c:?}");
        }
    }
}
