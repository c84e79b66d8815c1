//! Timing of the message layer: encode + decode of a small tuple, zero-copy
//! sharing of a str, and a queue round trip between two threads.
//! Run: `cargo run -p gilgamesh-channels --release --example channels_bench`.

use std::thread;
use std::time::{Duration, Instant};

use gilgamesh_channels::{decode, encode, Limits, Message, Queue, ShareMode, Tag};
use gilgamesh_core::object::refcount::set_current_owner;
use gilgamesh_core::types;

fn per_op(n: u32, f: impl FnMut()) -> Duration {
    let mut f = f;
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    t.elapsed() / n
}

fn main() {
    let limits = Limits::default();
    let tuple = types::new_tuple(vec![types::new_int(1), types::new_str("ab"), types::none()]);
    let enc = per_op(1_000_000, || {
        drop(std::hint::black_box(encode(&tuple).unwrap()))
    });
    let bytes = encode(&tuple).unwrap();
    let dec = per_op(1_000_000, || {
        drop(std::hint::black_box(decode(&bytes, &limits).unwrap()))
    });
    println!(
        "small tuple ({} bytes): encode {enc:?}, decode {dec:?}",
        bytes.len()
    );

    let text = types::new_str("x".repeat(4096));
    let share = per_op(1_000_000, || {
        let m = Message::from_value(&text, ShareMode::ZeroCopy, &limits).unwrap();
        drop(std::hint::black_box(m.into_value(&limits).unwrap()));
    });
    let copy = per_op(100_000, || {
        let m = Message::from_value(&text, ShareMode::CopyOnly, &limits).unwrap();
        drop(std::hint::black_box(m.into_value(&limits).unwrap()));
    });
    println!("4 KiB str message: zero-copy {share:?}, copied {copy:?}");

    const ROUNDS: usize = 200_000;
    let (ping, pong) = (Queue::new(1), Queue::new(1));
    let (p2, q2) = (ping.clone(), pong.clone());
    let echo = thread::spawn(move || {
        set_current_owner(2);
        for _ in 0..ROUNDS {
            let m = p2.get(None).unwrap().into_message().unwrap();
            q2.put(m, Tag::UNRETIRED, None).unwrap();
        }
    });
    let mut rtt = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let m = Message::from_value(&tuple, ShareMode::CopyOnly, &limits).unwrap();
        ping.put(m, Tag::UNRETIRED, None).unwrap();
        let m = pong.get(None).unwrap().into_message().unwrap();
        drop(m.into_value(&limits).unwrap());
        rtt.push(t.elapsed());
    }
    echo.join().unwrap();
    rtt.sort();
    println!(
        "queue round trip, small tuple: median {:?}, p99 {:?}",
        rtt[ROUNDS / 2],
        rtt[ROUNDS * 99 / 100]
    );

    let q = Queue::new(0);
    let n = 1_000_000;
    let t = Instant::now();
    let consumer = {
        let q = q.clone();
        thread::spawn(move || {
            set_current_owner(3);
            for _ in 0..n {
                let m = q.get(None).unwrap().into_message().unwrap();
                drop(m.into_value(&Limits::default()).unwrap());
            }
        })
    };
    for i in 0..n {
        let v = types::new_int(i);
        q.put(
            Message::from_value(&v, ShareMode::CopyOnly, &limits).unwrap(),
            Tag::UNRETIRED,
            None,
        )
        .unwrap();
    }
    consumer.join().unwrap();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "one way, small ints: {:.2} M messages/s",
        n as f64 / secs / 1e6
    );
}
