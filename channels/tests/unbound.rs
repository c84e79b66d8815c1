//! Unbound items (CPython 3.14's `unbounditems`): what `get` gives for the
//! items of a retired origin under each rule, counting with removed items in
//! bounded and unbounded queues, a `put` waiting for room woken by a
//! retirement, and retirement racing with producers and consumers.
//!
//! Retirement is process-wide, so every test uses its own origins.

use std::thread;
use std::time::Duration;

use gilgamesh_channels::origin::{is_retired, retire};
use gilgamesh_channels::{Got, Limits, Message, Queue, QueueEmpty, ShareMode, Tag, Unbound};
use gilgamesh_core::object::refcount::set_current_owner;
use gilgamesh_core::types::{self, bigint::to_i64};

fn msg(i: i64) -> Message {
    let v = types::new_tuple(vec![types::new_int(i), types::new_str("payload")]);
    Message::from_value(&v, ShareMode::CopyOnly, &Limits::default()).unwrap()
}

/// A taken item, for comparing: the number, or the rule of an unbound one.
#[derive(Debug, PartialEq, Eq)]
enum Item {
    Num(i64),
    Unbound(Unbound),
}

fn item(g: Got) -> Item {
    match g {
        Got::Message(m) => {
            let v = m.into_value(&Limits::default()).unwrap();
            let t = v.downcast::<types::TupleData>().unwrap();
            Item::Num(to_i64(&t.items()[0]).unwrap())
        }
        Got::Unbound(u) => Item::Unbound(u),
    }
}

fn drain(q: &Queue) -> Vec<Item> {
    let mut out = Vec::new();
    while let Ok(g) = q.get_nowait() {
        out.push(item(g));
    }
    out
}

#[test]
fn flags_are_cpythons() {
    for (flag, u) in [
        (1, Unbound::Remove),
        (2, Unbound::Error),
        (3, Unbound::Replace),
    ] {
        assert_eq!(Unbound::from_flag(flag), Some(u));
        assert_eq!(u.flag(), flag);
    }
    assert_eq!(Unbound::from_flag(0), None);
    assert_eq!(Unbound::from_flag(4), None);
}

#[test]
fn retired_origins_are_remembered() {
    for o in [101, 64, 65_536 + 5, (1 << 24) - 1, 1 << 24, 1 << 40] {
        assert!(!is_retired(o));
        retire(o);
        assert!(is_retired(o));
        assert!(!is_retired(o + 1), "{o} + 1 is not retired");
    }
    retire(0);
    assert!(!is_retired(0), "origin 0 is never retired");
}

#[test]
fn replace_and_error_items_come_out_unbound() {
    let q = Queue::new(0);
    q.put(msg(1), Tag::new(1001, Unbound::Replace), None)
        .unwrap();
    q.put(msg(2), Tag::new(1001, Unbound::Error), None).unwrap();
    q.put(msg(3), Tag::UNRETIRED, None).unwrap();
    q.put_nowait(msg(4), Tag::new(1002, Unbound::Error))
        .unwrap();
    q.put(msg(5), Tag::new(1001, Unbound::Replace), None)
        .unwrap();
    assert_eq!(item(q.get(None).unwrap()), Item::Num(1), "still bound");
    retire(1001);
    assert_eq!(q.qsize(), 4, "unbound items still count");
    assert_eq!(
        drain(&q),
        [
            Item::Unbound(Unbound::Error),
            Item::Num(3),
            Item::Num(4),
            Item::Unbound(Unbound::Replace),
        ]
    );
    assert!(q.empty());
    assert_eq!(q.stats().messages_got, 5);
}

#[test]
fn removed_items_leave_an_unbounded_queue() {
    let q = Queue::new(0);
    q.put(msg(1), Tag::new(0, Unbound::Remove), None).unwrap();
    q.put(msg(2), Tag::new(2001, Unbound::Remove), None)
        .unwrap();
    q.put(msg(3), Tag::new(2002, Unbound::Remove), None)
        .unwrap();
    q.put(msg(4), Tag::new(2001, Unbound::Remove), None)
        .unwrap();
    q.put(msg(5), Tag::new(2001, Unbound::Replace), None)
        .unwrap();
    assert_eq!(q.qsize(), 5);
    retire(2001);
    assert_eq!(q.qsize(), 3, "two items removed at once");
    assert_eq!(
        drain(&q),
        [Item::Num(1), Item::Num(3), Item::Unbound(Unbound::Replace)]
    );
    assert!(q.empty());
    assert_eq!(q.get_nowait().unwrap_err(), QueueEmpty);
    // The tombstones are gone: counting is back to the channel's length.
    q.put(msg(6), Tag::new(2002, Unbound::Remove), None)
        .unwrap();
    assert_eq!(q.qsize(), 1);
    retire(2002);
    assert_eq!(q.qsize(), 0);
    assert_eq!(
        q.get(Some(Duration::from_millis(10))).unwrap_err(),
        QueueEmpty
    );
}

