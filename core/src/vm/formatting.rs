//! The bridge between Python values and the pure text formatting in
//! [`crate::format`]: `format(v, spec)`, `str % args` and `str.format`.

use super::protocol::{repr_string, str_string, type_name};
use super::Vm;
use crate::format::{self as fmt, ErrorKind, FormatError, FormatSpec, PercentCount, PercentPiece};
use crate::object::{Kind, Value};
use crate::types::exception::{self as exc, type_error};
use crate::types::{self, bigint::to_bigint, str::as_str, PyErr, PyResult, TupleData};

/// Converts a formatting error into the matching Python exception.
pub fn fmt_err(e: FormatError) -> PyErr {
    match e.kind {
        ErrorKind::Value => exc::value_error(e.message),
        ErrorKind::Overflow => exc::overflow_error(e.message),
        ErrorKind::Type => type_error(e.message),
        ErrorKind::Memory => exc::memory_error(e.message),
    }
}

/// `format(v, spec)` for built-in types (non-empty spec).
pub fn format_builtin(_vm: &mut Vm, v: &Value, spec: &str) -> PyResult<Value> {
    let tn = type_name(v);
    let s = match v.kind() {
        Kind::Int | Kind::Bool if v.is_small() || v.kind() == Kind::Int => {
            let parsed = FormatSpec::parse_for(spec, &tn).map_err(fmt_err)?;
            match v.as_small() {
                Some(i) if parsed.ty.is_none_or(|t| "bdoxXnc".contains(t)) => {
                    fmt::format_i64(i, &parsed).map_err(fmt_err)?
                }
                _ => fmt::format_int_as(&to_bigint(v).unwrap_or_default(), &parsed, &tn)
                    .map_err(fmt_err)?,
            }
        }
        Kind::Bool => {
            // A non-empty spec formats a bool as its int value.
            let parsed = FormatSpec::parse_for(spec, &tn).map_err(fmt_err)?;
            fmt::format_int_as(&to_bigint(v).unwrap_or_default(), &parsed, &tn).map_err(fmt_err)?
        }
        Kind::Float => {
            let parsed = FormatSpec::parse_for(spec, &tn).map_err(fmt_err)?;
            fmt::format_float_as(v.as_float().expect("float"), &parsed, &tn).map_err(fmt_err)?
        }
        Kind::Str => {
            let parsed = FormatSpec::parse_for(spec, &tn).map_err(fmt_err)?;
            fmt::format_str_as(as_str(v).unwrap_or(""), &parsed, &tn).map_err(fmt_err)?
        }
        _ => {
            return Err(type_error(format!(
                "unsupported format string passed to {}.__format__",
                tn
            )))
        }
    };
    Ok(types::new_str(s))
}

/// The parsed pieces of `%` format string `fmt_v`. Immortal strings (the
/// constants of code, which is nearly every format string) are parsed once
/// per thread and kept: an immortal object is never freed, so its address
/// names it for good.
fn percent_pieces(fmt_v: &Value) -> PyResult<std::rc::Rc<[fmt::PercentPiece]>> {
    const CACHED: usize = 256;
    thread_local! {
        static PARSED: std::cell::RefCell<rustc_hash::FxHashMap<usize, std::rc::Rc<[fmt::PercentPiece]>>> =
            std::cell::RefCell::new(rustc_hash::FxHashMap::default());
    }
    let f = as_str(fmt_v).unwrap_or("");
    let immortal = fmt_v.header().is_some_and(|h| h.is_immortal());
    if immortal {
        if let Some(p) = PARSED.with(|c| c.borrow().get(&fmt_v.bits()).cloned()) {
            return Ok(p);
        }
    }
    let pieces: std::rc::Rc<[fmt::PercentPiece]> = fmt::parse_percent(f).map_err(fmt_err)?.into();
    if immortal {
        PARSED.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() < CACHED {
                c.insert(fmt_v.bits(), pieces.clone());
            }
        });
    }
    Ok(pieces)
}

