//! The wire format: a compact binary encoding of the values that cross
//! interpreters by copy (None, bool, int, float, str, bytes, tuple, list,
//! dict, set, frozenset, complex, bytearray, range, slice, instances of
//! plain classes, nested), and its bounded decoder.
//!
//! # Format
//!
//! One version byte ([`WIRE_VERSION`]), then the value tree in pre-order, one
//! node per value. Each node is a tag byte followed by its payload, written
//! with bincode's standard configuration (variable-length little-endian
//! integers, zig-zag for signed ones, IEEE floats as 8 bytes, length-prefixed
//! byte strings):
//!
//! | tag | node        | payload |
//! |-----|-------------|---------|
//! | 0   | `None`      | none |
//! | 1   | `False`     | none |
//! | 2   | `True`      | none |
//! | 3   | int (i64)   | varint |
//! | 4   | big int     | sign byte (0 = non-negative, 1 = negative), magnitude bytes little-endian (length-prefixed) |
//! | 5   | float       | f64 |
//! | 6   | `str`       | UTF-8 bytes (length-prefixed) |
//! | 7   | `bytes`     | bytes (length-prefixed) |
//! | 8   | `tuple`     | item count, then the items |
//! | 9   | `list`      | item count, then the items |
//! | 10  | `dict`      | pair count, then key, value, key, value, ... |
//! | 11  | `set`       | element count, then the elements |
//! | 12  | `frozenset` | element count, then the elements |
//! | 13  | `complex`   | real part, imaginary part (f64 each) |
//! | 14  | `bytearray` | bytes (length-prefixed) |
//! | 15  | `range`     | start, stop, step (varints; step not 0) |
//! | 16  | `slice`     | item count (always 3), then start, stop, step |
//! | 17  | instance    | class module and qualified name (UTF-8, length-prefixed each), then one node: its `__dict__` (a dict) or `None` ([`crate::instance`]) |
//! | 18  | reference   | memo index (varint) of a list, dict, set, frozenset, tuple, slice, bytearray or instance already written |
//! | 19  | instance with slots | class module and qualified name, slot count *k*, its `__dict__` or `None`, then *k* slot names (`str`) and values alternating |
//!
//! # Identity
//!
//! A list, dict, set, frozenset, tuple, slice, bytearray or instance that the
//! encoder may meet more than once (one with a reference besides the one
//! that led to it) is *memoised*: its tag has bit 0x40 set, and it gets the
//! next memo index when its node starts (in pre-order, so encoder and decoder
//! count alike); meeting the same object again writes a reference instead.
//! Values referred to once, the common case, carry no memo cost on either
//! side. So a value shared within one message arrives shared,
//! and cycles through lists, dicts, sets and instances arrive as cycles, as
//! pickle's memo does. A list, dict, set or instance is made when its node
//! opens and filled when it closes; a tuple, frozenset or slice only once its
//! items are decoded, so a cycle through one of them is refused when
//! encoding (`Refusal::Cycle`).
//!
//! A small tuple such as `(1, "ab", None)` is 10 bytes.
//!
//! # Why bincode primitives and not a derived `enum Wire`
//!
//! bincode (pinned `=2.0.1`) does the byte-level work: integer, float and
//! length encodings, its `Encoder`/`Decoder` machinery and configuration. The
//! *structure* is driven here instead of by `#[derive(Decode)]` on a recursive
//! enum, for three reasons. A derived decoder recurses once per nesting level,
//! so a hostile message of a million open brackets would overflow the native
//! stack; this decoder keeps an explicit stack of open containers and checks
//! [`Limits::max_depth`]. bincode's `Vec` decoder reserves the announced
//! length before reading, so a five-byte message announcing 2^40 elements
//! would try to allocate terabytes; here every announced count and length is
//! checked against the limits *and* the bytes that remain before anything is
//! reserved. And encoding straight from the live `Value`s skips building and
//! freeing an intermediate owned tree (every `str` would be copied twice).
//!
//! # What it must never do
//!
//! Encoding runs under the sender's GIL and decoding under the receiver's; the
//! encoder reads payloads without running Python code (no `__hash__`, no
//! `__eq__`, no `__reduce__`). Neither side may panic, recurse without bound,
//! or allocate more than the limits allow, whatever the input: encoding
//! refuses cycles, over-deep and oversized values with [`NotShareable`];
//! decoding reports every malformed input as a [`DecodeError`].
//! Identity is preserved within one message (see "Identity").

