//! The sharing rules and the queue: zero-copy handles across threads with
//! distinct owner ids, FIFO order, bounds, timeouts, a ping-pong round trip
//! and a many-producer, many-consumer stress test.

use std::collections::HashSet;
use std::thread;
use std::time::{Duration, Instant};

use gilgamesh_channels::share::{classify, Crossing, ShareMode, SharedValue};
use gilgamesh_channels::{Got, Limits, Message, Queue, QueueEmpty, Refusal, Tag};
use gilgamesh_core::object::header::SHARED_MERGED;
use gilgamesh_core::object::refcount::set_current_owner;
use gilgamesh_core::types::{self, bigint::to_i64, TupleData};
use gilgamesh_core::Value;

fn msg(i: i64) -> Message {
    let v = types::new_tuple(vec![types::new_int(i), types::new_str("payload")]);
    Message::from_value(&v, ShareMode::CopyOnly, &Limits::default()).unwrap()
}

fn num(g: Got) -> i64 {
    let v = g
        .into_message()
        .expect("a bound item")
        .into_value(&Limits::default())
        .unwrap();
    to_i64(&v.downcast::<TupleData>().unwrap().items()[0]).unwrap()
}

#[test]
fn classification() {
    assert_eq!(classify(&types::new_int(3)), Crossing::Immortal);
    assert_eq!(classify(&types::none()), Crossing::Immortal);
    assert_eq!(classify(&types::bool_value(true)), Crossing::Immortal);
    assert_eq!(classify(&types::intern("interned")), Crossing::Immortal);
    assert_eq!(classify(&types::new_str("mortal")), Crossing::ZeroCopy);
    assert_eq!(
        classify(&types::misc::new_bytes(vec![1])),
        Crossing::ZeroCopy
    );
    // A tagged float is a word, like a small int; a float outside the
    // tagged range is a heap object, copied.
    assert_eq!(classify(&types::new_float(1.5)), Crossing::Immortal);
    assert_eq!(classify(&types::new_float(1e300)), Crossing::Copy);
    assert_eq!(classify(&types::new_int(i64::MAX)), Crossing::Copy);
    assert_eq!(
        classify(&types::new_tuple(vec![types::new_int(1)])),
        Crossing::Copy
    );
    assert_eq!(classify(&types::new_list(vec![])), Crossing::Copy);
    assert_eq!(classify(&types::new_dict()), Crossing::Copy);
    assert_eq!(
        classify(&types::methods::complex::new_complex(0.0, 1.0)),
        Crossing::Copy
    );
    let Crossing::NotShareable(e) = classify(&types::builtin_types().int.get()) else {
        panic!("a type crosses")
    };
    assert_eq!(
        (e.type_name.as_str(), e.reason),
        ("type", Refusal::UnsupportedType)
    );
}

#[test]
fn message_kinds_follow_the_mode() {
    let l = Limits::default();
    let s = types::new_str("zero copy text");
    assert!(matches!(
        Message::from_value(&s, ShareMode::CopyOnly, &l).unwrap(),
        Message::Encoded(_)
    ));
    let m = Message::from_value(&s, ShareMode::ZeroCopy, &l).unwrap();
    assert_eq!((m.bytes_shared(), m.bytes_copied()), (14, 0));
    let back = m.into_value(&l).unwrap();
    assert!(back.is(&s), "the receiver gets the sender's object");
    // Immortals are shared in either mode.
    let i = types::intern("interned");
    let m = Message::from_value(&i, ShareMode::CopyOnly, &l).unwrap();
    assert!(matches!(m, Message::Shared(_)));
    assert_eq!(m.bytes_shared(), 0);
    assert!(Message::from_value(&types::not_implemented(), ShareMode::ZeroCopy, &l).is_err());
}

