//! Port forwarding (client-go's `portforward` package): local listeners as kubectl opens
//! them, and the connections they accept carried to the pod.
//!
//! As kubectl 1.33 does, one upgraded connection per pod carries every forwarded connection
//! ([`super::tunnel`]: SPDY/3.1 streams inside a WebSocket), so a new local connection costs
//! two frames, not a TLS handshake and an upgrade. An apiserver without the tunnel gets a
//! `portforward?ports=REMOTE` WebSocket per connection instead (`v4.channel.k8s.io`: data on
//! channel 0, errors on channel 1, each opened by the port number in two little-endian
//! bytes).
//!
//! Each connection has its own streams (and task), so a failing connection never disturbs
//! the others, and it goes to the pod the [`Target`] names at that moment: `--reconnect`
//! re-points the target at a new pod (and so a new tunnel) while the listeners stay up. A
//! connection that reached the old pod just before it went and got no byte back from it is
//! not lost either: what its client sent so far (up to [`REPLAY_LIMIT`]) is replayed onto
//! a stream to the new pod, and the connection carries on there.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use k8s_openapi::api::core::v1::Pod;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use super::channel::{Channels, Frame};
use super::pod;
use super::tunnel::{self, Opened, Pair, Session};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::resource::discovery::encode_segment;

/// One `[LOCAL:]REMOTE` pair, after named ports were resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forward {
    /// Local port (0: pick one).
    pub local: u16,
    /// Port in the pod.
    pub remote: u16,
}

/// kubectl's `splitPort`: `L:R` → (L, R); anything else → (first part, first part).
pub fn split_port(spec: &str) -> (&str, &str) {
    let parts: Vec<&str> = spec.split(':').collect();
    if parts.len() == 2 {
        (parts[0], parts[1])
    } else {
        (parts[0], parts[0])
    }
}

/// client-go's `parsePorts`, with its error texts.
pub fn parse_ports(specs: &[String]) -> Result<Vec<Forward>> {
    let mut out = Vec::new();
    for spec in specs {
        let parts: Vec<&str> = spec.split(':').collect();
        let (local, remote) = match parts.as_slice() {
            [p] => (*p, *p),
            [l, r] => (if l.is_empty() { "0" } else { l }, *r),
            _ => return Err(Error::msg(format!("invalid port format '{spec}'"))),
        };
        let local = parse_u16(local)
            .map_err(|why| Error::msg(format!("error parsing local port '{local}': {why}")))?;
        let remote = parse_u16(remote)
            .map_err(|why| Error::msg(format!("error parsing remote port '{remote}': {why}")))?;
        if remote == 0 {
            return Err(Error::msg("remote port must be > 0"));
        }
        out.push(Forward { local, remote });
    }
    Ok(out)
}

/// `strconv.ParseUint(s, 10, 16)`'s error text.
fn parse_u16(s: &str) -> std::result::Result<u16, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.ParseUint: parsing {s:?}: invalid syntax"));
    }
    s.parse::<u16>()
        .map_err(|_| format!("strconv.ParseUint: parsing {s:?}: value out of range"))
}

/// Go's `%v` of the forwards: `[{8080 80} {0 443}]`.
pub fn describe(forwards: &[Forward]) -> String {
    let items: Vec<String> = forwards
        .iter()
        .map(|f| format!("{{{} {}}}", f.local, f.remote))
        .collect();
    format!("[{}]", items.join(" "))
}

/// One address to listen on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listen {
    /// The IP.
    pub ip: IpAddr,
    /// From `localhost`: the port counts as opened if either loopback address worked.
    pub either: bool,
}