use bincode::config::{self, Config};
use bincode::de::read::Reader;
use bincode::de::{Decoder, DecoderImpl};
use bincode::enc::write::Writer;
use bincode::enc::{Encoder, EncoderImpl};
use bincode::{Decode, Encode};
use num_bigint::{BigInt, Sign};
use rustc_hash::FxHashMap;

use gilgamesh_core::object::{alloc, Kind};
use gilgamesh_core::types::methods::{bytearray, complex::new_complex};
use gilgamesh_core::types::misc::{ComplexData, RangeData, SliceData};
use gilgamesh_core::types::{
    self, BigIntData, BoolData, BytesData, DictData, ListData, SetData, StrData, TupleData,
};
use gilgamesh_core::vm::protocol::type_name;
use gilgamesh_core::Value;

use crate::error::{DecodeError, NotShareable, Refusal};
use crate::instance::{ClassRef, Classes};
use crate::keys::{key_eq, key_hash};

/// The version byte that starts every message.
pub const WIRE_VERSION: u8 = 2;

const TAG_NONE: u8 = 0;
const TAG_FALSE: u8 = 1;
const TAG_TRUE: u8 = 2;
const TAG_INT: u8 = 3;
const TAG_BIGINT: u8 = 4;
const TAG_FLOAT: u8 = 5;
const TAG_STR: u8 = 6;
const TAG_BYTES: u8 = 7;
const TAG_TUPLE: u8 = 8;
const TAG_LIST: u8 = 9;
const TAG_DICT: u8 = 10;
const TAG_SET: u8 = 11;
const TAG_FROZENSET: u8 = 12;
const TAG_COMPLEX: u8 = 13;
const TAG_BYTEARRAY: u8 = 14;
const TAG_RANGE: u8 = 15;
const TAG_SLICE: u8 = 16;
const TAG_INSTANCE: u8 = 17;
const TAG_REF: u8 = 18;
const TAG_SLOTTED_INSTANCE: u8 = 19;
/// Set in the tag of a container, instance or bytearray that is memoised
/// (met more than once, or possibly so).
const MEMO: u8 = 0x40;

/// Bounds on a message, enforced by both sides: the encoder refuses a value
/// that the decoder would refuse, so everything that is sent can be received.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest encoded message, in bytes.
    pub max_total_bytes: usize,
    /// Deepest container nesting (a flat list is depth 1; a scalar depth 0).
    pub max_depth: usize,
    /// Most nodes (values, counting containers and scalars) in one message.
    pub max_elements: usize,
    /// Longest `str` (UTF-8 bytes), `bytes` or big-int magnitude.
    pub max_str_len: usize,
}

impl Default for Limits {
    /// 64 MiB messages, 100 levels, 4 million elements, 64 MiB strings.
    fn default() -> Limits {
        Limits {
            max_total_bytes: 64 << 20,
            max_depth: 100,
            max_elements: 4 << 20,
            max_str_len: 64 << 20,
        }
    }
}

fn bincode_config() -> impl Config {
    config::standard()
}

/// The output buffer, as a bincode writer.
struct Out(Vec<u8>);

impl Writer for Out {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> Result<(), bincode::error::EncodeError> {
        self.0.extend_from_slice(bytes);
        Ok(())
    }
}

/// The input, as a bincode reader that knows how much remains (so announced
/// lengths are checked before anything is allocated).
struct Input<'a> {
    rest: &'a [u8],
}

impl Reader for Input<'_> {
    #[inline]
    fn read(&mut self, bytes: &mut [u8]) -> Result<(), bincode::error::DecodeError> {
        if bytes.len() > self.rest.len() {
            return Err(bincode::error::DecodeError::UnexpectedEnd {
                additional: bytes.len() - self.rest.len(),
            });
        }
        let (head, tail) = self.rest.split_at(bytes.len());
        bytes.copy_from_slice(head);
        self.rest = tail;
        Ok(())
    }
}

