//! Format strings of the `struct` module: parsing (byte order, sizes and
//! native alignment), and packing/unpacking single items with CPython 3.11's
//! range checks and messages. Errors are returned as message text; the
//! module turns them into `struct.error`.

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::object::Value;
use crate::types::{self, PyResult};
use crate::vm::Vm;

/// Byte order and size/alignment mode (`@`, `=`, `<`, `>`/`!`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Order {
    /// `@`: native order, native sizes and alignment.
    Native,
    /// `=`: native (little-endian) order, standard sizes.
    NativeStd,
    /// `<`.
    Little,
    /// `>` or `!`.
    Big,
}

/// One unit of a parsed format.
#[derive(Clone, Copy, Debug)]
pub struct Item {
    /// The format code.
    pub code: u8,
    /// Byte offset in the packed data.
    pub offset: usize,
    /// Byte size (for `s`/`p`: the string length; for `x`: the pad count).
    pub size: usize,
}

impl Item {
    /// True if this item consumes a value when packing.
    pub fn takes_value(&self) -> bool {
        self.code != b'x'
    }
}

/// A parsed format string.
#[derive(Clone, Debug)]
pub struct Format {
    /// Byte order mode.
    pub order: Order,
    /// The items in order.
    pub items: Vec<Item>,
    /// Total packed size.
    pub size: usize,
    /// Number of values packed/unpacked.
    pub nvalues: usize,
}

fn code_size(code: u8, order: Order) -> Option<usize> {
    let native = order == Order::Native;
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    })
}

/// Parses a format string.
pub fn parse(fmt: &str) -> Result<Format, String> {
    let bytes = fmt.as_bytes();
    let (order, mut i) = match bytes.first() {
        Some(b'@') => (Order::Native, 1),
        Some(b'=') => (Order::NativeStd, 1),
        Some(b'<') => (Order::Little, 1),
        Some(b'>') | Some(b'!') => (Order::Big, 1),
        _ => (Order::Native, 0),
    };
    let mut items = Vec::new();
    let mut offset: usize = 0;
    let mut nvalues = 0;
    let too_long = || "total struct size too long".to_string();
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count: Option<usize> = None;
        if c.is_ascii_digit() {
            let mut n: usize = 0;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                n = n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add((bytes[i] - b'0') as usize))
                    .ok_or_else(too_long)?;
                i += 1;
            }
            if i >= bytes.len() {
                return Err("repeat count given without format specifier".into());
            }
            count = Some(n);
        }
        let code = bytes[i];
        i += 1;
        let size = code_size(code, order).ok_or_else(|| "bad char in struct format".to_string())?;
        if order == Order::Native && size > 1 && !matches!(code, b's' | b'p') {
            offset = offset
                .div_ceil(size)
                .checked_mul(size)
                .ok_or_else(too_long)?;
        }
        let n = count.unwrap_or(1);
        match code {
            b's' | b'p' => {
                items.push(Item {
                    code,
                    offset,
                    size: n,
                });
                offset = offset.checked_add(n).ok_or_else(too_long)?;
                nvalues += 1;
            }
            b'x' => {
                if n > 0 {
                    items.push(Item {
                        code,
                        offset,
                        size: n,
                    });
                }
                offset = offset.checked_add(n).ok_or_else(too_long)?;
            }
            _ => {
                for _ in 0..n {
                    items.push(Item { code, offset, size });
                    offset = offset.checked_add(size).ok_or_else(too_long)?;
                }
                nvalues += n;
            }
        }
    }
    Ok(Format {
        order,
        items,
        size: offset,
        nvalues,
    })
}

fn little(order: Order) -> bool {
    order != Order::Big
}

fn int_error(item: &Item, order: Order, v: &BigInt) -> String {
    let fits_i64 = v.to_i64().is_some();
    let fits_u64 = v.to_u64().is_some();
    let oor = "argument out of range".to_string();
    match item.code {
        b'b' | b'B' | b'h' | b'H' if !fits_i64 => oor,
        b'b' => "byte format requires -128 <= number <= 127".into(),
        b'B' => "ubyte format requires 0 <= number <= 255".into(),
        b'h' => "short format requires -32768 <= number <= 32767".into(),
        b'H' => "ushort format requires 0 <= number <= 65535".into(),
        b'q' | b'Q' if order == Order::Big => "int too large to convert".into(),
        b'P' => "int too large to convert".into(),
        _ if item.size == 8 => oor,
        b'i' | b'l' if fits_i64 => format!(
            "'{}' format requires -2147483648 <= number <= 2147483647",
            item.code as char
        ),
        b'I' | b'L' if fits_u64 => format!(
            "'{}' format requires 0 <= number <= 4294967295",
            item.code as char
        ),
        _ => oor,
    }
}