/// client-go's `parseAddresses`: `localhost` is 127.0.0.1 and ::1; IPs as given; sorted
/// by their text, duplicates dropped.
pub fn parse_addresses(list: &[String]) -> Result<Vec<Listen>> {
    let mut out: Vec<(String, Listen)> = Vec::new();
    let mut add = |text: String, l: Listen| {
        if !out.iter().any(|(t, _)| *t == text) {
            out.push((text, l));
        }
    };
    for a in list {
        if a == "localhost" {
            for ip in [
                IpAddr::V4(Ipv4Addr::LOCALHOST),
                IpAddr::V6(Ipv6Addr::LOCALHOST),
            ] {
                add(ip.to_string(), Listen { ip, either: true });
            }
        } else if let Ok(ip) = a.parse::<IpAddr>() {
            add(ip.to_string(), Listen { ip, either: false });
        } else {
            return Err(Error::msg(format!("{a} is not a valid IP")));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out.into_iter().map(|(_, l)| l).collect())
}

/// Where connections go right now: a pod and, per forward, its port there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The pod's namespace.
    pub namespace: String,
    /// The pod.
    pub pod: String,
    /// The pod's UID: a pod of the same name made later is another pod.
    pub uid: Option<String>,
    /// Remote ports, in the order of the forwards.
    pub ports: Vec<u16>,
    /// Bumped at every switch to a new pod (which may have the old one's name): a tunnel
    /// serves one generation.
    pub generation: u64,
}

/// The endpoint new connections use; `None` while there is none (a reconnect in progress).
pub type Target = watch::Receiver<Option<Endpoint>>;

/// Go's text for a failed `net.Listen`.
fn listen_error(ip: IpAddr, port: u16, e: &std::io::Error) -> String {
    let net = if ip.is_ipv4() { "tcp4" } else { "tcp6" };
    let text = e.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text);
    let mut chars = text.chars();
    let lower = match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    };
    format!(
        "unable to create listener: Error listen {net} {}: bind: {lower}",
        SocketAddr::new(ip, port)
    )
}

/// Open the listeners (printing kubectl's `Forwarding from` lines and failures); the local
/// port of a `:REMOTE` forward is the one the first listener got.
pub async fn listen(
    ctx: &Ctx,
    forwards: &mut [Forward],
    addresses: &[Listen],
) -> Result<Vec<(TcpListener, usize)>> {
    let mut listeners = Vec::new();
    let mut any = false;
    for (i, f) in forwards.iter_mut().enumerate() {
        let mut errors = Vec::new();
        let (mut either_ok, mut either_failed, mut must_failed) = (0, 0, 0);
        for a in addresses {
            match TcpListener::bind(SocketAddr::new(a.ip, f.local)).await {
                Ok(l) => {
                    let port = l.local_addr()?.port();
                    f.local = port;
                    ctx.ui().print(&format!(
                        "Forwarding from {} -> {}\n",
                        SocketAddr::new(a.ip, port),
                        f.remote
                    ))?;
                    ctx.ui().flush()?;
                    listeners.push((l, i));
                    if a.either {
                        either_ok += 1;
                    }
                }
                Err(e) => {
                    errors.push(listen_error(a.ip, f.local, &e));
                    if a.either {
                        either_failed += 1;
                    } else {
                        must_failed += 1;
                    }
                }
            }
        }
        if (either_ok == 0 && either_failed > 0) || must_failed > 0 {
            ctx.ui().eprint(&format!(
                "Unable to listen on port {}: Listeners failed to create with the following errors: [{}]\n",
                f.local,
                errors.join(" ")
            ))?;
        } else {
            any = true;
        }
    }
    if !any {
        return Err(Error::msg(format!(
            "unable to listen on any of the requested ports: {}",
            describe(forwards)
        )));
    }
    Ok(listeners)
}

/// Why [`serve`] returned.
#[derive(Debug)]
pub enum Ended {
    /// The target went away for good (kubectl: `lost connection to pod`).
    Lost,
}

