//! The text codecs behind `str.encode`, `bytes.decode`, `str(b, encoding)` and
//! `bytes(s, encoding)`: UTF-8, ASCII and Latin-1 with CPython's error
//! handlers (`strict`, `ignore`, `replace`, `backslashreplace`,
//! `xmlcharrefreplace`) and its `UnicodeEncodeError`/`UnicodeDecodeError`
//! messages.

use crate::object::Value;
use crate::types::exception::{exc_msg, new_exception};
use crate::types::{self, DictData, ExceptionData, PyErr, PyResult, StaticValue};

/// The codecs supported.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Codec {
    /// UTF-8.
    Utf8,
    /// 7-bit ASCII.
    Ascii,
    /// ISO-8859-1.
    Latin1,
}

impl Codec {
    /// The name CPython uses for the codec in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

fn lookup_error(msg: String) -> PyErr {
    exc_msg(&types::exc_types().lookup_error, msg)
}

/// Looks up an encoding by name (case-insensitive, `-`/`_`/space agnostic).
pub fn lookup(name: &str) -> PyResult<Codec> {
    let norm: String = name
        .trim()
        .chars()
        .map(|c| {
            if c == '-' || c == ' ' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    Ok(match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => Codec::Utf8,
        "ascii" | "us_ascii" | "646" | "us" => Codec::Ascii,
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819"
        | "iso_ir_100" => Codec::Latin1,
        _ => return Err(lookup_error(format!("unknown encoding: {name}"))),
    })
}

fn unknown_handler(errors: &str) -> PyErr {
    lookup_error(format!("unknown error handler name '{errors}'"))
}

/// A Unicode error of type `ty` whose `str()` is `msg`, carrying CPython's
/// `encoding`, `object`, `start`, `end` and `reason` attributes.
fn unicode_exc(ty: &StaticValue, msg: String, attrs: [(&str, Value); 5]) -> PyErr {
    let e = new_exception(ty.v(), vec![types::new_str(msg)]);
    let d = types::new_dict();
    let dd = d.downcast::<DictData>().expect("dict");
    for (k, v) in attrs {
        dd.set_str(types::intern(k), v);
    }
    if let Some(x) = e.downcast::<ExceptionData>() {
        let old = x.dict.replace(Some(d));
        drop(old);
    }
    PyErr(e)
}

fn char_escape(c: char) -> String {
    let cp = c as u32;
    if cp <= 0xff {
        format!("\\x{cp:02x}")
    } else if cp <= 0xffff {
        format!("\\u{cp:04x}")
    } else {
        format!("\\U{cp:08x}")
    }
}

/// Encodes `s`; `errors` names the error handler.
pub fn encode(s: &str, codec: Codec, errors: &str) -> PyResult<Vec<u8>> {
    let limit: u32 = match codec {
        Codec::Utf8 => return Ok(s.as_bytes().to_vec()),
        Codec::Ascii => 0x80,
        Codec::Latin1 => 0x100,
    };
    if codec == Codec::Ascii && s.is_ascii() {
        return Ok(s.as_bytes().to_vec());
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        let end = chars[i..]
            .iter()
            .position(|&x| (x as u32) < limit)
            .map_or(chars.len(), |p| i + p);
        match errors {
            "strict" => {
                let reason = format!("ordinal not in range({limit})");
                let msg = if end == i + 1 {
                    format!(
                        "'{}' codec can't encode character '{}' in position {i}: {reason}",
                        codec.name(),
                        char_escape(c)
                    )
                } else {
                    format!(
                        "'{}' codec can't encode characters in position {i}-{}: {reason}",
                        codec.name(),
                        end - 1
                    )
                };
                return Err(unicode_exc(
                    &types::exc_types().unicode_encode_error,
                    msg,
                    [
                        ("encoding", types::new_str(codec.name())),
                        ("object", types::new_str(s)),
                        ("start", types::new_int(i as i64)),
                        ("end", types::new_int(end as i64)),
                        ("reason", types::new_str(reason)),
                    ],
                ));
            }
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', end - i)),
            "backslashreplace" => {
                for &x in &chars[i..end] {
                    out.extend_from_slice(char_escape(x).as_bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &x in &chars[i..end] {
                    out.extend_from_slice(format!("&#{};", x as u32).as_bytes());
                }
            }
            _ => return Err(unknown_handler(errors)),
        }
        i = end;
    }
    Ok(out)
}

fn decode_error(codec: Codec, b: &[u8], start: usize, end: usize, reason: &str) -> PyErr {
    let msg = if end == start + 1 {
        format!(
            "'{}' codec can't decode byte 0x{:02x} in position {start}: {reason}",
            codec.name(),
            b[start]
        )
    } else {
        format!(
            "'{}' codec can't decode bytes in position {start}-{}: {reason}",
            codec.name(),
            end - 1
        )
    };
    unicode_exc(
        &types::exc_types().unicode_decode_error,
        msg,
        [
            ("encoding", types::new_str(codec.name())),
            ("object", types::misc::new_bytes(b.to_vec())),
            ("start", types::new_int(start as i64)),
            ("end", types::new_int(end as i64)),
            ("reason", types::new_str(reason)),
        ],
    )
}

/// Applies a decoding error handler to the undecodable bytes `bad`.
fn decode_replace(errors: &str, bad: &[u8], out: &mut String) -> Option<()> {
    match errors {
        "ignore" => {}
        "replace" => out.push('\u{fffd}'),
        "backslashreplace" => {
            for x in bad {
                out.push_str(&format!("\\x{x:02x}"));
            }
        }
        _ => return None,
    }
    Some(())
}

/// Decodes `b`; `errors` names the error handler.
pub fn decode(b: &[u8], codec: Codec, errors: &str) -> PyResult<String> {
    match codec {
        Codec::Latin1 => Ok(b.iter().map(|&x| x as char).collect()),
        Codec::Ascii => {
            if b.is_ascii() {
                return Ok(String::from_utf8(b.to_vec()).unwrap_or_default());
            }
            let mut out = String::with_capacity(b.len());
            for (i, &x) in b.iter().enumerate() {
                if x < 0x80 {
                    out.push(x as char);
                } else if errors == "strict" {
                    return Err(decode_error(
                        codec,
                        b,
                        i,
                        i + 1,
                        "ordinal not in range(128)",
                    ));
                } else if decode_replace(errors, &b[i..i + 1], &mut out).is_none() {
                    return Err(unknown_handler(errors));
                }
            }
            Ok(out)
        }
        Codec::Utf8 => {
            let mut out = String::with_capacity(b.len());
            let mut pos = 0;
            loop {
                match std::str::from_utf8(&b[pos..]) {
                    Ok(s) => {
                        out.push_str(s);
                        return Ok(out);
                    }
                    Err(e) => {
                        let good = pos + e.valid_up_to();
                        out.push_str(std::str::from_utf8(&b[pos..good]).unwrap_or_default());
                        let (end, reason) = match e.error_len() {
                            None => (b.len(), "unexpected end of data"),
                            Some(n) => {
                                let lead = b[good];
                                let reason = if n == 1 && !(0xc2..=0xf4).contains(&lead) {
                                    "invalid start byte"
                                } else {
                                    "invalid continuation byte"
                                };
                                (good + n, reason)
                            }
                        };
                        if errors == "strict" {
                            return Err(decode_error(codec, b, good, end, reason));
                        }
                        if decode_replace(errors, &b[good..end], &mut out).is_none() {
                            return Err(unknown_handler(errors));
                        }
                        pos = end;
                    }
                }
            }
        }
    }
}

/// Reads `(encoding, errors)` for an encode/decode call from positional
/// arguments `first` and `first + 1` or keywords, with the given defaults.
pub fn codec_args(
    args: &[Value],
    kw: &types::Kwargs,
    first: usize,
    fname: &str,
) -> PyResult<(Codec, String)> {
    let get = |i: usize, name: &str| -> PyResult<Option<String>> {
        match super::arg_or_kw(args, kw, i, name) {
            None => Ok(None),
            Some(v) => match types::str::as_str(v) {
                Some(s) => Ok(Some(s.to_string())),
                None => Err(crate::types::exception::type_error(format!(
                    "{fname}() argument '{name}' must be str, not {}",
                    crate::vm::protocol::type_name(v)
                ))),
            },
        }
    };
    let enc = get(first, "encoding")?;
    let errors = get(first + 1, "errors")?.unwrap_or_else(|| "strict".to_string());
    let codec = match enc {
        None => Codec::Utf8,
        Some(e) => lookup(&e)?,
    };
    Ok((codec, errors))
}