#[test]
fn zero_copy_str_is_counted_atomically_by_another_owner() {
    set_current_owner(1);
    let s = types::new_str("shared between interpreters");
    let h = s.header().unwrap();
    let shared = SharedValue::new(&s, ShareMode::ZeroCopy).unwrap();
    // Merged: no owner any more, every count is on the shared word.
    assert_eq!(h.ob_tid.load(std::sync::atomic::Ordering::Relaxed), 0);
    assert_eq!(
        h.ob_ref_shared.load(std::sync::atomic::Ordering::Relaxed) & 0b11,
        SHARED_MERGED
    );
    assert_eq!(h.refcount(), 2);
    let addr = s.bits();
    thread::spawn(move || {
        set_current_owner(2);
        let v = shared.into_value();
        assert_eq!(v.bits(), addr);
        assert_eq!(types::str::as_str(&v), Some("shared between interpreters"));
        let copies: Vec<Value> = (0..100).map(|_| v.clone()).collect();
        assert_eq!(v.header().unwrap().refcount(), 102);
        drop(copies);
    })
    .join()
    .unwrap();
    assert_eq!(h.refcount(), 1, "the other owner dropped its reference");
    // Sharing it again (already merged) works, from any owner.
    let again = SharedValue::new(&s, ShareMode::ZeroCopy).unwrap();
    assert_eq!(h.refcount(), 2);
    drop(again);
    assert_eq!(h.refcount(), 1);
}

#[test]
fn a_str_owned_by_another_thread_is_copied() {
    set_current_owner(1);
    let s = types::new_str("owned by 1");
    let bits = s.into_raw();
    thread::spawn(move || {
        set_current_owner(3);
        // SAFETY: the test hands the reference over; thread 1 no longer
        // touches the object, so only this thread counts it.
        let s = unsafe { Value::from_raw_bits(bits) };
        assert!(SharedValue::new(&s, ShareMode::ZeroCopy).is_none());
        let m = Message::from_value(&s, ShareMode::ZeroCopy, &Limits::default()).unwrap();
        assert!(matches!(m, Message::Encoded(_)));
        std::mem::forget(s);
    })
    .join()
    .unwrap();
}

#[test]
fn fifo_and_counters() {
    let q = Queue::new(0);
    assert_eq!(q.maxsize(), 0);
    for i in 0..100 {
        q.put(msg(i), Tag::UNRETIRED, None).unwrap();
    }
    assert_eq!(q.qsize(), 100);
    assert!(!q.full(), "unbounded is never full");
    for i in 0..100 {
        assert_eq!(num(q.get(None).unwrap()), i);
    }
    assert!(q.empty());
    let st = q.stats();
    assert_eq!((st.messages_put, st.messages_got), (100, 100));
    assert_eq!(st.bytes_copied, 100 * msg(0).bytes_copied() as u64);
    assert_eq!(st.bytes_shared, 0);
}

#[test]
fn bounded_full_and_empty() {
    let q = Queue::new(2);
    assert!(matches!(q.get_nowait(), Err(QueueEmpty)));
    q.put_nowait(msg(1), Tag::UNRETIRED).unwrap();
    q.put_nowait(msg(2), Tag::UNRETIRED).unwrap();
    assert!(q.full());
    let back = q.put_nowait(msg(3), Tag::UNRETIRED).unwrap_err();
    assert_eq!(
        num(Got::Message(back.0)),
        3,
        "a refused message is handed back"
    );
    assert_eq!(num(q.get_nowait().unwrap()), 1);
    assert!(!q.full());
    q.put_nowait(msg(4), Tag::UNRETIRED).unwrap();
    assert_eq!(num(q.get_nowait().unwrap()), 2);
    assert_eq!(num(q.get_nowait().unwrap()), 4);
    assert!(q.empty());
}

