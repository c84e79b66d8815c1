//! `str` translation (`maketrans`, `translate`) and the dunder methods
//! (`__len__`, `__add__`, rich comparisons, ...) that explicit calls such as
//! `str.__len__(s)` or `super().__eq__(x)` reach.

use super::str::{no_kw, this};
use super::{m, sm, Method};
use crate::compiler::opcodes::CmpOp;
use crate::object::{Kind, Value};
use crate::types::exception::{type_error, value_error};
use crate::types::{self, str::as_str, Kwargs, PyResult, StrData};
use crate::vm::protocol::type_name;
use crate::vm::Vm;

/// `check_call` for `str` methods, with counts that include the receiver.
fn nargs(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    super::str::check_call(args, "str", name, min - 1, max - 1)
}

fn this_data(args: &[Value]) -> PyResult<&StrData> {
    args.first()
        .and_then(|v| v.downcast::<StrData>())
        .ok_or_else(|| type_error("descriptor requires a 'str' object"))
}

fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

fn maketrans(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "maketrans", &kw)?;
    match args.len() {
        0 => return Err(type_error("maketrans expected at least 1 argument, got 0")),
        n if n > 3 => {
            return Err(type_error(format!(
                "maketrans expected at most 3 arguments, got {n}"
            )))
        }
        _ => {}
    }
    let out = types::new_dict();
    if args.len() == 1 {
        let d = args[0].downcast::<types::DictData>().ok_or_else(|| {
            type_error("if you give only one argument to maketrans it must be a dict")
        })?;
        for (k, v) in d.items() {
            let key = if let Some(s) = as_str(&k) {
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => types::new_int(c as i64),
                    _ => {
                        return Err(value_error(
                            "string keys in translate table must be of length 1",
                        ))
                    }
                }
            } else if types::bigint::is_int_like(&k) {
                k.clone()
            } else {
                return Err(type_error(
                    "keys in translate table must be strings or integers",
                ));
            };
            crate::vm::containers::dict_set(vm, &out, key, v)?;
        }
        return Ok(out);
    }
    let x = as_str(&args[0]).ok_or_else(|| {
        type_error(format!(
            "maketrans() argument 1 must be str, not {}",
            type_name(&args[0])
        ))
    })?;
    let y = as_str(&args[1]).ok_or_else(|| {
        type_error(format!(
            "maketrans() argument 2 must be str, not {}",
            type_name(&args[1])
        ))
    })?;
    if char_count(x) != char_count(y) {
        return Err(value_error(
            "the first two maketrans arguments must have equal length",
        ));
    }
    for (a, b) in x.chars().zip(y.chars()) {
        crate::vm::containers::dict_set(
            vm,
            &out,
            types::new_int(a as i64),
            types::new_int(b as i64),
        )?;
    }
    if let Some(z) = args.get(2) {
        let z = as_str(z).ok_or_else(|| {
            type_error(format!(
                "maketrans() argument 3 must be str, not {}",
                type_name(z)
            ))
        })?;
        for c in z.chars() {
            crate::vm::containers::dict_set(vm, &out, types::new_int(c as i64), types::none())?;
        }
    }
    Ok(out)
}

/// What `translate` does with one character.
#[derive(Clone)]
enum Trans {
    Keep,
    Delete,
    Text(String),
}

fn translate_lookup(vm: &mut Vm, table: &Value, c: char) -> PyResult<Trans> {
    let key = types::new_int(c as i64);
    let found = if table.kind() == Kind::Dict
        && table.type_ptr() == types::builtin_types().dict.as_ptr()
    {
        crate::vm::containers::dict_get(vm, table, &key)?
    } else {
        match crate::vm::containers::getitem(vm, table, &key) {
            Ok(v) => Some(v),
            Err(e)
                if crate::vm::protocol::is_instance(&e.0, types::exc_types().lookup_error.v()) =>
            {
                None
            }
            Err(e) => return Err(e),
        }
    };
    let Some(v) = found else {
        return Ok(Trans::Keep);
    };
    if types::is_none(&v) {
        return Ok(Trans::Delete);
    }
    if let Some(s) = as_str(&v) {
        return Ok(Trans::Text(s.to_string()));
    }
    if types::bigint::is_int_like(&v) {
        let i = types::bigint::to_i64(&v).unwrap_or(-1);
        return match u32::try_from(i).ok().and_then(char::from_u32) {
            Some(ch) => Ok(Trans::Text(ch.to_string())),
            None => Err(value_error("character mapping must be in range(0x110000)")),
        };
    }
    Err(type_error(
        "character mapping must return integer, None or str",
    ))
}

fn translate(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "translate", &kw)?;
    nargs("translate", args, 2, 2)?;
    let s = this(args)?.to_string();
    let table = args[1].clone();
    let mut cache: std::collections::HashMap<char, Trans> = std::collections::HashMap::new();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let t = match cache.get(&c) {
            Some(t) => t.clone(),
            None => {
                let t = translate_lookup(vm, &table, c)?;
                cache.insert(c, t.clone());
                t
            }
        };
        match t {
            Trans::Keep => out.push(c),
            Trans::Delete => {}
            Trans::Text(x) => out.push_str(&x),
        }
    }
    Ok(types::new_str(out))
}

fn other_str(args: &[Value], fname: &str) -> PyResult<()> {
    nargs(fname, args, 2, 2)?;
    this(args).map(drop)
}

fn dunder_len(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__len__", &kw)?;
    nargs("__len__", args, 1, 1)?;
    Ok(types::new_int(this_data(args)?.char_len() as i64))
}

