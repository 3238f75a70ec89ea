//! Readings from /proc: CPU shares of the harness, the server and mariadbd over a measured
//! window, the server's RSS, and facts about the machine.

use crate::db::mysql_questions;
use crate::load::Timing;
use std::time::{Duration, Instant};

/// Linux reports process CPU time in ticks of 1/100 s.
const USER_HZ: f64 = 100.0;

pub(crate) fn proc_status_kib(pid: u32, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    text.lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// User + system CPU ticks of a process (all threads).
fn proc_ticks(pid: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &text[text.rfind(')')? + 1..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// (busy, total) jiffies of the whole machine.
fn machine_ticks() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/stat").ok()?;
    let line = text.lines().next()?;
    let v: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    let total: u64 = v.iter().take(8).sum();
    let idle = v.get(3).copied().unwrap_or(0) + v.get(4).copied().unwrap_or(0);
    Some((total - idle, total))
}

pub(crate) fn find_process(names: &[&str]) -> Option<u32> {
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if let Ok(comm) = std::fs::read_to_string(format!("/proc/{pid}/comm"))
            && names.contains(&comm.trim())
        {
            return Some(pid);
        }
    }
    None
}

pub(crate) fn cores() -> f64 {
    std::thread::available_parallelism().map_or(1, |n| n.get()) as f64
}

/// CPU shares over one measured window, each as a fraction of the whole machine.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CpuShares {
    pub(crate) harness: f64,
    pub(crate) server: f64,
    pub(crate) db: f64,
    pub(crate) machine: f64,
}

/// What a watch over one window saw: CPU shares, the server's peak RSS (KiB), and MariaDB's
/// statements in the window.
pub(crate) type Watched = (CpuShares, Option<u64>, Option<u64>);

/// One reading: when, harness/server/DB ticks, machine (busy, total).
type CpuSample = (Instant, u64, u64, u64, (u64, u64));

struct CpuProbe {
    server: Option<u32>,
    db: Option<u32>,
    start: Option<CpuSample>,
}

impl CpuProbe {
    fn new(server: Option<u32>, db: Option<u32>) -> Self {
        CpuProbe {
            server,
            db,
            start: None,
        }
    }
    fn read(&self) -> (u64, u64, u64, (u64, u64)) {
        let t = |p: Option<u32>| p.and_then(|p| proc_ticks(&p.to_string())).unwrap_or(0);
        (
            proc_ticks("self").unwrap_or(0),
            t(self.server),
            t(self.db),
            machine_ticks().unwrap_or((0, 1)),
        )
    }
    fn begin(&mut self) {
        let (h, s, d, m) = self.read();
        self.start = Some((Instant::now(), h, s, d, m));
    }
    fn end(&self) -> CpuShares {
        let Some((t0, h0, s0, d0, m0)) = self.start else {
            return CpuShares::default();
        };
        let (h, s, d, m) = self.read();
        let capacity = t0.elapsed().as_secs_f64() * cores();
        let share = |a: u64, b: u64| (b.saturating_sub(a)) as f64 / USER_HZ / capacity;
        let busy = (m.0.saturating_sub(m0.0)) as f64 / (m.1.saturating_sub(m0.1)).max(1) as f64;
        CpuShares {
            harness: share(h0, h),
            server: share(s0, s),
            db: share(d0, d),
            machine: busy,
        }
    }
}

/// Watches the window: CPU shares, peak RSS of the server, statements on MariaDB.
pub(crate) struct Watch {
    probe: CpuProbe,
    server: Option<u32>,
    questions: Option<(String, u64)>,
}

impl Watch {
    pub(crate) fn run(
        server: Option<u32>,
        db: Option<u32>,
        mysql_server: Option<&str>,
        timing: &Timing,
    ) -> Watched {
        let mut w = Watch {
            probe: CpuProbe::new(server, db),
            server,
            questions: None,
        };
        sleep_until(timing.start);
        w.probe.begin();
        if let Some(s) = mysql_server {
            w.questions = mysql_questions(s).map(|q| (s.to_owned(), q));
        }
        let mut rss_peak: Option<u64> = None;
        while Instant::now() < timing.end {
            if let Some(pid) = w.server
                && let Some(rss) = proc_status_kib(pid, "VmRSS:")
            {
                rss_peak = Some(rss_peak.map_or(rss, |p| p.max(rss)));
            }
            std::thread::sleep(
                Duration::from_millis(100)
                    .min(timing.end.saturating_duration_since(Instant::now())),
            );
        }
        let cpu = w.probe.end();
        let statements = w
            .questions
            .and_then(|(s, q0)| mysql_questions(&s).map(|q1| q1.saturating_sub(q0 + 1)));
        (cpu, rss_peak, statements)
    }
}

/// What the runs of one backend watch: the server, mariadbd, and MariaDB's `Questions`.
pub(crate) struct Watcher {
    pub(crate) server: Option<u32>,
    pub(crate) db: Option<u32>,
    pub(crate) mysql_server: Option<String>,
}

impl Watcher {
    pub(crate) fn watch(&self, timing: &Timing) -> Watched {
        Watch::run(self.server, self.db, self.mysql_server.as_deref(), timing)
    }
}

pub(crate) fn sleep_until(t: Instant) {
    let now = Instant::now();
    if t > now {
        std::thread::sleep(t - now);
    }
}

/// The machine's memory (KiB).
pub(crate) fn proc_status_kib_meminfo() -> Option<u64> {
    let t = std::fs::read_to_string("/proc/meminfo").ok()?;
    t.lines()
        .find(|l| l.starts_with("MemTotal:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
