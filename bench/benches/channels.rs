//! A message through a cross-interpreter queue, shared against copied: one
//! iteration is `Message::from_value` (the sender's side), `Queue::put`,
//! `Queue::get`, `Message::into_value` (the receiver's side) and dropping the
//! received value, all on one thread (no wake-up of a waiting receiver is
//! measured: the queue is never empty when `get` runs).
//!
//! - `shared/immortal_str`: an interned `str` (any `ShareMode`): the handle
//!   is the object itself and its count is never touched;
//! - `shared/zero_copy_str_1k`: a mortal 1000-character `str` in
//!   `ShareMode::ZeroCopy`: the object itself, merged on its first crossing,
//!   then counted atomically;
//! - `copied/str_1k`: the same `str` in `ShareMode::CopyOnly`: encoded and
//!   decoded into a new `str`;
//! - `copied/small_tuple`: `(1, 2.5, "abc")`;
//! - `copied/list_100_ints`: `list(range(100))`.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

use gilgamesh_channels::{Limits, Message, Queue, ShareMode, Tag};
use gilgamesh_core::types;
use gilgamesh_core::Value;

/// One value through the queue and back.
#[inline(always)]
fn round_trip(q: &Queue, v: &Value, mode: ShareMode, limits: &Limits) {
    let msg = Message::from_value(black_box(v), mode, limits).expect("shareable");
    q.put(msg, Tag::UNRETIRED, None).expect("unbounded queue");
    let got = q.get(None).expect("a message was just put");
    let back = got
        .into_message()
        .expect("a bound item")
        .into_value(limits)
        .expect("decodes");
    drop(black_box(back));
}

fn channels(c: &mut Criterion) {
    common::init_runtime();
    let mut g = c.benchmark_group("channel");
    let q = Queue::new(0);
    let limits = Limits::default();
    let text: String = "0123456789".repeat(100);
    let cases: [(&str, Value, ShareMode); 5] = [
        (
            "shared/immortal_str",
            types::intern("an interned str"),
            ShareMode::CopyOnly,
        ),
        (
            "shared/zero_copy_str_1k",
            types::new_str(text.as_str()),
            ShareMode::ZeroCopy,
        ),
        (
            "copied/str_1k",
            types::new_str(text.as_str()),
            ShareMode::CopyOnly,
        ),
        (
            "copied/small_tuple",
            types::new_tuple(vec![
                types::new_int(1),
                types::new_float(2.5),
                types::new_str("abc"),
            ]),
            ShareMode::CopyOnly,
        ),
        (
            "copied/list_100_ints",
            types::new_list((0..100).map(types::new_int).collect()),
            ShareMode::CopyOnly,
        ),
    ];
    for (name, v, mode) in &cases {
        let m = Message::from_value(v, *mode, &limits).expect("shareable");
        let (copied, shared) = (m.bytes_copied(), m.bytes_shared());
        drop(m);
        println!("{name}: {copied} bytes copied, {shared} bytes shared per message");
        g.bench_function(*name, |b| b.iter(|| round_trip(&q, v, *mode, &limits)));
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = channels
}
criterion_main!(benches);
