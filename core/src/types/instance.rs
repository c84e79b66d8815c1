//! Instances of user classes: an attribute dict and, for classes with
//! `__slots__`, a vector of slot values.

use super::Traverse;
use crate::object::{PyCell, Value};

/// The payload of an instance of a user class.
pub struct InstanceData {
    /// `__dict__` (a dict), created lazily; None for slotted classes.
    pub dict: crate::object::value_slot::ValueSlot,
    /// Values of `__slots__`, in declaration order along the MRO.
    pub slots: Box<[PyCell<Option<Value>>]>,
}

impl Traverse for InstanceData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.dict.visit(visit);
        for s in self.slots.iter() {
            s.with(|v| v.iter().for_each(&mut *visit));
        }
    }
    fn clear(&self) {
        let d = self.dict.take();
        drop(d);
        for s in self.slots.iter() {
            let v = s.take();
            drop(v);
        }
    }
}
