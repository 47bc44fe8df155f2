//! SPDY/3.1 framing as used by Kubernetes streaming (moby/spdystream on the client side):
//! control and data frames, and header blocks compressed with one continuous zlib stream per
//! direction seeded with the SPDY/3 dictionary.

use std::sync::OnceLock;

use bytes::Bytes;
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress};
use tokio::io::{AsyncRead, AsyncReadExt};

/// Control frame types.
pub const SYN_STREAM: u16 = 1;
pub const SYN_REPLY: u16 = 2;
pub const RST_STREAM: u16 = 3;
pub const SETTINGS: u16 = 4;
pub const PING: u16 = 6;
pub const GOAWAY: u16 = 7;
pub const HEADERS: u16 = 8;
pub const WINDOW_UPDATE: u16 = 9;

/// `FLAG_FIN` on data frames and SYN_STREAM/SYN_REPLY.
pub const FLAG_FIN: u8 = 0x01;

/// RST_STREAM status codes.
pub const PROTOCOL_ERROR: u32 = 1;
pub const CANCEL: u32 = 5;

/// Name/value pairs of a header block, names lowercase.
pub type Headers = Vec<(String, String)>;

/// A decoded frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Frame {
    SynStream {
        stream_id: u32,
        assoc_id: u32,
        priority: u8,
        flags: u8,
        headers: Headers,
    },
    SynReply {
        stream_id: u32,
        flags: u8,
        headers: Headers,
    },
    RstStream {
        stream_id: u32,
        status: u32,
    },
    Settings {
        flags: u8,
        entries: Vec<(u8, u32, u32)>,
    },
    Ping {
        id: u32,
    },
    GoAway {
        last_good_stream_id: u32,
        status: u32,
    },
    Headers {
        stream_id: u32,
        flags: u8,
        headers: Headers,
    },
    WindowUpdate {
        stream_id: u32,
        delta: u32,
    },
    Data {
        stream_id: u32,
        flags: u8,
        data: Bytes,
    },
    /// A control frame type this server does not act on (e.g. NOOP, CREDENTIAL).
    Other {
        kind: u16,
    },
}

/// The SPDY/3 header compression dictionary (draft-mbelshe-httpbis-spdy-00 §2.6.10.1):
/// length-prefixed header names and values, then a run of common value fragments.
pub fn dictionary() -> &'static [u8] {
    static DICT: OnceLock<Vec<u8>> = OnceLock::new();
    DICT.get_or_init(|| {
        const WORDS: &[&str] = &[
            "options",
            "head",
            "post",
            "put",
            "delete",
            "trace",
            "accept",
            "accept-charset",
            "accept-encoding",
            "accept-language",
            "accept-ranges",
            "age",
            "allow",
            "authorization",
            "cache-control",
            "connection",
            "content-base",
            "content-encoding",
            "content-language",
            "content-length",
            "content-location",
            "content-md5",
            "content-range",
            "content-type",
            "date",
            "etag",
            "expect",
            "expires",
            "from",
            "host",
            "if-match",
            "if-modified-since",
            "if-none-match",
            "if-range",
            "if-unmodified-since",
            "last-modified",
            "location",
            "max-forwards",
            "pragma",
            "proxy-authenticate",
            "proxy-authorization",
            "range",
            "referer",
            "retry-after",
            "server",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "user-agent",
            "vary",
            "via",
            "warning",
            "www-authenticate",
            "method",
            "get",
            "status",
            "200 OK",
            "version",
            "HTTP/1.1",
            "url",
            "public",
            "set-cookie",
            "keep-alive",
            "origin",
        ];
        const TAIL: &[&str] = &[
            "100101201202205206300302303304305306307402405406407408409410411412413414415416417",
            "502504505203 Non-Authoritative Information204 No Content301 Moved Permanently",
            "400 Bad Request401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error",
            "501 Not Implemented503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct ",
            "Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,",
            "image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,",
            "text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=",
            "iso-8859-1,utf-,*,enq=0.",
        ];
        let mut d = Vec::with_capacity(1423);
        for w in WORDS {
            d.extend_from_slice(&(w.len() as u32).to_be_bytes());
            d.extend_from_slice(w.as_bytes());
        }
        for t in TAIL {
            d.extend_from_slice(t.as_bytes());
        }
        d
    })
}

/// The compressing side of a connection's header blocks.
pub struct Compressor(Compress);

impl Default for Compressor {
    fn default() -> Self {
        Self::new()
    }
}

