//! A real pseudo-terminal for testing interactive paths (`exec -it`, `attach -it`): the
//! child gets the pty's slave side as stdin/stdout/stderr and as its controlling terminal;
//! the test writes keystrokes to the master, reads the screen bytes, resizes the window
//! (TIOCSWINSZ + SIGWINCH) and checks the terminal modes the child leaves behind.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process running on its own pseudo-terminal.
pub struct Pty {
    master: File,
    child: Child,
    /// Everything read from the terminal so far.
    pub screen: String,
}

fn winsize(rows: u16, cols: u16) -> libc::winsize {
    libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    }
}

impl Pty {
    /// Start `cmd` on a new `rows`×`cols` terminal.
    pub fn spawn(mut cmd: Command, rows: u16, cols: u16) -> Pty {
        let (mut master, mut slave) = (0, 0);
        let ws = winsize(rows, cols);
        // SAFETY: openpty writes two fds into the given ints; the other pointers may be null
        // or point at valid structs.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &ws,
            )
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both fds were just created by openpty and are owned here.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let stdio = |fd: &OwnedFd| Stdio::from(fd.try_clone().expect("dup pty"));
        cmd.stdin(stdio(&slave))
            .stdout(stdio(&slave))
            .stderr(stdio(&slave));
        // SAFETY: only async-signal-safe calls (setsid, ioctl) between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn on pty");
        drop(slave);
        let master = File::from(master);
        // SAFETY: fcntl on an fd we own.
        unsafe {
            let fl = libc::fcntl(master.as_raw_fd(), libc::F_GETFL);
            libc::fcntl(master.as_raw_fd(), libc::F_SETFL, fl | libc::O_NONBLOCK);
        }
        Pty {
            master,
            child,
            screen: String::new(),
        }
    }

    /// The child's pid.
    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// Type `keys`.
    pub fn send(&mut self, keys: &str) {
        self.master.write_all(keys.as_bytes()).expect("write pty");
    }

    fn pump(&mut self, wait: Duration) -> bool {
        let mut pfd = libc::pollfd {
            fd: self.master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        let n = unsafe { libc::poll(&mut pfd, 1, wait.as_millis() as i32) };
        if n <= 0 {
            return true;
        }
        let mut buf = [0u8; 4096];
        match self.master.read(&mut buf) {
            Ok(0) => false,
            Ok(n) => {
                self.screen.push_str(&String::from_utf8_lossy(&buf[..n]));
                true
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => true,
            // EIO: the child side closed.
            Err(_) => false,
        }
    }

    /// Read until the screen (from `from` on) contains `needle`; panics after 20 s.
    #[track_caller]
    pub fn expect(&mut self, from: usize, needle: &str) -> usize {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(i) = self.screen[from.min(self.screen.len())..].find(needle) {
                return from + i + needle.len();
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?}; screen: {:?}",
                self.screen
            );
            if !self.pump(Duration::from_millis(100)) {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }

    /// Resize the window and tell the child (SIGWINCH), as a terminal emulator does.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        let ws = winsize(rows, cols);
        // SAFETY: TIOCSWINSZ with a valid winsize on our master fd; kill on our child.
        unsafe {
            libc::ioctl(self.master.as_raw_fd(), libc::TIOCSWINSZ, &ws);
            libc::kill(self.pid(), libc::SIGWINCH);
        }
    }

    /// Send a signal to the child.
    pub fn signal(&self, sig: i32) {
        // SAFETY: kill on our own child.
        unsafe {
            libc::kill(self.pid(), sig);
        }
    }

    /// Wait for the child to exit (reading what it prints meanwhile) and return its code.
    pub fn wait(&mut self) -> i32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump(Duration::from_millis(50));
            if let Some(st) = self.child.try_wait().expect("wait") {
                while self.pump(Duration::from_millis(50)) && self.screen_grew() {}
                return st.code().unwrap_or(-1);
            }
            assert!(
                Instant::now() < deadline,
                "child did not exit: {:?}",
                self.screen
            );
        }
    }

    fn screen_grew(&mut self) -> bool {
        let before = self.screen.len();
        self.pump(Duration::from_millis(50));
        self.screen.len() > before
    }

    /// The terminal's local modes (`c_lflag`: ECHO, ICANON, ISIG...) as the child left them.
    pub fn local_modes(&self) -> libc::tcflag_t {
        // SAFETY: tcgetattr fills a termios we own, on our master fd (Linux reports the
        // slave's settings through the master).
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            libc::tcgetattr(self.master.as_raw_fd(), &mut t);
            t.c_lflag
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