/// Accept connections on `listeners` and forward each to the current endpoint of `target`,
/// until the target is gone (`Ended::Lost`). With `retry` (`--reconnect`), a connection
/// whose pod went away before answering — the upgrade or its streams failed, or they ended
/// without a byte back — waits for the next endpoint and is replayed there instead of
/// failing.
pub async fn serve(
    ctx: &Ctx,
    listeners: Vec<(TcpListener, usize)>,
    forwards: &[Forward],
    mut target: Target,
    wait: Duration,
    retry: bool,
) -> Result<Ended> {
    let client = ctx.client().await?;
    let tunnels = Tunnels::default();
    let mut accepts: FuturesUnordered<_> = listeners.iter().map(|(l, i)| accept(l, *i)).collect();
    // Each connection in its own task: they pump in parallel, and the loop below never
    // waits on one.
    let mut conns = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            Some((res, which)) = accepts.next() => {
                let listener = &listeners.iter().find(|(_, i)| *i == which).expect("listener").0;
                accepts.push(accept(listener, which));
                let Ok(sock) = res else { continue };
                let f = forwards[which];
                ctx.ui().print(&format!("Handling connection for {}\n", f.local))?;
                ctx.ui().flush()?;
                let t = target.clone();
                let (client, tunnels) = (client.clone(), tunnels.clone());
                conns.spawn(handle(client, tunnels, sock, f, which, t, wait, retry));
            }
            Some(r) = conns.join_next() => {
                if let Ok(Err(msg)) = r {
                    ctx.ui().eprint(&format!("error: {msg}\n"))?;
                }
            }
            changed = target.changed() => {
                if changed.is_err() {
                    return Ok(Ended::Lost);
                }
                // The old pod is going: no new stream goes through its tunnel, which closes
                // once its last connection ends.
                let now = target.borrow().clone();
                tunnels.keep_only(now.as_ref()).await;
            }
        }
    }
}

async fn accept(l: &TcpListener, which: usize) -> (std::io::Result<TcpStream>, usize) {
    (l.accept().await.map(|(s, _)| s), which)
}

/// The tunnel to the current pod, shared by its connections (opened by the first one).
#[derive(Clone, Default)]
struct Tunnels(std::sync::Arc<tokio::sync::Mutex<TunnelState>>);

#[derive(Default)]
enum TunnelState {
    #[default]
    None,
    /// The tunnel and the pod ([`key`]) it goes to.
    Up(String, std::sync::Arc<Session>),
    /// The apiserver has no tunnel: a WebSocket per connection.
    Unsupported,
}

/// Which pod generation a tunnel serves.
fn key(ep: &Endpoint) -> String {
    format!("{}/{}#{}", ep.namespace, ep.pod, ep.generation)
}

impl Tunnels {
    /// The live tunnel to `ep`'s pod, opened if needed; `None` when the server has none.
    async fn get(
        &self,
        client: &kube::Client,
        ep: &Endpoint,
    ) -> std::result::Result<Option<std::sync::Arc<Session>>, String> {
        let key = key(ep);
        let mut state = self.0.lock().await;
        match &*state {
            TunnelState::Up(k, s) if *k == key && s.is_alive() => return Ok(Some(s.clone())),
            TunnelState::Unsupported => return Ok(None),
            _ => {}
        }
        let path = format!(
            "/api/v1/namespaces/{}/pods/{}/portforward",
            encode_segment(&ep.namespace),
            encode_segment(&ep.pod)
        );
        match tunnel::open(client, &path).await? {
            Opened::Session(s) => {
                *state = TunnelState::Up(key, s.clone());
                Ok(Some(s))
            }
            Opened::Unsupported => {
                *state = TunnelState::Unsupported;
                Ok(None)
            }
        }
    }

    /// Forget a tunnel that does not go to `ep`'s pod (connections using it keep it).
    async fn keep_only(&self, ep: Option<&Endpoint>) {
        let mut state = self.0.lock().await;
        if let TunnelState::Up(k, _) = &*state
            && ep.is_none_or(|ep| *k != key(ep))
        {
            *state = TunnelState::None;
        }
    }
}

/// A forwarded connection's way to the pod.
enum Way {
    Tunnel(std::sync::Arc<Session>, Pair),
    Channels(Channels),
}

/// At most this much of what a local client sent before its pod answered is kept for a
/// replay; a connection that sent more fails with its pod as kubectl's would.
const REPLAY_LIMIT: usize = 1 << 20;