impl Compressor {
    pub fn new() -> Compressor {
        let mut c = Compress::new(Compression::default(), true);
        // Cannot fail before the first compress call; without it the stream would simply
        // not announce a dictionary, which readers also accept.
        let _ = c.set_dictionary(dictionary());
        Compressor(c)
    }

    /// Compresses one header block, ending with a sync flush so the peer can decode it now.
    pub fn compress(&mut self, raw: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(raw.len() + 64);
        let mut consumed = 0usize;
        loop {
            out.reserve(raw.len() + 64);
            let before = self.0.total_in();
            if self
                .0
                .compress_vec(&raw[consumed..], &mut out, FlushCompress::Sync)
                .is_err()
            {
                break;
            }
            consumed += (self.0.total_in() - before) as usize;
            if consumed >= raw.len() && out.len() < out.capacity() {
                break;
            }
        }
        out
    }
}

/// The decompressing side of a connection's header blocks.
pub struct Decompressor(Decompress);

impl Default for Decompressor {
    fn default() -> Self {
        Self::new()
    }
}

impl Decompressor {
    pub fn new() -> Decompressor {
        Decompressor(Decompress::new(true))
    }

    /// Decompresses one header block (the continuation of the connection's zlib stream).
    pub fn decompress(&mut self, block: &[u8]) -> Result<Vec<u8>, String> {
        let mut out = Vec::with_capacity(block.len() * 4 + 64);
        let mut consumed = 0usize;
        loop {
            if out.capacity() - out.len() < 256 {
                out.reserve(out.capacity().max(1024));
            }
            let (bin, bout) = (self.0.total_in(), self.0.total_out());
            match self
                .0
                .decompress_vec(&block[consumed..], &mut out, FlushDecompress::Sync)
            {
                Ok(_) => {}
                Err(e) if e.needs_dictionary().is_some() => {
                    self.0
                        .set_dictionary(dictionary())
                        .map_err(|e| e.to_string())?;
                }
                Err(e) => return Err(format!("invalid header block: {e}")),
            }
            consumed += (self.0.total_in() - bin) as usize;
            let progressed = self.0.total_in() != bin || self.0.total_out() != bout;
            if consumed >= block.len() && out.len() < out.capacity() {
                break;
            }
            if !progressed && consumed >= block.len() {
                break;
            }
            if out.len() > 1 << 20 {
                return Err("header block too large".into());
            }
        }
        Ok(out)
    }
}

/// Serialises name/value pairs (before compression).
pub fn encode_headers(headers: &Headers) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(&(headers.len() as u32).to_be_bytes());
    for (k, val) in headers {
        v.extend_from_slice(&(k.len() as u32).to_be_bytes());
        v.extend_from_slice(k.to_ascii_lowercase().as_bytes());
        v.extend_from_slice(&(val.len() as u32).to_be_bytes());
        v.extend_from_slice(val.as_bytes());
    }
    v
}

fn be32(b: &[u8], at: usize) -> Result<u32, String> {
    b.get(at..at + 4)
        .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or_else(|| "truncated frame".to_string())
}

/// Parses decompressed name/value pairs.
pub fn decode_headers(raw: &[u8]) -> Result<Headers, String> {
    let n = be32(raw, 0)? as usize;
    let mut at = 4;
    let mut out = Vec::with_capacity(n.min(64));
    let field = |at: &mut usize| -> Result<String, String> {
        let len = be32(raw, *at)? as usize;
        *at += 4;
        let s = raw.get(*at..*at + len).ok_or("truncated header block")?;
        *at += len;
        Ok(String::from_utf8_lossy(s).into_owned())
    };
    for _ in 0..n {
        let k = field(&mut at)?;
        let v = field(&mut at)?;
        out.push((k.to_ascii_lowercase(), v));
    }
    Ok(out)
}

fn control(kind: u16, flags: u8, payload: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(8 + payload.len());
    v.extend_from_slice(&(0x8000u16 | 3).to_be_bytes());
    v.extend_from_slice(&kind.to_be_bytes());
    v.push(flags);
    v.extend_from_slice(&(payload.len() as u32).to_be_bytes()[1..]);
    v.extend_from_slice(payload);
    v
}

