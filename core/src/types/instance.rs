//! Instances of user classes: an attribute dict and, for classes with
//! `__slots__`, a vector of slot values.

use super::Traverse;
use crate::object::value_slot::ValueSlot;
use crate::object::Value;

/// The payload of an instance of a user class.
pub struct InstanceData {
    /// `__dict__` (a dict), created lazily; None for slotted classes.
    pub dict: crate::object::value_slot::ValueSlot,
    /// Values of `__slots__`, in declaration order along the MRO: one word
    /// each, read without a lock and replaced atomically, as `dict` is
    /// (CPython 3.13t reads member slots without the object's lock too).
    pub slots: Box<[ValueSlot]>,
}

impl Traverse for InstanceData {
    const TRACKED: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.dict.visit(visit);
        for s in self.slots.iter() {
            s.visit(visit);
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