fn put_uint(out: &mut [u8], value: u64, size: usize, little: bool) {
    for k in 0..size {
        let byte = (value >> (8 * k)) as u8;
        if little {
            out[k] = byte;
        } else {
            out[size - 1 - k] = byte;
        }
    }
}

fn get_uint(data: &[u8], size: usize, little: bool) -> u64 {
    let mut v: u64 = 0;
    for k in 0..size {
        let byte = if little { data[k] } else { data[size - 1 - k] };
        v |= (byte as u64) << (8 * k);
    }
    v
}

/// An integer argument as a BigInt (`__index__`), or the message.
fn int_arg(vm: &mut Vm, v: &Value) -> Result<BigInt, String> {
    if let Some(b) = types::bigint::to_bigint(v) {
        return Ok(b);
    }
    if let Some(f) = crate::vm::attr::lookup_special_name(v, crate::name!("__index__")) {
        if let Ok(r) = crate::vm::call::call(vm, &f, std::slice::from_ref(v)) {
            if let Some(b) = types::bigint::to_bigint(&r) {
                return Ok(b);
            }
        }
    }
    Err("required argument is not an integer".into())
}

fn float_arg(v: &Value) -> Result<f64, String> {
    crate::vm::ops::to_f64(v).map_err(|_| "required argument is not a float".to_string())
}

/// Half-precision packing (CPython's `PyFloat_Pack2`).
pub fn pack_half(x: f64) -> Result<u16, String> {
    let sign: u16 = if x.is_sign_negative() { 1 } else { 0 };
    let (e, bits): (i32, u32);
    if x == 0.0 {
        e = 0;
        bits = 0;
    } else if x.is_infinite() {
        e = 0x1f;
        bits = 0;
    } else if x.is_nan() {
        e = 0x1f;
        bits = 512;
    } else {
        let (mut f, mut ex) = crate::vm::protocol::frexp(x.abs());
        f *= 2.0;
        ex -= 1;
        if ex >= 16 {
            return Err("float too large to pack with e format".into());
        } else if ex < -25 {
            f = 0.0;
            ex = 0;
        } else if ex < -14 {
            f *= 2f64.powi(14 + ex);
            ex = 0;
        } else {
            ex += 15;
            f -= 1.0;
        }
        f *= 1024.0;
        let mut b = f as u32;
        let rem = f - b as f64;
        if rem > 0.5 || (rem == 0.5 && b % 2 == 1) {
            b += 1;
            if b == 1024 {
                b = 0;
                ex += 1;
                if ex == 31 {
                    return Err("float too large to pack with e format".into());
                }
            }
        }
        e = ex;
        bits = b;
    }
    Ok((sign << 15) | ((e as u16) << 10) | bits as u16)
}

/// Half-precision unpacking (CPython's `PyFloat_Unpack2`).
pub fn unpack_half(p: u16) -> f64 {
    let sign = (p >> 15) & 1;
    let e = ((p & 0x7c00) >> 10) as i32;
    let f = (p & 0x03ff) as f64;
    if e == 0x1f {
        let v = if f == 0.0 { f64::INFINITY } else { f64::NAN };
        return if sign == 1 { -v } else { v };
    }
    let mut x = f / 1024.0;
    let ex = if e == 0 {
        -14
    } else {
        x += 1.0;
        e - 15
    };
    x *= 2f64.powi(ex);
    if sign == 1 {
        -x
    } else {
        x
    }
}

