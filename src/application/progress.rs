//! How far a long batch has got, for whoever started it (the web import's progress page):
//! an observer set for the duration of some work on the thread that runs it, so the layers
//! between the caller and the event store need not carry it.

use std::cell::RefCell;

/// Told the events written so far and how many there are in all.
pub type Observer = Box<dyn Fn(usize, usize)>;

thread_local! {
    static OBSERVER: RefCell<Option<Observer>> = const { RefCell::new(None) };
}

/// Runs `work` on this thread with `observer` told of the progress of any batch it writes.
pub fn observe<T>(observer: Observer, work: impl FnOnce() -> T) -> T {
    /// Puts the previous observer back however `work` ends (an error, a panic).
    struct Restore(Option<Observer>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            OBSERVER.with(|o| *o.borrow_mut() = previous);
        }
    }
    let previous = OBSERVER.with(|o| o.borrow_mut().replace(observer));
    let _restore = Restore(previous);
    work()
}

/// Tells this thread's observer, if any, that `written` of `total` events are written.
pub(crate) fn report(written: usize, total: usize) {
    OBSERVER.with(|o| {
        if let Some(observer) = o.borrow().as_ref() {
            observer(written, total);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    #[test]
    fn the_observer_hears_only_the_work_it_was_set_for() {
        let heard = Rc::new(RefCell::new(Vec::new()));
        let sink = heard.clone();
        report(1, 9);
        let answer = observe(
            Box::new(move |written, total| sink.borrow_mut().push((written, total))),
            || {
                report(5, 10);
                report(10, 10);
                42
            },
        );
        report(3, 9);
        assert_eq!(answer, 42);
        assert_eq!(*heard.borrow(), vec![(5, 10), (10, 10)]);
    }
}