#[test]
fn timeouts() {
    let q = Queue::new(1);
    let t = Instant::now();
    assert!(q.get(Some(Duration::from_millis(30))).is_err());
    assert!(t.elapsed() >= Duration::from_millis(30));
    q.put(msg(1), Tag::UNRETIRED, None).unwrap();
    let t = Instant::now();
    let e = q
        .put(msg(2), Tag::UNRETIRED, Some(Duration::from_millis(30)))
        .unwrap_err();
    assert!(t.elapsed() >= Duration::from_millis(30));
    assert_eq!(num(Got::Message(e.0)), 2);
    let st = q.stats();
    assert!(st.blocked_get >= Duration::from_millis(30));
    assert!(st.blocked_put >= Duration::from_millis(30));
    // A blocked get is woken by a put from another thread.
    let q2 = q.clone();
    assert!(q.same_queue(&q2));
    assert_eq!(num(q.get_nowait().unwrap()), 1);
    let h = thread::spawn(move || {
        set_current_owner(2);
        num(q2.get(Some(Duration::from_secs(10))).unwrap())
    });
    thread::sleep(Duration::from_millis(20));
    q.put(msg(7), Tag::UNRETIRED, None).unwrap();
    assert_eq!(h.join().unwrap(), 7);
}

#[test]
fn ping_pong_round_trip() {
    const ROUNDS: usize = 20000;
    let (ping, pong) = (Queue::new(1), Queue::new(1));
    let (p2, q2) = (ping.clone(), pong.clone());
    let echo = thread::spawn(move || {
        set_current_owner(2);
        for _ in 0..ROUNDS {
            let v = p2
                .get(None)
                .unwrap()
                .into_message()
                .unwrap()
                .into_value(&Limits::default())
                .unwrap();
            let m = Message::from_value(&v, ShareMode::CopyOnly, &Limits::default()).unwrap();
            q2.put(m, Tag::UNRETIRED, None).unwrap();
        }
    });
    set_current_owner(1);
    let mut rtt = Vec::with_capacity(ROUNDS);
    for i in 0..ROUNDS as i64 {
        let t = Instant::now();
        ping.put(msg(i), Tag::UNRETIRED, None).unwrap();
        let back = num(pong.get(None).unwrap());
        rtt.push(t.elapsed());
        assert_eq!(back, i);
    }
    echo.join().unwrap();
    rtt.sort();
    println!(
        "ping-pong round trip (encode + queue + decode, both ways): median {:?}, p99 {:?}",
        rtt[ROUNDS / 2],
        rtt[ROUNDS * 99 / 100]
    );
}

#[test]
fn stress_every_message_arrives_once() {
    const PRODUCERS: usize = 4;
    const CONSUMERS: usize = 4;
    const EACH: i64 = 5000;
    let q = Queue::new(16);
    let producers: Vec<_> = (0..PRODUCERS)
        .map(|p| {
            let q = q.clone();
            thread::spawn(move || {
                set_current_owner(10 + p);
                for i in 0..EACH {
                    let mode = if i % 2 == 0 {
                        ShareMode::CopyOnly
                    } else {
                        ShareMode::ZeroCopy
                    };
                    let v = types::new_str(format!("{}", p as i64 * EACH + i));
                    q.put(
                        Message::from_value(&v, mode, &Limits::default()).unwrap(),
                        Tag::UNRETIRED,
                        None,
                    )
                    .unwrap();
                }
            })
        })
        .collect();
    let consumers: Vec<_> = (0..CONSUMERS)
        .map(|c| {
            let q = q.clone();
            thread::spawn(move || {
                set_current_owner(100 + c);
                let mut seen = Vec::new();
                while let Ok(m) = q.get(Some(Duration::from_millis(500))) {
                    let v = m
                        .into_message()
                        .unwrap()
                        .into_value(&Limits::default())
                        .unwrap();
                    seen.push(types::str::as_str(&v).unwrap().parse::<i64>().unwrap());
                }
                seen
            })
        })
        .collect();
    for p in producers {
        p.join().unwrap();
    }
    let mut all = HashSet::new();
    let mut total = 0;
    for c in consumers {
        for n in c.join().unwrap() {
            assert!(all.insert(n), "{n} arrived twice");
            total += 1;
        }
    }
    assert_eq!(total, PRODUCERS * EACH as usize);
    assert_eq!(all.len(), total, "every message arrived exactly once");
    let st = q.stats();
    assert_eq!(st.messages_got, total as u64);
    assert!(st.bytes_shared > 0 && st.bytes_copied > 0);
}