/// Encodes a frame; header blocks go through the connection's `comp`.
pub fn encode(frame: &Frame, comp: &mut Compressor) -> Vec<u8> {
    let id = |x: u32| (x & 0x7fff_ffff).to_be_bytes();
    match frame {
        Frame::SynStream {
            stream_id,
            assoc_id,
            priority,
            flags,
            headers,
        } => {
            let mut p = Vec::new();
            p.extend_from_slice(&id(*stream_id));
            p.extend_from_slice(&id(*assoc_id));
            p.push((priority & 0x7) << 5);
            p.push(0);
            p.extend(comp.compress(&encode_headers(headers)));
            control(SYN_STREAM, *flags, &p)
        }
        Frame::SynReply {
            stream_id,
            flags,
            headers,
        } => {
            let mut p = id(*stream_id).to_vec();
            p.extend(comp.compress(&encode_headers(headers)));
            control(SYN_REPLY, *flags, &p)
        }
        Frame::Headers {
            stream_id,
            flags,
            headers,
        } => {
            let mut p = id(*stream_id).to_vec();
            p.extend(comp.compress(&encode_headers(headers)));
            control(HEADERS, *flags, &p)
        }
        Frame::RstStream { stream_id, status } => {
            let mut p = id(*stream_id).to_vec();
            p.extend_from_slice(&status.to_be_bytes());
            control(RST_STREAM, 0, &p)
        }
        Frame::Settings { flags, entries } => {
            let mut p = (entries.len() as u32).to_be_bytes().to_vec();
            for (f, i, v) in entries {
                p.push(*f);
                p.extend_from_slice(&i.to_be_bytes()[1..]);
                p.extend_from_slice(&v.to_be_bytes());
            }
            control(SETTINGS, *flags, &p)
        }
        Frame::Ping { id: ping } => control(PING, 0, &ping.to_be_bytes()),
        Frame::GoAway {
            last_good_stream_id,
            status,
        } => {
            let mut p = id(*last_good_stream_id).to_vec();
            p.extend_from_slice(&status.to_be_bytes());
            control(GOAWAY, 0, &p)
        }
        Frame::WindowUpdate { stream_id, delta } => {
            let mut p = id(*stream_id).to_vec();
            p.extend_from_slice(&(delta & 0x7fff_ffff).to_be_bytes());
            control(WINDOW_UPDATE, 0, &p)
        }
        Frame::Data {
            stream_id,
            flags,
            data,
        } => {
            let mut v = Vec::with_capacity(8 + data.len());
            v.extend_from_slice(&id(*stream_id));
            v.push(*flags);
            v.extend_from_slice(&(data.len() as u32).to_be_bytes()[1..]);
            v.extend_from_slice(data);
            v
        }
        Frame::Other { kind } => control(*kind, 0, &[]),
    }
}

/// Parses one frame from its 8-byte header and payload.
pub fn decode(head: [u8; 8], payload: Vec<u8>, decomp: &mut Decompressor) -> Result<Frame, String> {
    let flags = head[4];
    if head[0] & 0x80 == 0 {
        let stream_id = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) & 0x7fff_ffff;
        return Ok(Frame::Data {
            stream_id,
            flags,
            data: Bytes::from(payload),
        });
    }
    let version = u16::from_be_bytes([head[0], head[1]]) & 0x7fff;
    if version != 3 {
        return Err(format!("unsupported SPDY version {version}"));
    }
    let kind = u16::from_be_bytes([head[2], head[3]]);
    let p = &payload;
    let sid = |at| be32(p, at).map(|v| v & 0x7fff_ffff);
    Ok(match kind {
        SYN_STREAM => {
            let block = p.get(10..).ok_or("truncated SYN_STREAM")?;
            Frame::SynStream {
                stream_id: sid(0)?,
                assoc_id: sid(4)?,
                priority: p[8] >> 5,
                flags,
                headers: decode_headers(&decomp.decompress(block)?)?,
            }
        }
        SYN_REPLY | HEADERS => {
            let block = p.get(4..).ok_or("truncated SYN_REPLY")?;
            let headers = decode_headers(&decomp.decompress(block)?)?;
            if kind == SYN_REPLY {
                Frame::SynReply {
                    stream_id: sid(0)?,
                    flags,
                    headers,
                }
            } else {
                Frame::Headers {
                    stream_id: sid(0)?,
                    flags,
                    headers,
                }
            }
        }
        RST_STREAM => Frame::RstStream {
            stream_id: sid(0)?,
            status: be32(p, 4)?,
        },
        SETTINGS => {
            let n = be32(p, 0)? as usize;
            let mut entries = Vec::new();
            for i in 0..n.min(p.len() / 8) {
                let at = 4 + i * 8;
                let e = p.get(at..at + 8).ok_or("truncated SETTINGS")?;
                entries.push((
                    e[0],
                    u32::from_be_bytes([0, e[1], e[2], e[3]]),
                    be32(p, at + 4)?,
                ));
            }
            Frame::Settings { flags, entries }
        }
        PING => Frame::Ping { id: be32(p, 0)? },
        GOAWAY => Frame::GoAway {
            last_good_stream_id: sid(0)?,
            status: be32(p, 4).unwrap_or(0),
        },
        WINDOW_UPDATE => Frame::WindowUpdate {
            stream_id: sid(0)?,
            delta: sid(4)?,
        },
        other => Frame::Other { kind: other },
    })
}

