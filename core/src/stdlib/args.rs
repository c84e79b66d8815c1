//! Argument binding for native functions that mirror Python-level or
//! Argument-Clinic signatures (positional-or-keyword parameters with
//! defaults, then keyword-only ones), with CPython's error messages.

use crate::object::Value;
use crate::types::exception::type_error;
use crate::types::{Kwargs, PyResult};

/// Which family of CPython error messages a signature reproduces.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// A function written in Python (`random.Random.randint`): counts
    /// include `self` when `method` is set.
    Python {
        /// True for methods (the receiver counts as a positional argument).
        method: bool,
    },
    /// An Argument-Clinic C function (`bisect.bisect_left`).
    Clinic,
}

/// A signature: `params[..npos]` are positional-or-keyword (the first
/// `required` of them mandatory), the rest keyword-only and optional.
pub(crate) struct Sig {
    /// The name used in messages (`Random.randint`, `bisect_left`).
    pub name: &'static str,
    /// Every parameter name, positional ones first.
    pub params: &'static [&'static str],
    /// How many parameters may be passed by position.
    pub npos: usize,
    /// How many leading parameters are required.
    pub required: usize,
    /// Message style.
    pub style: Style,
}

fn quote_list(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

impl Sig {
    /// Binds `args` (without the receiver) and `kw` to the parameters.
    pub fn bind(&self, args: &[Value], kw: &Kwargs) -> PyResult<Vec<Option<Value>>> {
        let name = self.name;
        let mut out: Vec<Option<Value>> = vec![None; self.params.len()];
        if args.len() > self.npos {
            return Err(type_error(match self.style {
                Style::Python { method } => {
                    let extra = method as usize;
                    let (lo, hi, got) =
                        (self.required + extra, self.npos + extra, args.len() + extra);
                    let takes = if lo == hi {
                        format!("{hi} positional argument{}", if hi == 1 { "" } else { "s" })
                    } else {
                        format!("from {lo} to {hi} positional arguments")
                    };
                    format!(
                        "{name}() takes {takes} but {got} {} given",
                        if got == 1 { "was" } else { "were" }
                    )
                }
                Style::Clinic => {
                    if self.npos == self.params.len() {
                        format!(
                            "{name}() takes at most {} arguments ({} given)",
                            self.npos,
                            args.len()
                        )
                    } else {
                        format!(
                            "{name}() takes at most {} positional arguments ({} given)",
                            self.npos,
                            args.len()
                        )
                    }
                }
            }));
        }
        for (slot, a) in out.iter_mut().zip(args) {
            *slot = Some(a.clone());
        }
        for (k, v) in kw.iter() {
            match self.params.iter().position(|p| *p == k) {
                Some(i) if out[i].is_some() => {
                    return Err(type_error(match self.style {
                        Style::Python { .. } => {
                            format!("{name}() got multiple values for argument '{k}'")
                        }
                        Style::Clinic => format!(
                            "argument for {name}() given by name ('{k}') and position ({})",
                            i + 1
                        ),
                    }))
                }
                Some(i) => out[i] = Some(v.clone()),
                None => {
                    return Err(type_error(format!(
                        "{name}() got an unexpected keyword argument '{k}'"
                    )))
                }
            }
        }
        let missing: Vec<&str> = (0..self.required)
            .filter(|&i| out[i].is_none())
            .map(|i| self.params[i])
            .collect();
        if !missing.is_empty() {
            return Err(type_error(match self.style {
                Style::Python { .. } => format!(
                    "{name}() missing {} required positional argument{}: {}",
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    quote_list(&missing)
                ),
                Style::Clinic => {
                    let i = self
                        .params
                        .iter()
                        .position(|p| *p == missing[0])
                        .unwrap_or(0);
                    format!(
                        "{name}() missing required argument '{}' (pos {})",
                        missing[0],
                        i + 1
                    )
                }
            }));
        }
        Ok(out)
    }
}