impl<'a> Input<'a> {
    /// Takes `n` bytes, which the caller has checked are there.
    fn take(&mut self, n: usize) -> &'a [u8] {
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        head
    }
}

/// Encodes `v` with the default [`Limits`].
pub fn encode(v: &Value) -> Result<Vec<u8>, NotShareable> {
    encode_with(v, &Limits::default())
}

/// Encodes `v` into a new message, refusing what [`decode`] with the same
/// `limits` would refuse. Called by the sender, under its GIL.
pub fn encode_with(v: &Value, limits: &Limits) -> Result<Vec<u8>, NotShareable> {
    let mut enc = Encoding {
        enc: EncoderImpl::new(Out(Vec::with_capacity(64)), bincode_config()),
        limits,
        nodes: 0,
        depth: 0,
        memo: FxHashMap::default(),
        keep: Vec::new(),
        next_index: 0,
    };
    enc.put_u8(WIRE_VERSION);
    enc.value(v)?;
    let out = enc.enc.into_writer().0;
    if out.len() > limits.max_total_bytes {
        return Err(refuse(v, Refusal::TooLarge));
    }
    Ok(out)
}

fn refuse(v: &Value, reason: Refusal) -> NotShareable {
    NotShareable {
        type_name: type_name(v),
        reason,
    }
}

struct Encoding<'l, C: Config> {
    enc: EncoderImpl<Out, C>,
    limits: &'l Limits,
    nodes: usize,
    /// Containers open around the value being encoded.
    depth: usize,
    /// Every container (and instance, and bytearray) written so far, by
    /// address: its memo index, and whether it is an immutable container
    /// still being written (met again, that is a cycle the receiver could
    /// not rebuild).
    memo: FxHashMap<usize, (u64, bool)>,
    /// The memoised values, kept alive while encoding so that no address in
    /// `memo` is reused by a new object (another thread may empty a list
    /// being encoded).
    keep: Vec<Value>,
    /// The memo index the next memoised value gets.
    next_index: u64,
}