/// `fmt % args`.
pub fn percent_format(vm: &mut Vm, fmt_v: &Value, args: &Value) -> PyResult<Value> {
    let f = as_str(fmt_v).unwrap_or("");
    let pieces = percent_pieces(fmt_v)?;
    let mapping = matches!(args.kind(), Kind::Dict)
        || (args.kind() == Kind::Instance
            && super::attr::lookup_special_name(args, crate::name!("__getitem__")).is_some());
    let items: Vec<Value> = match args.downcast::<TupleData>() {
        Some(t) => t.items().to_vec(),
        None => vec![args.clone()],
    };
    let mut next = 0usize;
    let mut take = || -> PyResult<Value> {
        let v = items
            .get(next)
            .cloned()
            .ok_or_else(|| type_error("not enough arguments for format string"))?;
        next += 1;
        Ok(v)
    };
    let mut out = String::with_capacity(f.len() + 16);
    let mut used_mapping = false;
    for p in pieces.iter() {
        match p {
            PercentPiece::Literal(s) => out.push_str(s),
            PercentPiece::Directive(d) => {
                let starred;
                let mut d = d;
                if matches!(d.width, PercentCount::Star)
                    || matches!(d.precision, PercentCount::Star)
                {
                    starred = d.clone();
                    d = &starred;
                }
                let mut d = std::borrow::Cow::Borrowed(d);
                if let PercentCount::Star = d.width {
                    let w = take()?;
                    let w = types::bigint::to_i64(&w).ok_or_else(|| type_error("* wants int"))?;
                    d.to_mut().set_star_width(w);
                }
                if let PercentCount::Star = d.precision {
                    let p = take()?;
                    let p = types::bigint::to_i64(&p).ok_or_else(|| type_error("* wants int"))?;
                    d.to_mut().set_star_precision(p);
                }
                let v = match &d.key {
                    Some(k) => {
                        if !mapping {
                            return Err(type_error("format requires a mapping"));
                        }
                        used_mapping = true;
                        super::containers::getitem(vm, args, &types::new_str(k.as_str()))?
                    }
                    None => {
                        if mapping && !args.is_kind::<TupleData>() {
                            used_mapping = true;
                            args.clone()
                        } else {
                            take()?
                        }
                    }
                };
                let s = match d.conversion {
                    's' => fmt::percent_str(&str_string(vm, &v)?, &d).map_err(fmt_err)?,
                    'r' => fmt::percent_str(&repr_string(vm, &v)?, &d).map_err(fmt_err)?,
                    'a' => {
                        let a = super::protocol::ascii(vm, &v)?;
                        fmt::percent_str(as_str(&a).unwrap_or(""), &d).map_err(fmt_err)?
                    }
                    'c' => {
                        if let Some(s) = as_str(&v) {
                            fmt::percent_str(s, &d).map_err(fmt_err)?
                        } else {
                            match to_bigint(&v) {
                                Some(b) => fmt::percent_int(&b, &d).map_err(fmt_err)?,
                                None => return Err(type_error("%c requires int or char")),
                            }
                        }
                    }
                    'd' | 'i' | 'u' | 'x' | 'X' | 'o' if v.is_small() => {
                        let i = v.as_small().expect("small int");
                        fmt::percent_small_int(i, &d).map_err(fmt_err)?
                    }
                    'd' | 'i' | 'u' | 'x' | 'X' | 'o' => match to_bigint(&v) {
                        Some(b) => fmt::percent_int(&b, &d).map_err(fmt_err)?,
                        None => match v.as_float() {
                            Some(fl) if "diu".contains(d.conversion) => {
                                fmt::percent_float(fl, &d).map_err(fmt_err)?
                            }
                            _ => {
                                return Err(type_error(format!(
                                    "%{} format: {} is required, not {}",
                                    d.conversion,
                                    if "diu".contains(d.conversion) {
                                        "a real number"
                                    } else {
                                        "an integer"
                                    },
                                    type_name(&v)
                                )))
                            }
                        },
                    },
                    _ => {
                        let f = match v.as_float() {
                            Some(fl) => fl,
                            None => match to_bigint(&v) {
                                Some(b) => super::ops::int_to_f64(&b)?,
                                None => {
                                    return Err(type_error(format!(
                                        "must be real number, not {}",
                                        type_name(&v)
                                    )))
                                }
                            },
                        };
                        fmt::percent_float(f, &d).map_err(fmt_err)?
                    }
                };
                out.push_str(&s);
            }
        }
    }
    if !used_mapping && next < items.len() && !mapping {
        return Err(type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(types::new_str(out))
}

fn resolve_field(
    vm: &mut Vm,
    field: &fmt::FormatField,
    args: &[Value],
    kw: &types::Kwargs,
) -> PyResult<Value> {
    let mut v = match &field.first {
        fmt::FieldName::Auto(i) | fmt::FieldName::Index(i) => {
            args.get(*i).cloned().ok_or_else(|| {
                exc::index_error(format!(
                    "Replacement index {i} out of range for positional args tuple"
                ))
            })?
        }
        fmt::FieldName::Keyword(k) => kw
            .get(k)
            .cloned()
            .ok_or_else(|| exc::key_error(types::new_str(k.as_str())))?,
    };
    for a in &field.rest {
        v = match a {
            fmt::Accessor::Attr(n) => super::attr::getattr(vm, &v, &types::intern(n))?,
            fmt::Accessor::Index(i) => {
                super::containers::getitem(vm, &v, &types::new_int(*i as i64))?
            }
            fmt::Accessor::Key(k) => {
                super::containers::getitem(vm, &v, &types::new_str(k.as_str()))?
            }
        };
    }
    let v = match field.conversion {
        Some('r') => super::protocol::repr(vm, &v)?,
        Some('s') => super::protocol::str(vm, &v)?,
        Some('a') => super::protocol::ascii(vm, &v)?,
        _ => v,
    };
    Ok(v)
}

fn render_field(
    vm: &mut Vm,
    field: &fmt::FormatField,
    args: &[Value],
    kw: &types::Kwargs,
) -> PyResult<String> {
    let v = resolve_field(vm, field, args, kw)?;
    let spec = if field.nested.is_some() {
        fmt::expand_spec(field, |inner| render_field(vm, inner, args, kw))?
    } else {
        field.spec.clone()
    };
    let r = super::protocol::format(vm, &v, &spec)?;
    Ok(as_str(&r).unwrap_or("").to_string())
}

/// `template.format(*args, **kw)`.
pub fn str_format(
    vm: &mut Vm,
    template: &str,
    args: &[Value],
    kw: types::Kwargs,
) -> PyResult<Value> {
    let mut out = String::with_capacity(template.len() + 16);
    for piece in fmt::FormatStringParser::new(template) {
        match piece.map_err(fmt_err)? {
            fmt::FormatPiece::Literal(s) => out.push_str(&s),
            fmt::FormatPiece::Field(f) => out.push_str(&render_field(vm, &f, args, &kw)?),
        }
    }
    Ok(types::new_str(out))
}

/// `format_map(mapping)`.
pub fn str_format_map(vm: &mut Vm, template: &str, mapping: &Value) -> PyResult<Value> {
    let mut out = String::new();
    for piece in fmt::FormatStringParser::new(template) {
        match piece.map_err(fmt_err)? {
            fmt::FormatPiece::Literal(s) => out.push_str(&s),
            fmt::FormatPiece::Field(f) => {
                let key = match &f.first {
                    fmt::FieldName::Keyword(k) => types::new_str(k.as_str()),
                    fmt::FieldName::Auto(i) | fmt::FieldName::Index(i) => types::new_int(*i as i64),
                };
                let mut v = super::containers::getitem(vm, mapping, &key)?;
                for a in &f.rest {
                    v = match a {
                        fmt::Accessor::Attr(n) => super::attr::getattr(vm, &v, &types::intern(n))?,
                        fmt::Accessor::Index(i) => {
                            super::containers::getitem(vm, &v, &types::new_int(*i as i64))?
                        }
                        fmt::Accessor::Key(k) => {
                            super::containers::getitem(vm, &v, &types::new_str(k.as_str()))?
                        }
                    };
                }
                let r = super::protocol::format(vm, &v, &f.spec)?;
                out.push_str(as_str(&r).unwrap_or(""));
            }
        }
    }
    Ok(types::new_str(out))
}