/// Reads the next frame; `Ok(None)` on a clean EOF between frames.
pub async fn read_frame<R: AsyncRead + Unpin>(
    r: &mut R,
    decomp: &mut Decompressor,
) -> Result<Option<Frame>, String> {
    let mut head = [0u8; 8];
    match r.read_exact(&mut head).await {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e.to_string()),
    }
    let len = u32::from_be_bytes([0, head[5], head[6], head[7]]) as usize;
    let mut payload = vec![0u8; len];
    r.read_exact(&mut payload)
        .await
        .map_err(|e| e.to_string())?;
    decode(head, payload, decomp).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_is_the_spdy3_one() {
        let d = dictionary();
        assert_eq!(d.len(), 1423);
        assert_eq!(&d[..11], b"\0\0\0\x07options");
        assert!(d.ends_with(b"utf-,*,enq=0."));
        // Adler-32 of the dictionary, as announced in the zlib header (FDICT).
        let mut c = Compress::new(Compression::default(), true);
        assert_eq!(c.set_dictionary(d).unwrap(), 0xe3c6_a7c2);
    }

    #[tokio::test]
    async fn frames_round_trip_through_one_zlib_stream() {
        let mut comp = Compressor::new();
        let mut decomp = Decompressor::new();
        let hdrs = |t: &str| -> Headers {
            vec![
                ("streamtype".into(), t.into()),
                ("port".into(), "80".into()),
                ("requestid".into(), "0".into()),
            ]
        };
        let frames = vec![
            Frame::SynStream {
                stream_id: 1,
                assoc_id: 0,
                priority: 0,
                flags: FLAG_FIN,
                headers: hdrs("error"),
            },
            Frame::SynStream {
                stream_id: 3,
                assoc_id: 0,
                priority: 2,
                flags: 0,
                headers: hdrs("data"),
            },
            Frame::SynReply {
                stream_id: 3,
                flags: 0,
                headers: vec![],
            },
            Frame::Data {
                stream_id: 3,
                flags: 0,
                data: Bytes::from_static(b"GET / HTTP/1.1\r\n"),
            },
            Frame::Data {
                stream_id: 3,
                flags: FLAG_FIN,
                data: Bytes::new(),
            },
            Frame::RstStream {
                stream_id: 3,
                status: CANCEL,
            },
            Frame::Settings {
                flags: 0,
                entries: vec![(0, 7, 65536)],
            },
            Frame::Ping { id: 1 },
            Frame::WindowUpdate {
                stream_id: 3,
                delta: 4096,
            },
            Frame::GoAway {
                last_good_stream_id: 3,
                status: 0,
            },
        ];
        let mut wire = Vec::new();
        for f in &frames {
            wire.extend(encode(f, &mut comp));
        }
        // The first header block announces the dictionary: zlib header with FDICT + its id.
        assert_eq!(wire[18] & 0x20, 0x20, "FDICT flag");
        assert_eq!(&wire[20..24], &[0xe3, 0xc6, 0xa7, 0xc2]);
        let mut r = &wire[..];
        let mut got = Vec::new();
        while let Some(f) = read_frame(&mut r, &mut decomp).await.unwrap() {
            got.push(f);
        }
        assert_eq!(got, frames);
        // Exact bytes of a data frame and a ping.
        assert_eq!(
            encode(
                &Frame::Data {
                    stream_id: 5,
                    flags: FLAG_FIN,
                    data: Bytes::from_static(b"ab")
                },
                &mut comp
            ),
            vec![0, 0, 0, 5, 1, 0, 0, 2, b'a', b'b']
        );
        assert_eq!(
            encode(&Frame::Ping { id: 7 }, &mut comp),
            vec![0x80, 3, 0, 6, 0, 0, 0, 4, 0, 0, 0, 7]
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let mut d = Decompressor::new();
        assert!(decode([0x80, 3, 0, 1, 0, 0, 0, 2], vec![0, 1], &mut d).is_err());
        assert!(decode([0x80, 2, 0, 1, 0, 0, 0, 0], vec![], &mut d).is_err());
        assert!(d.decompress(b"\x00garbage").is_err());
        assert!(decode_headers(&[0, 0, 0, 5, 0, 0]).is_err());
    }
}
