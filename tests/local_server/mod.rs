//! A tiny HTTP/1.1 server on 127.0.0.1 for the fetch tests: fixed routes, one thread, served
//! only while the test holds it. Nothing leaves this machine.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// What a route answers.
#[derive(Clone)]
pub enum Reply {
    /// Status, content type, body.
    Body(u16, &'static str, Vec<u8>),
    /// A redirect to another path.
    Redirect(u16, String),
    /// Says it will send this many bytes, sends a little, then waits.
    #[allow(
        dead_code,
        reason = "each test binary uses a different part of the local server"
    )]
    Stall { announced: u64 },
}

/// The server; dropped, it stops.
pub struct LocalServer {
    pub base: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl LocalServer {
    /// Serves `routes` (path → reply); other paths answer 404.
    pub fn start(routes: Vec<(&'static str, Reply)>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let base = format!("http://{}", listener.local_addr().expect("local address"));
        listener.set_nonblocking(true).expect("nonblocking");
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            // Bounded: a test's server lives a few seconds at most.
            for _ in 0..6000 {
                if stop_flag.load(Ordering::Relaxed) {
                    return;
                }
                match listener.accept() {
                    Ok((stream, _)) => {
                        let routes = routes.clone();
                        std::thread::spawn(move || serve(stream, &routes));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        Self {
            base,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(mut stream: TcpStream, routes: &[(&'static str, Reply)]) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Ok(clone) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(clone);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    let reply = routes.iter().find(|(p, _)| *p == path).map_or(
        Reply::Body(404, "text/html", b"<h1>Not found</h1>".to_vec()),
        |(_, r)| r.clone(),
    );
    let _ = match reply {
        Reply::Body(status, content_type, body) => {
            let head = format!(
                "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                reason(status),
                body.len()
            );
            stream
                .write_all(head.as_bytes())
                .and_then(|()| stream.write_all(&body))
        }
        Reply::Redirect(status, to) => {
            let head = format!(
                "HTTP/1.1 {status} {}\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                reason(status)
            );
            stream.write_all(head.as_bytes())
        }
        Reply::Stall { announced } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {announced}\r\nConnection: close\r\n\r\n<html>"
            );
            let sent = stream.write_all(head.as_bytes());
            std::thread::sleep(Duration::from_secs(3));
            sent
        }
    };
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
