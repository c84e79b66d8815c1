//! `_interpqueues` names queues by id, and each thread keeps the queues it
//! used last at hand (subinterp/src/queues.rs): a destroyed queue must be
//! gone for every thread at once, those that had it at hand included, while
//! the other queues they hold keep working.

use std::process::Command;

const SCRIPT: &str = r#"import _interpqueues as Q
import threading
from concurrent import interpreters

def put_get(qid):
    try:
        Q.put(qid, 'x', True, None)
        return Q.get(qid, True, None)
    except Exception as e:
        return type(e).__name__

a, b = Q.create(0), Q.create(0)
print('main before', put_get(a), put_get(b))
go, done = threading.Lock(), threading.Lock()
go.acquire()
done.acquire()
seen = []
def worker():
    seen.append(('thread before', put_get(a), put_get(b)))
    done.release()
    go.acquire()
    seen.append(('thread after', put_get(a), put_get(b)))
t = threading.Thread(target=worker)
t.start()
done.acquire()
Q.destroy(a)
print('main after', put_get(a), put_get(b))
go.release()
t.join()
for s in seen:
    print(*s)
try:
    Q.destroy(a)
except Exception as e:
    print('destroy again:', type(e).__name__, e)
"#;

const EXPECTED: &str = "\
main before (True, 'x') (True, 'x')
main after QueueNotFoundError (True, 'x')
thread before (True, 'x') (True, 'x')
thread after QueueNotFoundError (True, 'x')
destroy again: QueueNotFoundError queue 1 not found
";

#[test]
fn a_destroyed_queue_is_gone_for_every_thread() {
    for mode in ["gil", "nogil"] {
        let out = Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
            .args(["run", "--mode", mode, "-c", SCRIPT])
            .output()
            .expect("run gilgamesh");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            EXPECTED,
            "mode {mode}, stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "mode {mode}");
    }
}