fn dunder_contains(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__contains__", &kw)?;
    other_str(args, "__contains__")?;
    Ok(types::bool_value(crate::vm::containers::contains(
        vm, &args[0], &args[1],
    )?))
}

fn dunder_getitem(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__getitem__", &kw)?;
    other_str(args, "__getitem__")?;
    crate::vm::containers::getitem(vm, &args[0], &args[1])
}

fn dunder_add(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__add__", &kw)?;
    other_str(args, "__add__")?;
    let a = this(args)?;
    match as_str(&args[1]) {
        Some(b) => Ok(types::new_str(format!("{a}{b}"))),
        None => Err(type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            type_name(&args[1])
        ))),
    }
}

fn dunder_mul(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__mul__", &kw)?;
    other_str(args, "__mul__")?;
    let s = this(args)?;
    if !types::bigint::is_int_like(&args[1]) {
        return Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(&args[1])
        )));
    }
    let n = crate::vm::protocol::index_value(&args[1]).map_err(|_| {
        crate::types::exception::overflow_error("cannot fit 'int' into an index-sized integer")
    })?;
    let n = n.max(0) as usize;
    if s.len().saturating_mul(n) > 1 << 34 {
        return Err(crate::types::exception::memory_error(""));
    }
    Ok(types::new_str(s.repeat(n)))
}

fn dunder_mod(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__mod__", &kw)?;
    other_str(args, "__mod__")?;
    crate::vm::formatting::percent_format(vm, &args[0], &args[1])
}

fn dunder_rmod(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__rmod__", &kw)?;
    other_str(args, "__rmod__")?;
    Ok(types::not_implemented())
}

fn rich_compare(args: &[Value], fname: &str, op: CmpOp) -> PyResult<Value> {
    other_str(args, fname)?;
    let a = this(args)?;
    let Some(b) = as_str(&args[1]) else {
        return Ok(types::not_implemented());
    };
    let o = a.cmp(b);
    Ok(types::bool_value(match op {
        CmpOp::Eq => o.is_eq(),
        CmpOp::Ne => o.is_ne(),
        CmpOp::Lt => o.is_lt(),
        CmpOp::Le => o.is_le(),
        CmpOp::Gt => o.is_gt(),
        CmpOp::Ge => o.is_ge(),
    }))
}

fn dunder_eq(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__eq__", &kw)?;
    rich_compare(args, "__eq__", CmpOp::Eq)
}

fn dunder_ne(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__ne__", &kw)?;
    rich_compare(args, "__ne__", CmpOp::Ne)
}

fn dunder_lt(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__lt__", &kw)?;
    rich_compare(args, "__lt__", CmpOp::Lt)
}

fn dunder_le(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__le__", &kw)?;
    rich_compare(args, "__le__", CmpOp::Le)
}

fn dunder_gt(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__gt__", &kw)?;
    rich_compare(args, "__gt__", CmpOp::Gt)
}

fn dunder_ge(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__ge__", &kw)?;
    rich_compare(args, "__ge__", CmpOp::Ge)
}

fn dunder_hash(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__hash__", &kw)?;
    nargs("__hash__", args, 1, 1)?;
    Ok(types::new_int(this_data(args)?.hash()))
}

fn dunder_iter(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__iter__", &kw)?;
    nargs("__iter__", args, 1, 1)?;
    this(args)?;
    Ok(types::iterator::new_iterator(
        types::builtin_types().str_iterator.v(),
        types::iterator::IterState::Seq {
            seq: args[0].clone(),
            index: 0,
        },
    ))
}

fn dunder_repr(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__repr__", &kw)?;
    nargs("__repr__", args, 1, 1)?;
    Ok(types::new_str(crate::format::str_repr(this(args)?)))
}

fn dunder_str(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__str__", &kw)?;
    nargs("__str__", args, 1, 1)?;
    let s = this(args)?;
    if args[0].type_ptr() == types::builtin_types().str.as_ptr() {
        return Ok(args[0].clone());
    }
    Ok(types::new_str(s))
}

fn dunder_format(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__format__", &kw)?;
    nargs("__format__", args, 2, 2)?;
    this(args)?;
    let spec = as_str(&args[1]).ok_or_else(|| {
        type_error(format!(
            "__format__() argument must be str, not {}",
            type_name(&args[1])
        ))
    })?;
    if spec.is_empty() {
        return dunder_str(vm, &args[..1], Kwargs::default());
    }
    crate::vm::formatting::format_builtin(vm, &args[0], spec)
}

fn dunder_getnewargs(_vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(args, "__getnewargs__", &kw)?;
    nargs("__getnewargs__", args, 1, 1)?;
    Ok(types::new_tuple(vec![types::new_str(this(args)?)]))
}

/// The translation and dunder methods of `str`.
pub fn methods() -> Vec<Method> {
    vec![
        sm("maketrans", maketrans),
        m("translate", translate),
        m("__len__", dunder_len),
        m("__contains__", dunder_contains),
        m("__getitem__", dunder_getitem),
        m("__add__", dunder_add),
        m("__mul__", dunder_mul),
        m("__rmul__", dunder_mul),
        m("__mod__", dunder_mod),
        m("__rmod__", dunder_rmod),
        m("__eq__", dunder_eq),
        m("__ne__", dunder_ne),
        m("__lt__", dunder_lt),
        m("__le__", dunder_le),
        m("__gt__", dunder_gt),
        m("__ge__", dunder_ge),
        m("__hash__", dunder_hash),
        m("__iter__", dunder_iter),
        m("__repr__", dunder_repr),
        m("__str__", dunder_str),
        m("__format__", dunder_format),
        m("__getnewargs__", dunder_getnewargs),
    ]
}