impl<C: Config> Encoding<'_, C> {
    // Writing into a Vec cannot fail, so bincode's results are discarded.
    #[inline]
    fn put_u8(&mut self, b: u8) {
        let _ = b.encode(&mut self.enc);
    }
    #[inline]
    fn put<T: Encode + ?Sized>(&mut self, x: &T) {
        let _ = x.encode(&mut self.enc);
    }

    fn bytes_len(&mut self) -> usize {
        self.enc.writer().0.len()
    }

    fn value(&mut self, v: &Value) -> Result<(), NotShareable> {
        self.value_held(v, 0)
    }

    /// Encodes `v`, of which the encoder itself holds `held` references (the
    /// snapshot of a list's or dict's items holds one on each).
    fn value_held(&mut self, v: &Value, held: isize) -> Result<(), NotShareable> {
        self.nodes += 1;
        if self.nodes > self.limits.max_elements || self.bytes_len() > self.limits.max_total_bytes {
            return Err(refuse(v, Refusal::TooLarge));
        }
        if let Some(i) = v.as_small() {
            self.put_u8(TAG_INT);
            self.put(&i);
            return Ok(());
        }
        // Only containers, instances and bytearrays are memoised, and only
        // those with a reference besides the one that led here: an object
        // referred to once cannot be met again (nor be part of a cycle). In
        // the free-threaded mode the count may be read while another thread
        // changes it; a miss then costs a second copy, or a cycle runs into
        // the depth limit, never a wrong message.
        let scalar = matches!(
            v.kind(),
            Kind::None
                | Kind::Bool
                | Kind::Int
                | Kind::Float
                | Kind::Str
                | Kind::Bytes
                | Kind::Complex
                | Kind::Range
        );
        let shared = !scalar && v.header().is_some_and(|h| h.refcount() > 1 + held);
        if let Some(&(index, open_immutable)) = shared.then(|| self.memo.get(&v.bits())).flatten() {
            if open_immutable {
                return Err(refuse(v, Refusal::Cycle));
            }
            self.put_u8(TAG_REF);
            self.put(&index);
            return Ok(());
        }
        let t = types::builtin_types();
        let ty = v.type_ptr();
        // Only the exact builtin types cross: a subclass may carry attributes
        // and behaviour that the receiver could not reconstruct.
        let exact = |x: &types::StaticValue| ty == x.as_ptr();
        match v.kind() {
            Kind::None if types::is_none(v) => self.put_u8(TAG_NONE),
            Kind::Bool => {
                let b = v.downcast::<BoolData>().is_some_and(|b| b.0);
                self.put_u8(if b { TAG_TRUE } else { TAG_FALSE });
            }
            Kind::Int if exact(&t.int) => {
                let b = &v
                    .downcast::<BigIntData>()
                    .ok_or_else(|| refuse(v, Refusal::UnsupportedType))?
                    .0;
                match i64::try_from(b) {
                    Ok(i) => {
                        self.put_u8(TAG_INT);
                        self.put(&i);
                    }
                    Err(_) => {
                        let (sign, mag) = b.to_bytes_le();
                        if mag.len() > self.limits.max_str_len {
                            return Err(refuse(v, Refusal::TooLarge));
                        }
                        self.put_u8(TAG_BIGINT);
                        self.put_u8(u8::from(sign == Sign::Minus));
                        self.put(mag.as_slice());
                    }
                }
            }
            Kind::Float if exact(&t.float) => {
                let f = v.as_float().unwrap_or(0.0);
                self.put_u8(TAG_FLOAT);
                self.put(&f);
            }
            Kind::Str if exact(&t.str) => {
                let s = v.downcast::<StrData>().map_or("", |s| s.as_str());
                if s.len() > self.limits.max_str_len {
                    return Err(refuse(v, Refusal::TooLarge));
                }
                self.put_u8(TAG_STR);
                self.put(s);
            }
            Kind::Bytes if exact(&t.bytes) => {
                let b: &[u8] = v.downcast::<BytesData>().map_or(&[], |b| &b.0);
                if b.len() > self.limits.max_str_len {
                    return Err(refuse(v, Refusal::TooLarge));
                }
                self.put_u8(TAG_BYTES);
                self.put(b);
            }
            Kind::Tuple if exact(&t.tuple) => {
                let items = v.downcast::<TupleData>().map_or(&[][..], |t| t.items());
                self.container(v, TAG_TUPLE, items, shared, 0)?;
            }
            Kind::List if exact(&t.list) => {
                let items = v
                    .downcast::<ListData>()
                    .map(|l| l.snapshot())
                    .unwrap_or_default();
                self.container(v, TAG_LIST, &items, shared, 1)?;
            }
            Kind::Dict if exact(&t.dict) => {
                let pairs = v
                    .downcast::<DictData>()
                    .map(|d| d.items())
                    .unwrap_or_default();
                let flat: Vec<Value> = pairs.into_iter().flat_map(|(k, x)| [k, x]).collect();
                self.enter(v, false, shared)?;
                self.put_tag(TAG_DICT, shared);
                self.put(&((flat.len() / 2) as u64));
                for x in &flat {
                    self.value_held(x, 1)?;
                }
                self.exit(v);
            }
            Kind::Set if exact(&t.set) || exact(&t.frozenset) => {
                let tag = if exact(&t.set) {
                    TAG_SET
                } else {
                    TAG_FROZENSET
                };
                let items = v
                    .downcast::<SetData>()
                    .map(|s| s.items())
                    .unwrap_or_default();
                self.container(v, tag, &items, shared, 1)?;
            }
            Kind::Complex if exact(&t.complex) => {
                let (re, im) = v
                    .downcast::<ComplexData>()
                    .map_or((0.0, 0.0), |c| (c.re, c.im));
                self.put_u8(TAG_COMPLEX);
                self.put(&re);
                self.put(&im);
            }
            Kind::Range if exact(&t.range) => {
                let r = v
                    .downcast::<RangeData>()
                    .ok_or_else(|| refuse(v, Refusal::UnsupportedType))?;
                self.put_u8(TAG_RANGE);
                self.put(&r.start);
                self.put(&r.stop);
                self.put(&r.step);
            }
            Kind::Slice if exact(&t.slice) => {
                let sl = v
                    .downcast::<SliceData>()
                    .ok_or_else(|| refuse(v, Refusal::UnsupportedType))?;
                let parts = [sl.start.clone(), sl.stop.clone(), sl.step.clone()];
                self.container(v, TAG_SLICE, &parts, shared, 1)?;
            }
            Kind::Instance => {
                let r = crate::instance::class_ref(v).map_err(|reason| refuse(v, reason))?;
                let state = crate::instance::state(v).unwrap_or_else(types::none);
                let slots = crate::instance::slot_state(v);
                self.enter(v, false, shared)?;
                let tag = if slots.is_empty() {
                    TAG_INSTANCE
                } else {
                    TAG_SLOTTED_INSTANCE
                };
                self.put_tag(tag, shared);
                self.put(r.module.as_str());
                self.put(r.qualname.as_str());
                if !slots.is_empty() {
                    self.put(&(slots.len() as u64));
                }
                self.value_held(&state, 1)?;
                for (name, x) in &slots {
                    self.value(name)?;
                    self.value_held(x, 1)?;
                }
                self.exit(v);
            }
            _ => match bytearray::data(v) {
                Some(b) => {
                    if b.len() > self.limits.max_str_len {
                        return Err(refuse(v, Refusal::TooLarge));
                    }
                    self.memoise(v, false, shared);
                    self.put_tag(TAG_BYTEARRAY, shared);
                    self.put(b.as_slice());
                }
                None => return Err(refuse(v, Refusal::UnsupportedType)),
            },
        }
        Ok(())
    }

    /// Gives `v` the next memo index (the decoder counts the same nodes in
    /// the same order).
    fn memoise(&mut self, v: &Value, open_immutable: bool, shared: bool) {
        if shared {
            self.memo
                .insert(v.bits(), (self.next_index, open_immutable));
            self.next_index += 1;
            self.keep.push(v.clone());
        }
    }

    /// Writes a container's (or instance's, or bytearray's) tag, with
    /// [`MEMO`] set if it is memoised.
    fn put_tag(&mut self, tag: u8, shared: bool) {
        self.put_u8(if shared { tag | MEMO } else { tag });
    }

    /// Opens the container `v`: checks the depth limit and memoises it.
    /// `immutable`: the receiver can only build it once its items are
    /// decoded (a tuple, frozenset or slice), so it cannot be referred to
    /// from inside itself.
    fn enter(&mut self, v: &Value, immutable: bool, shared: bool) -> Result<(), NotShareable> {
        if self.depth >= self.limits.max_depth {
            return Err(refuse(v, Refusal::TooDeep));
        }
        self.depth += 1;
        self.memoise(v, immutable, shared);
        Ok(())
    }

    /// Closes the container `v`: from now on it may be referred to.
    fn exit(&mut self, v: &Value) {
        self.depth -= 1;
        if let Some(e) = self.memo.get_mut(&v.bits()) {
            e.1 = false;
        }
    }

    /// Encodes the container `v` with `items`, on each of which the encoder
    /// holds `held` references.
    fn container(
        &mut self,
        v: &Value,
        tag: u8,
        items: &[Value],
        shared: bool,
        held: isize,
    ) -> Result<(), NotShareable> {
        let immutable = matches!(tag, TAG_TUPLE | TAG_FROZENSET | TAG_SLICE);
        self.enter(v, immutable, shared)?;
        self.put_tag(tag, shared);
        self.put(&(items.len() as u64));
        for x in items {
            self.value_held(x, held)?;
        }
        self.exit(v);
        Ok(())
    }
}

