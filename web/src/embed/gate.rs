//! Whose messages the embed acts on, and where its events go.
//!
//! The listener only considers messages whose `source` is the frame's parent
//! window; the [`Gate`] then decides by origin. With `?origin=<origin>` in the
//! frame's URL only that origin is admitted from the start. Without it, the
//! first message the parent sends (normally `hello`) pins the parent's origin:
//! from then on messages from any other origin are ignored, and events are
//! posted to the pinned origin only. Until an origin is known, the frame posts
//! nothing but `ready`.

/// The origin rule of one embedded frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gate {
    origin: Option<String>,
    closed: bool,
}

/// What the gate made of a message's origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Not the admitted origin: the message is ignored, unanswered.
    Ignored,
    /// The admitted origin.
    Admitted,
    /// The first message: its origin is now the only one admitted.
    Pinned,
}

impl Gate {
    /// The gate for a frame whose URL had `?origin=param` (or none). A parameter
    /// that is not an origin closes the gate: nothing is admitted, rather than
    /// everything.
    pub fn new(param: Option<&str>) -> Gate {
        match param {
            None => Gate {
                origin: None,
                closed: false,
            },
            Some(p) => match origin_of(p) {
                Some(o) => Gate {
                    origin: Some(o),
                    closed: false,
                },
                None => Gate {
                    origin: None,
                    closed: true,
                },
            },
        }
    }

    /// Decides on a message from `origin` (the parent's, as the browser reports
    /// it), pinning it if it is the first.
    pub fn admit(&mut self, origin: &str) -> Admission {
        if self.closed {
            return Admission::Ignored;
        }
        match &self.origin {
            Some(o) if o == origin => Admission::Admitted,
            Some(_) => Admission::Ignored,
            None => {
                self.origin = Some(origin.to_string());
                Admission::Pinned
            }
        }
    }

    /// The `targetOrigin` for `ready`: the admitted origin, else any (`ready` says
    /// no more than the frame's URL does), and none when the gate is closed.
    pub fn ready_target(&self) -> Option<&str> {
        if self.closed {
            None
        } else {
            self.target().or(Some("*"))
        }
    }

    /// The `targetOrigin` for events: the admitted origin, once known. An opaque
    /// origin (`null`, e.g. a sandboxed host page) cannot be named as a target,
    /// so events to it go to `*`; only the parent window receives them anyway.
    pub fn target(&self) -> Option<&str> {
        match self.origin.as_deref() {
            Some("null") => Some("*"),
            o => o,
        }
    }
}

/// The origin (`https://docs.example.com`) of a URL or origin, if it has one.
fn origin_of(s: &str) -> Option<String> {
    let o = web_sys::Url::new(s).ok()?.origin();
    (o != "null" && !o.is_empty()).then_some(o)
}