/// What a connection's local client sent while the pod had not answered yet: with
/// `--reconnect`, the bytes to send again to the next pod when this one went away without
/// a word.
#[derive(Default)]
struct Replay {
    bytes: Vec<u8>,
    /// The client ended its side.
    eof: bool,
    /// The pod answered, or the client sent more than [`REPLAY_LIMIT`]: no replay.
    spent: bool,
}

impl Replay {
    /// The client sent `b`.
    fn sent(&mut self, b: &[u8]) {
        if self.spent {
            return;
        }
        if self.bytes.len() + b.len() > REPLAY_LIMIT {
            self.spend();
        } else {
            self.bytes.extend_from_slice(b);
        }
    }

    /// The pod answered (or the bytes are too many to keep).
    fn spend(&mut self) {
        self.spent = true;
        self.bytes = Vec::new();
    }
}

/// How a connection's streams ended.
enum Outcome {
    /// The pod answered: the connection is over (`Err`: the server's message for it).
    Over(std::result::Result<(), String>),
    /// The streams ended or failed before a byte came back (`Some`: the server's message).
    Unanswered(Option<String>),
}

/// One accepted connection: find where it goes, open its streams, pump bytes; with `retry`,
/// again on the next pod while nothing came back from a pod that went away.
#[allow(clippy::too_many_arguments)]
async fn handle(
    client: kube::Client,
    tunnels: Tunnels,
    sock: TcpStream,
    f: Forward,
    which: usize,
    mut t: Target,
    wait: Duration,
    retry: bool,
) -> std::result::Result<(), String> {
    let (mut rd, mut wr) = sock.into_split();
    let mut replay = Replay::default();
    // The generation that failed this connection, and how.
    let mut failed_on: Option<(u64, String)> = None;
    let result = loop {
        let after = failed_on.as_ref().map(|(g, _)| *g);
        let Some(ep) = endpoint(&mut t, after, wait).await else {
            let why = failed_on.map_or_else(|| "no running pod to forward to".to_string(), |f| f.1);
            break Err(failed(f.local, f.remote, &why));
        };
        let remote = ep.ports.get(which).copied().unwrap_or(f.remote);
        let way = match tunnels.get(&client, &ep).await {
            Ok(Some(session)) => session
                .forward(remote)
                .await
                .map(|pair| Way::Tunnel(session, pair)),
            Ok(None) => open(&client, &ep, remote).await.map(Way::Channels),
            Err(why) => Err(why),
        };
        let outcome = match way {
            Ok(Way::Tunnel(session, pair)) => {
                pump_tunnel(&session, pair, &mut rd, &mut wr, &mut replay).await
            }
            Ok(Way::Channels(ch)) => pump(ch, &mut rd, &mut wr, &mut replay, remote).await,
            Err(why) => Outcome::Unanswered(Some(why)),
        };
        match outcome {
            Outcome::Over(r) => break r.map_err(|why| failed(f.local, remote, &why)),
            Outcome::Unanswered(why) if retry && !replay.spent && gone(&client, &t, &ep).await => {
                // The pod went away without a word: the next one gets the same bytes.
                let why = why.unwrap_or_else(|| "lost connection to pod".to_string());
                failed_on = Some((ep.generation, why));
            }
            Outcome::Unanswered(None) => break Ok(()),
            Outcome::Unanswered(Some(why)) => break Err(failed(f.local, remote, &why)),
        }
    };
    let _ = wr.shutdown().await;
    result
}

fn failed(local: u16, remote: u16, why: &str) -> String {
    format!("an error occurred forwarding {local} -> {remote}: {why}")
}

