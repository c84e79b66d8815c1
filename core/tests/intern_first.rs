//! Interning a name is a valid first call into the core: it sets up the
//! built-in types (which intern names themselves) before taking the intern
//! table's lock. It deadlocked when the table's lock was taken first. Its
//! own test binary, so that nothing else runs first in the process.

#[test]
fn intern_before_anything_else() {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let a = gilgamesh_core::types::intern("first");
        let b = gilgamesh_core::types::intern("first");
        tx.send(a.is(&b)).expect("send");
    });
    let same = rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("intern as the first call returned (no deadlock)");
    assert!(same, "one object per interned name");
}