/// A container being filled while decoding.
struct Open {
    tag: u8,
    /// Values still to come.
    remaining: usize,
    items: Vec<Value>,
    /// A list, dict, set or instance is made when it opens (so a reference
    /// from inside it can reach it) and filled when it closes.
    made: Option<Value>,
    /// Its memo index, if it is memoised.
    slot: Option<usize>,
    /// For an instance: its class's name (for errors).
    class: Option<Box<ClassRef>>,
}

/// Decodes a message made by [`encode_with`] that holds no instances of
/// classes (an instance is refused with [`DecodeError::Class`]).
pub fn decode(bytes: &[u8], limits: &Limits) -> Result<Value, DecodeError> {
    decode_with(bytes, limits, &mut crate::instance::NoClasses)
}

/// Decodes a message made by [`encode_with`]. Called by the receiver, under its
/// GIL; the new objects belong to the calling thread's owner. `classes` finds
/// the class of each instance in the receiving interpreter (once per class
/// per message) and may stand another object for a restored instance.
///
/// Never panics, recurses or allocates beyond the limits, whatever `bytes`
/// holds: every problem is a [`DecodeError`].
pub fn decode_with(
    bytes: &[u8],
    limits: &Limits,
    classes: &mut dyn Classes,
) -> Result<Value, DecodeError> {
    if bytes.len() > limits.max_total_bytes {
        return Err(DecodeError::InputTooLarge {
            len: bytes.len(),
            limit: limits.max_total_bytes,
        });
    }
    let mut dec = DecoderImpl::new(Input { rest: bytes }, bincode_config(), ());
    let version = u8::decode(&mut dec)?;
    if version != WIRE_VERSION {
        return Err(DecodeError::BadVersion(version));
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut found: Vec<(ClassRef, Value)> = Vec::new();
    // Every container, instance and bytearray, by memo index (in the order
    // the encoder memoised them); `None` while a tuple, frozenset or slice
    // is open.
    let mut memo: Vec<Option<Value>> = Vec::new();
    let mut nodes = 0usize;
    loop {
        nodes += 1;
        if nodes > limits.max_elements {
            return Err(DecodeError::TooManyElements {
                limit: limits.max_elements,
            });
        }
        let raw = u8::decode(&mut dec)?;
        // Only container, instance and bytearray tags may carry the flag.
        let memoised = raw & MEMO != 0
            && matches!(
                raw & !MEMO,
                TAG_TUPLE
                    | TAG_LIST
                    | TAG_DICT
                    | TAG_SET
                    | TAG_FROZENSET
                    | TAG_SLICE
                    | TAG_BYTEARRAY
                    | TAG_INSTANCE
                    | TAG_SLOTTED_INSTANCE
            );
        let tag = if memoised { raw & !MEMO } else { raw };
        let mut done = match tag {
            TAG_NONE => types::none(),
            TAG_FALSE => types::bool_value(false),
            TAG_TRUE => types::bool_value(true),
            TAG_INT => types::new_int(i64::decode(&mut dec)?),
            TAG_BIGINT => {
                let sign = match u8::decode(&mut dec)? {
                    0 => Sign::Plus,
                    1 => Sign::Minus,
                    _ => return Err(DecodeError::Malformed("bad big int sign".into())),
                };
                let mag = take_payload(&mut dec, limits)?;
                types::new_bigint(BigInt::from_bytes_le(sign, mag))
            }
            TAG_FLOAT => types::new_float(f64::decode(&mut dec)?),
            TAG_STR => {
                let raw = take_payload(&mut dec, limits)?;
                let s = std::str::from_utf8(raw).map_err(|_| DecodeError::InvalidUtf8)?;
                types::new_str(s)
            }
            TAG_BYTES => types::misc::new_bytes(take_payload(&mut dec, limits)?.to_vec()),
            TAG_BYTEARRAY => {
                let b = bytearray::new_bytearray(take_payload(&mut dec, limits)?.to_vec());
                if memoised {
                    memo.push(Some(b.clone()));
                }
                b
            }
            TAG_REF => {
                let index = u64::decode(&mut dec)?;
                match usize::try_from(index).ok().and_then(|i| memo.get(i)) {
                    Some(Some(v)) => v.clone(),
                    Some(None) => {
                        return Err(DecodeError::Malformed(
                            "reference to an unfinished immutable container".into(),
                        ))
                    }
                    None => {
                        return Err(DecodeError::Malformed(format!(
                            "reference to unknown object {index}"
                        )))
                    }
                }
            }
            TAG_COMPLEX => {
                let re = f64::decode(&mut dec)?;
                let im = f64::decode(&mut dec)?;
                new_complex(re, im)
            }
            TAG_RANGE => {
                let start = i64::decode(&mut dec)?;
                let stop = i64::decode(&mut dec)?;
                let step = i64::decode(&mut dec)?;
                if step == 0 {
                    return Err(DecodeError::Malformed("range step 0".into()));
                }
                alloc(
                    types::builtin_types().range.v(),
                    RangeData { start, stop, step },
                )
            }
            TAG_INSTANCE | TAG_SLOTTED_INSTANCE => {
                let mut name = || -> Result<String, DecodeError> {
                    let raw = take_payload(&mut dec, limits)?;
                    std::str::from_utf8(raw)
                        .map(str::to_string)
                        .map_err(|_| DecodeError::InvalidUtf8)
                };
                let r = ClassRef {
                    module: name()?,
                    qualname: name()?,
                };
                let mut remaining = 1;
                if tag == TAG_SLOTTED_INSTANCE {
                    let count = u64::decode(&mut dec)?;
                    let budget = limits.max_elements.saturating_sub(nodes) as u64;
                    let fits = (dec.reader().rest.len() as u64) / 2;
                    if count > fits || count.saturating_mul(2) >= budget {
                        return Err(DecodeError::TooManyElements {
                            limit: limits.max_elements,
                        });
                    }
                    remaining += 2 * count as usize;
                }
                if stack.len() >= limits.max_depth {
                    return Err(DecodeError::TooDeep {
                        limit: limits.max_depth,
                    });
                }
                let cls = match found.iter().find(|(k, _)| *k == r) {
                    Some((_, c)) => c.clone(),
                    None => {
                        let c = classes.resolve(&r.module, &r.qualname)?;
                        found.push((r.clone(), c.clone()));
                        c
                    }
                };
                let obj = crate::instance::new_bare(&cls, &r)?;
                let slot = memoised.then(|| {
                    memo.push(Some(obj.clone()));
                    memo.len() - 1
                });
                stack.push(Open {
                    tag,
                    remaining,
                    items: Vec::with_capacity(remaining),
                    made: Some(obj),
                    slot,
                    class: Some(Box::new(r)),
                });
                continue;
            }
            TAG_TUPLE | TAG_LIST | TAG_DICT | TAG_SET | TAG_FROZENSET | TAG_SLICE => {
                let count = u64::decode(&mut dec)?;
                if tag == TAG_SLICE && count != 3 {
                    return Err(DecodeError::Malformed("slice without 3 parts".into()));
                }
                let per = if tag == TAG_DICT { 2 } else { 1 };
                // Every value takes at least one byte, so a count the remaining
                // input cannot hold is malformed; checked before reserving.
                let budget = limits.max_elements.saturating_sub(nodes);
                let fits = (dec.reader().rest.len() as u64) / per;
                if count > fits || count.saturating_mul(per) > budget as u64 {
                    return Err(DecodeError::TooManyElements {
                        limit: limits.max_elements,
                    });
                }
                // Depth counts empty containers too, as the encoder does.
                if stack.len() >= limits.max_depth {
                    return Err(DecodeError::TooDeep {
                        limit: limits.max_depth,
                    });
                }
                let n = (count * per) as usize;
                // A memoised list, dict or set is made now, so that a
                // reference from inside it finds it; a tuple, frozenset or
                // slice gets its memo slot when it is built.
                let made = match tag {
                    _ if !memoised => None,
                    TAG_LIST => Some(types::new_list(Vec::with_capacity(n))),
                    TAG_DICT => Some(alloc(types::builtin_types().dict.v(), DictData::new())),
                    TAG_SET => Some(alloc(types::builtin_types().set.v(), SetData::new())),
                    _ => None,
                };
                let slot = memoised.then(|| {
                    memo.push(made.clone());
                    memo.len() - 1
                });
                if n == 0 {
                    match made {
                        Some(v) => v,
                        None => {
                            let v = build(tag, Vec::new())?;
                            if let Some(i) = slot {
                                memo[i] = Some(v.clone());
                            }
                            v
                        }
                    }
                } else {
                    stack.push(Open {
                        tag,
                        remaining: n,
                        items: Vec::with_capacity(n),
                        made,
                        slot,
                        class: None,
                    });
                    continue;
                }
            }
            other => return Err(DecodeError::BadTag(other)),
        };
        // Attach the finished value; close every container it completes.
        loop {
            let Some(top) = stack.last_mut() else {
                let rest = dec.reader().rest.len();
                if rest != 0 {
                    return Err(DecodeError::TrailingBytes(rest));
                }
                return Ok(done);
            };
            top.items.push(done);
            top.remaining -= 1;
            if top.remaining > 0 {
                break;
            }
            let open = stack.pop().expect("non-empty stack");
            done = match (open.made, open.class) {
                (Some(obj), Some(r)) => {
                    crate::instance::set_state(&obj, &r, open.items)?;
                    let obj = classes.finish(obj)?;
                    // Later references get the object that stands for it
                    // (references from inside it keep the restored one).
                    if let Some(i) = open.slot {
                        memo[i] = Some(obj.clone());
                    }
                    obj
                }
                (Some(obj), None) => {
                    fill(&obj, open.items)?;
                    obj
                }
                (None, _) => {
                    let v = build(open.tag, open.items)?;
                    if let Some(i) = open.slot {
                        memo[i] = Some(v.clone());
                    }
                    v
                }
            };
        }
    }
}

/// Reads a length-prefixed payload, checked against the limit and the input.
fn take_payload<'a, C: Config>(
    dec: &mut DecoderImpl<Input<'a>, C, ()>,
    limits: &Limits,
) -> Result<&'a [u8], DecodeError> {
    let len = u64::decode(&mut *dec)?;
    let rest = dec.reader().rest.len();
    if len > limits.max_str_len as u64 || len > rest as u64 {
        return Err(DecodeError::StringTooLong {
            len,
            limit: limits.max_str_len.min(rest),
        });
    }
    Ok(dec.reader().take(len as usize))
}