/// The endpoint to use now (one after generation `after`, if given), waiting up to `wait`
/// for one during a reconnect.
async fn endpoint(t: &mut Target, after: Option<u64>, wait: Duration) -> Option<Endpoint> {
    let usable = |ep: &Option<Endpoint>| {
        ep.as_ref()
            .filter(|ep| after.is_none_or(|g| ep.generation > g))
            .cloned()
    };
    if let Some(ep) = usable(&t.borrow_and_update()) {
        return Some(ep);
    }
    tokio::time::timeout(wait, async {
        while t.changed().await.is_ok() {
            if let Some(ep) = usable(&t.borrow_and_update()) {
                return Some(ep);
            }
        }
        None
    })
    .await
    .ok()
    .flatten()
}

/// Whether `ep`'s pod went away: kk has moved on from it, or (before the pod's watch tells)
/// the apiserver shows it deleted, being deleted, replaced or no longer running.
async fn gone(client: &kube::Client, t: &Target, ep: &Endpoint) -> bool {
    if t.borrow()
        .as_ref()
        .is_none_or(|now| now.generation != ep.generation)
    {
        return true;
    }
    let api: kube::Api<Pod> = kube::Api::namespaced(client.clone(), &ep.namespace);
    match api.get_opt(&ep.pod).await {
        Ok(Some(p)) => !pod::serving(&p) || p.metadata.uid != ep.uid,
        Ok(None) => true,
        // Unknown: the connection fails as it would have.
        Err(_) => false,
    }
}

/// Upgrade `portforward?ports=REMOTE` on the endpoint's pod.
async fn open(
    client: &kube::Client,
    ep: &Endpoint,
    remote: u16,
) -> std::result::Result<Channels, String> {
    let path = format!(
        "/api/v1/namespaces/{}/pods/{}/portforward?ports={remote}",
        encode_segment(&ep.namespace),
        encode_segment(&ep.pod)
    );
    match Channels::connect(client, &path).await {
        Ok(ch) => Ok(ch),
        Err(kube::Error::Api(s)) => Err(s.message),
        Err(e) => Err(e.to_string()),
    }
}

/// Copy bytes both ways over a `portforward?ports=` WebSocket until either side ends,
/// first sending what `replay` holds.
async fn pump(
    mut ch: Channels,
    rd: &mut OwnedReadHalf,
    wr: &mut OwnedWriteHalf,
    replay: &mut Replay,
    remote: u16,
) -> Outcome {
    let mut buf = vec![0u8; 32 * 1024];
    let mut opened = [false, false];
    let mut local_open = !replay.eof;
    let mut error = Vec::new();
    let mut lost = !replay.bytes.is_empty() && ch.send(0, &replay.bytes).await.is_err();
    while !lost && error.is_empty() {
        tokio::select! {
            n = rd.read(&mut buf), if local_open => match n {
                Ok(0) | Err(_) => {
                    local_open = false;
                    replay.eof = true;
                }
                Ok(n) => {
                    replay.sent(&buf[..n]);
                    lost = ch.send(0, &buf[..n]).await.is_err();
                }
            },
            frame = ch.recv() => match frame {
                Ok(Frame::Data(c @ (0 | 1), b)) if !opened[c as usize] => {
                    // Each channel opens with the port number (2 bytes, little-endian).
                    opened[c as usize] = true;
                    if b.len() != 2 || u16::from_le_bytes([b[0], b[1]]) != remote {
                        error.extend_from_slice(b"unexpected port announcement");
                    }
                }
                Ok(Frame::Data(0, b)) => {
                    replay.spend();
                    if wr.write_all(&b).await.is_err() {
                        break;
                    }
                }
                Ok(Frame::Data(1, b)) => error.extend_from_slice(&b),
                Ok(Frame::Data(..)) => {}
                Ok(Frame::Closed) | Err(_) => break,
            },
        }
    }
    ch.close().await;
    outcome(replay, error)
}

/// What the end of a connection's streams means, from the server's message and whether
/// the pod answered.
fn outcome(replay: &Replay, error: Vec<u8>) -> Outcome {
    let error = (!error.is_empty()).then(|| String::from_utf8_lossy(&error).into_owned());
    if replay.spent {
        Outcome::Over(error.map_or(Ok(()), Err))
    } else {
        Outcome::Unanswered(error)
    }
}

