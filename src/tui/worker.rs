//! The dashboard's disk worker: one thread that owns the session's store (the round's folder,
//! or the in-memory twin) and does every load, save, lock and look at the files, so that the
//! UI thread never waits on a disk it does not have to (as gitui runs its git jobs).
//!
//! - The app sends jobs (closures over the store); [`Worker::call`] waits for the answer
//!   (loads the screen needs before it can go on), [`Worker::post`] does not (autosaves, the
//!   recovery journal): their answers come back as messages the app takes on its next tick.
//! - Between jobs, in the background mode the dashboard runs in, the worker looks at the
//!   round's files (an [`Idle`] task: file notifications first, a slow stat poll as the
//!   fallback) and sends what changed elsewhere as a message.
//! - Another thread posts jobs through a [`Poster`] ([`Worker::poster`]): the git sync's
//!   network thread hands its next local phase back to the worker that way. A poster only
//!   holds a sender: it never keeps the worker alive (dropping the [`Worker`] stops and joins
//!   it; what is posted afterwards is dropped unrun).

use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::core::workspace::Workspace;

/// A job: a closure over the store and the workspace, run on the worker thread.
pub type Job<S> = Box<dyn FnOnce(&mut S, &Workspace) + Send>;

/// What the worker does when no job is waiting: returns how long it may sleep before it is
/// due again.
pub type Idle<S> = Box<dyn FnMut(&mut S, &Workspace) -> Duration + Send>;

/// Wakes the worker (its idle task runs at once): file notifications call it.
pub type Waker = Box<dyn Fn() + Send + Sync>;

enum Msg<S: ?Sized> {
    Job(Job<S>),
    Idle(Option<Idle<S>>),
    /// Nothing to do but the idle task (a file notification).
    Wake,
    /// The session ends (the file watcher holds a sender too, so the channel alone never
    /// closes).
    Stop,
}

/// The worker thread and the way to it. Dropping it ends the thread once the jobs already
/// sent are done (a save in flight is finished, not cut).
pub struct Worker<S: ?Sized + Send + 'static> {
    tx: Option<mpsc::Sender<Msg<S>>>,
    thread: Option<JoinHandle<()>>,
}

impl<S: ?Sized + Send + 'static> Worker<S> {
    /// Starts the worker; the store is made on the worker thread by `make`, which is handed
    /// a [`Waker`] for file notifications.
    pub fn start(ws: Workspace, make: impl FnOnce(&Workspace, Waker) -> Box<S> + Send + 'static) -> Worker<S> {
        let (tx, rx) = mpsc::channel::<Msg<S>>();
        let wake = tx.clone();
        let waker: Waker = Box::new(move || {
            let _ = wake.send(Msg::Wake);
        });
        let thread = std::thread::Builder::new()
            .name("parindex-disk".into())
            .spawn(move || {
                let mut store = make(&ws, waker);
                let mut idle: Option<Idle<S>> = None;
                let mut wait: Option<Duration> = None;
                loop {
                    let msg = match wait {
                        Some(d) => match rx.recv_timeout(d) {
                            Ok(m) => Some(m),
                            Err(mpsc::RecvTimeoutError::Timeout) => None,
                            Err(mpsc::RecvTimeoutError::Disconnected) => break,
                        },
                        None => match rx.recv() {
                            Ok(m) => Some(m),
                            Err(_) => break,
                        },
                    };
                    match msg {
                        Some(Msg::Job(job)) => job(&mut store, &ws),
                        Some(Msg::Idle(i)) => idle = i,
                        Some(Msg::Stop) => break,
                        Some(Msg::Wake) | None => {}
                    }
                    wait = idle.as_mut().map(|f| f(&mut store, &ws));
                }
            })
            .ok();
        Worker { tx: Some(tx), thread }
    }

    /// Runs a job on the worker and waits for its answer. `None`: the worker is gone (it
    /// could not start, or a job panicked).
    pub fn try_call<R: Send + 'static>(&self, f: impl FnOnce(&mut S, &Workspace) -> R + Send + 'static) -> Option<R> {
        let (tx, rx) = mpsc::sync_channel(1);
        self.post(move |s, ws| {
            let _ = tx.send(f(s, ws));
        });
        rx.recv().ok()
    }

    /// [`Worker::try_call`] for a worker known to run: it runs for the session's whole life,
    /// and a job that panics is a bug (the panic is re-raised here, where the terminal is
    /// restored).
    pub fn call<R: Send + 'static>(&self, f: impl FnOnce(&mut S, &Workspace) -> R + Send + 'static) -> R {
        match self.try_call(f) {
            Some(r) => r,
            None => panic!("the dashboard's disk worker ended"),
        }
    }

    /// Sends a job without waiting for it.
    pub fn post(&self, f: impl FnOnce(&mut S, &Workspace) + Send + 'static) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Msg::Job(Box::new(f)));
        }
    }

    /// A way to post jobs to the worker from another thread.
    pub fn poster(&self) -> Poster<S> {
        Poster { tx: self.tx.clone() }
    }

    /// Sets (or clears) what the worker does between jobs.
    pub fn set_idle(&self, idle: Option<Idle<S>>) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Msg::Idle(idle));
        }
    }
}

/// Posts jobs to a [`Worker`] from any thread ([`Worker::poster`]); cloneable.
pub struct Poster<S: ?Sized + Send + 'static> {
    tx: Option<mpsc::Sender<Msg<S>>>,
}

impl<S: ?Sized + Send + 'static> Clone for Poster<S> {
    fn clone(&self) -> Self {
        Poster { tx: self.tx.clone() }
    }
}

impl<S: ?Sized + Send + 'static> Poster<S> {
    /// Sends a job without waiting for it. `false`: the worker is gone (the session ended), and
    /// the job was dropped unrun.
    pub fn post(&self, f: impl FnOnce(&mut S, &Workspace) + Send + 'static) -> bool {
        self.tx.as_ref().is_some_and(|tx| tx.send(Msg::Job(Box::new(f))).is_ok())
    }
}

impl<S: ?Sized + Send + 'static> Drop for Worker<S> {
    fn drop(&mut self) {
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(Msg::Stop);
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