/// Packs one value into `out` (the item's slot).
pub fn pack_item(
    vm: &mut Vm,
    item: &Item,
    order: Order,
    v: &Value,
    out: &mut [u8],
) -> PyResult<Result<(), String>> {
    let le = little(order);
    let slot = &mut out[item.offset..item.offset + item.size];
    Ok(match item.code {
        b'x' => Ok(()),
        b'?' => {
            slot[0] = crate::vm::protocol::truthy(vm, v)? as u8;
            Ok(())
        }
        b'c' => match v.downcast::<types::BytesData>() {
            Some(b) if b.0.len() == 1 => {
                slot[0] = b.0[0];
                Ok(())
            }
            _ => Err("char format requires a bytes object of length 1".into()),
        },
        b's' | b'p' => match crate::types::methods::bytes::bytes_like(v) {
            Some(b) => {
                slot.fill(0);
                if item.code == b's' {
                    let n = b.len().min(item.size);
                    slot[..n].copy_from_slice(&b[..n]);
                } else if item.size > 0 {
                    let n = b.len().min(item.size - 1).min(255);
                    slot[1..1 + n].copy_from_slice(&b[..n]);
                    slot[0] = n as u8;
                }
                Ok(())
            }
            None => Err(format!(
                "argument for '{}' must be a bytes object",
                item.code as char
            )),
        },
        b'e' => match float_arg(v).and_then(pack_half) {
            Ok(h) => {
                put_uint(slot, h as u64, 2, le);
                Ok(())
            }
            Err(e) => Err(e),
        },
        b'f' => match float_arg(v) {
            Ok(x) => {
                let y = x as f32;
                if y.is_infinite() && !x.is_infinite() {
                    Err("float too large to pack with f format".into())
                } else {
                    put_uint(slot, y.to_bits() as u64, 4, le);
                    Ok(())
                }
            }
            Err(e) => Err(e),
        },
        b'd' => match float_arg(v) {
            Ok(x) => {
                put_uint(slot, x.to_bits(), 8, le);
                Ok(())
            }
            Err(e) => Err(e),
        },
        code => {
            let b = match int_arg(vm, v) {
                Ok(b) => b,
                Err(e) => return Ok(Err(e)),
            };
            let signed = matches!(code, b'b' | b'h' | b'i' | b'l' | b'q' | b'n');
            let bits = item.size * 8;
            let raw: Option<u64> = if signed {
                let lo = -(BigInt::from(1) << (bits - 1));
                let hi = (BigInt::from(1) << (bits - 1)) - 1;
                if b >= lo && b <= hi {
                    b.to_i64().map(|x| x as u64)
                } else {
                    None
                }
            } else if code == b'P' {
                b.to_u64().or_else(|| b.to_i64().map(|x| x as u64))
            } else {
                let hi = (BigInt::from(1) << bits) - 1;
                if b >= BigInt::from(0) && b <= hi {
                    b.to_u64()
                } else {
                    None
                }
            };
            match raw {
                Some(r) => {
                    put_uint(slot, r, item.size, le);
                    Ok(())
                }
                None => Err(int_error(item, order, &b)),
            }
        }
    })
}

/// Unpacks one item from `data` (the whole packed record).
pub fn unpack_item(item: &Item, order: Order, data: &[u8]) -> Value {
    let le = little(order);
    let slot = &data[item.offset..item.offset + item.size];
    match item.code {
        b'?' => types::bool_value(slot[0] != 0),
        b'c' => types::misc::new_bytes(vec![slot[0]]),
        b's' => types::misc::new_bytes(slot.to_vec()),
        b'p' => {
            let n = if slot.is_empty() {
                0
            } else {
                (slot[0] as usize).min(item.size - 1)
            };
            types::misc::new_bytes(if slot.is_empty() {
                vec![]
            } else {
                slot[1..1 + n].to_vec()
            })
        }
        b'e' => types::new_float(unpack_half(get_uint(slot, 2, le) as u16)),
        b'f' => types::new_float(f32::from_bits(get_uint(slot, 4, le) as u32) as f64),
        b'd' => types::new_float(f64::from_bits(get_uint(slot, 8, le))),
        code => {
            let raw = get_uint(slot, item.size, le);
            let signed = matches!(code, b'b' | b'h' | b'i' | b'l' | b'q' | b'n');
            if signed {
                let shift = 64 - item.size * 8;
                types::new_int(((raw << shift) as i64) >> shift)
            } else if raw > i64::MAX as u64 {
                types::new_bigint(BigInt::from(raw))
            } else {
                types::new_int(raw as i64)
            }
        }
    }
}