/// [`pump`] over a tunnel's stream pair: until the pod's side ends, then whatever the
/// server said on the error stream.
async fn pump_tunnel(
    session: &Session,
    mut pair: Pair,
    rd: &mut OwnedReadHalf,
    wr: &mut OwnedWriteHalf,
    replay: &mut Replay,
) -> Outcome {
    let mut buf = vec![0u8; 32 * 1024];
    let mut local_open = !replay.eof;
    let mut error = Vec::new();
    let mut error_open = true;
    let mut remote_done = false;
    let mut lost = (!replay.bytes.is_empty()
        && session
            .send(pair.stream, &replay.bytes, false)
            .await
            .is_err())
        || (replay.eof && session.send(pair.stream, &[], true).await.is_err());
    while !lost {
        tokio::select! {
            n = rd.read(&mut buf), if local_open => match n {
                Ok(0) | Err(_) => {
                    local_open = false;
                    replay.eof = true;
                    lost = session.send(pair.stream, &[], true).await.is_err();
                }
                Ok(n) => {
                    replay.sent(&buf[..n]);
                    lost = session.send(pair.stream, &buf[..n], false).await.is_err();
                }
            },
            data = pair.data.recv() => match data {
                Some(b) => {
                    replay.spend();
                    if wr.write_all(&b).await.is_err() {
                        break;
                    }
                }
                None => {
                    remote_done = true;
                    break;
                }
            },
            e = pair.error.recv(), if error_open => match e {
                Some(b) => error.extend_from_slice(&b),
                None => error_open = false,
            },
        }
    }
    if remote_done {
        // The server's word on the connection, if it has one (it ends the error stream
        // right after the data stream).
        let rest = async {
            while let Some(b) = pair.error.recv().await {
                error.extend_from_slice(&b);
            }
        };
        let _ = tokio::time::timeout(Duration::from_secs(1), rest).await;
        // The server holds the pod connection until kk's half is closed too (client-go
        // resets the stream here).
        session.release(pair.stream).await;
    } else {
        session.reset(pair.stream).await;
    }
    outcome(replay, error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ports(v: &[&str]) -> Result<Vec<Forward>> {
        parse_ports(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn port_specs() {
        assert_eq!(
            ports(&["8080", "9000:90", ":443", "0:5"]).unwrap(),
            [
                Forward {
                    local: 8080,
                    remote: 8080
                },
                Forward {
                    local: 9000,
                    remote: 90
                },
                Forward {
                    local: 0,
                    remote: 443
                },
                Forward {
                    local: 0,
                    remote: 5
                },
            ]
        );
        let err = |v: &[&str]| ports(v).unwrap_err().render().unwrap();
        assert_eq!(err(&["1:2:3"]), "error: invalid port format '1:2:3'\n");
        assert_eq!(
            err(&["70000"]),
            "error: error parsing local port '70000': strconv.ParseUint: parsing \"70000\": value out of range\n"
        );
        assert_eq!(
            err(&["80:x"]),
            "error: error parsing remote port 'x': strconv.ParseUint: parsing \"x\": invalid syntax\n"
        );
        assert_eq!(err(&["0"]), "error: remote port must be > 0\n");
        assert_eq!(split_port("1:2:3"), ("1", "1"));
        assert_eq!(
            describe(&ports(&["8080:80", ":1"]).unwrap()),
            "[{8080 80} {0 1}]"
        );
    }

    #[test]
    fn addresses() {
        let a = |v: &[&str]| parse_addresses(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let l = a(&["localhost", "127.0.0.1"]).unwrap();
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].ip.to_string(), "127.0.0.1");
        assert!(l[0].either && l[1].either);
        assert_eq!(
            a(&["bogus"]).unwrap_err().render().unwrap(),
            "error: bogus is not a valid IP\n"
        );
    }

    #[test]
    fn listen_errors_read_like_go() {
        let e = std::io::Error::from_raw_os_error(98);
        assert_eq!(
            listen_error("::1".parse().unwrap(), 8080, &e),
            "unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use"
        );
    }
}