/// Fills a list, dict or set made when it opened with its decoded items (for
/// a dict: keys and values alternating). Keys are hashed and compared by
/// [`crate::keys`], so no Python code runs.
fn fill(obj: &Value, items: Vec<Value>) -> Result<(), DecodeError> {
    if let Some(l) = obj.downcast::<ListData>() {
        l.with_items(|s| s.extend(items));
    } else if let Some(d) = obj.downcast::<DictData>() {
        let mut it = items.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            let h = key_hash(&k)?;
            // key_eq never fails, so neither does set.
            let _ = d.set(k, h, v, &mut |a, b| Ok(key_eq(a, b)));
        }
    } else if let Some(s) = obj.downcast::<SetData>() {
        add_all(s, items)?;
    }
    Ok(())
}

fn add_all(s: &SetData, items: Vec<Value>) -> Result<(), DecodeError> {
    for k in items {
        let h = key_hash(&k)?;
        let _ = s.add(k, h, &mut |a, b| Ok(key_eq(a, b)));
    }
    Ok(())
}

/// Builds a container from its decoded items (for a dict: keys and values
/// alternating).
fn build(tag: u8, items: Vec<Value>) -> Result<Value, DecodeError> {
    let t = types::builtin_types();
    Ok(match tag {
        TAG_TUPLE => types::new_tuple(items),
        TAG_LIST => types::new_list(items),
        TAG_DICT => {
            let d = alloc(t.dict.v(), DictData::new());
            fill(&d, items)?;
            d
        }
        TAG_SET | TAG_FROZENSET => {
            let s = SetData::new();
            add_all(&s, items)?;
            let ty = if tag == TAG_SET {
                t.set.v()
            } else {
                t.frozenset.v()
            };
            alloc(ty, s)
        }
        TAG_SLICE => {
            let mut it = items.into_iter();
            let mut part = || it.next().unwrap_or_else(types::none);
            let (start, stop, step) = (part(), part(), part());
            alloc(t.slice.v(), SliceData { start, stop, step })
        }
        _ => return Err(DecodeError::BadTag(tag)),
    })
}