#[test]
fn removed_items_free_a_bounded_queue() {
    let q = Queue::new(2);
    q.put_nowait(msg(1), Tag::new(3001, Unbound::Remove))
        .unwrap();
    q.put_nowait(msg(2), Tag::new(3001, Unbound::Remove))
        .unwrap();
    assert!(q.full());
    assert!(q.put_nowait(msg(3), Tag::UNRETIRED).is_err());
    retire(3001);
    assert_eq!(q.qsize(), 0);
    assert!(!q.full() && q.empty());
    q.put_nowait(msg(4), Tag::UNRETIRED).unwrap();
    q.put(msg(5), Tag::new(3002, Unbound::Error), Some(Duration::ZERO))
        .unwrap();
    assert!(q.full());
    retire(3002);
    assert!(q.full(), "an unbound item keeps its place until it is got");
    assert_eq!(drain(&q), [Item::Num(4), Item::Unbound(Unbound::Error)]);
    assert!(!q.full() && q.empty());
}

#[test]
fn a_waiting_put_is_woken_by_a_retirement() {
    let q = Queue::new(1);
    q.put(msg(1), Tag::new(4001, Unbound::Remove), None)
        .unwrap();
    let q2 = q.clone();
    let waiter = thread::spawn(move || {
        set_current_owner(2);
        q2.put(msg(2), Tag::UNRETIRED, Some(Duration::from_secs(30)))
            .is_ok()
    });
    thread::sleep(Duration::from_millis(30));
    assert_eq!(q.qsize(), 1, "the put waits");
    retire(4001);
    assert!(waiter.join().unwrap(), "the put went on");
    assert_eq!(drain(&q), [Item::Num(2)]);
    assert!(q.stats().blocked_put > Duration::ZERO);
}

#[test]
fn a_waiting_put_is_woken_by_a_get_and_times_out_on_none() {
    let q = Queue::new(1);
    q.put(msg(1), Tag::UNRETIRED, None).unwrap();
    let e = q
        .put(msg(2), Tag::UNRETIRED, Some(Duration::from_millis(20)))
        .unwrap_err();
    assert_eq!(item(Got::Message(e.0)), Item::Num(2));
    let q2 = q.clone();
    let waiter = thread::spawn(move || {
        set_current_owner(2);
        q2.put(msg(3), Tag::UNRETIRED, None).is_ok()
    });
    thread::sleep(Duration::from_millis(20));
    assert_eq!(item(q.get(None).unwrap()), Item::Num(1));
    assert!(waiter.join().unwrap());
    assert_eq!(drain(&q), [Item::Num(3)]);
}

/// Producers put `Remove` and `Error` items of their own origins while
/// consumers take them and the origins are retired underneath: every item
/// is got once or removed, and the counts end at zero.
#[test]
fn retiring_races_with_producers_and_consumers() {
    const PRODUCERS: u64 = 4;
    const EACH: i64 = 2000;
    for bound in [0, 8] {
        let q = Queue::new(bound);
        let base = 5000 + bound as u64 * 100;
        let producers: Vec<_> = (0..PRODUCERS)
            .map(|p| {
                let q = q.clone();
                thread::spawn(move || {
                    set_current_owner(10 + p as usize);
                    let origin = base + p;
                    for i in 0..EACH {
                        let rule = if i % 2 == 0 {
                            Unbound::Remove
                        } else {
                            Unbound::Error
                        };
                        q.put(msg(i), Tag::new(origin, rule), None).unwrap();
                    }
                    // Retired once its last put has returned, as an
                    // interpreter is.
                    retire(origin);
                })
            })
            .collect();
        let consumers: Vec<_> = (0..2)
            .map(|c| {
                let q = q.clone();
                thread::spawn(move || {
                    set_current_owner(100 + c);
                    let (mut bound_items, mut unbound) = (0, 0);
                    while let Ok(g) = q.get(Some(Duration::from_millis(300))) {
                        match item(g) {
                            Item::Num(_) => bound_items += 1,
                            Item::Unbound(u) => {
                                assert_eq!(u, Unbound::Error);
                                unbound += 1;
                            }
                        }
                    }
                    (bound_items, unbound)
                })
            })
            .collect();
        for p in producers {
            p.join().unwrap();
        }
        let (mut got, mut unbound) = (0, 0);
        for c in consumers {
            let (g, u) = c.join().unwrap();
            got += g;
            unbound += u;
        }
        let total = PRODUCERS as i64 * EACH;
        assert!(got + unbound <= total);
        assert!(
            unbound + got >= total / 2,
            "every Error item is got, bound or not"
        );
        assert_eq!(q.qsize(), 0, "bound {bound}");
        assert!(q.empty() && !q.full());
    }
}
