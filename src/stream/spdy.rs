//! SPDY/3.1 framing, the client's half as port-forward needs it (moby/spdystream, which
//! client-go speaks): control frames (`SYN_STREAM`, `RST_STREAM`, `PING`, ...) and data
//! frames, each an 8-byte head and a payload.
//!
//! Header blocks travel in one zlib stream per direction, seeded with the SPDY/3 dictionary.
//! kk writes its blocks as stored (uncompressed) deflate blocks without announcing the
//! dictionary, which every zlib reader accepts; it never needs the server's header blocks
//! (a `SYN_REPLY` only confirms a stream), so it does not inflate them.

use bytes::{Buf, Bytes, BytesMut};

const VERSION: u16 = 3;
const SYN_STREAM: u16 = 1;
const SYN_REPLY: u16 = 2;
const RST_STREAM: u16 = 3;
const PING: u16 = 6;
const GOAWAY: u16 = 7;

/// `FLAG_FIN`: the sender's half of the stream ends with this frame.
pub const FLAG_FIN: u8 = 0x01;
/// `RST_STREAM` status `CANCEL`: the stream is no longer needed.
pub const CANCEL: u32 = 5;

/// A frame from the server, as far as a port-forward client acts on it.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// Payload of a stream; `fin` ends the server's half.
    Data { stream: u32, fin: bool, data: Bytes },
    /// The server accepted a stream (`fin`: and has nothing to send on it).
    Reply { stream: u32, fin: bool },
    /// The server ended a stream abruptly.
    Reset { stream: u32 },
    /// A ping to answer with the same id.
    Ping { id: u32 },
    /// The server ends the session.
    GoAway,
    /// Anything else (settings, window updates, headers): nothing to do.
    Other,
}

/// Writes kk's frames; owns the outgoing zlib stream of header blocks.
#[derive(Default)]
pub struct Encoder {
    started: bool,
}

impl Encoder {
    /// `SYN_STREAM` opening client stream `stream` with `headers` (names lowercase).
    pub fn syn_stream(&mut self, out: &mut Vec<u8>, stream: u32, headers: &[(&str, &str)]) {
        let block = self.header_block(headers);
        let mut payload = Vec::with_capacity(10 + block.len());
        payload.extend_from_slice(&(stream & 0x7fff_ffff).to_be_bytes());
        payload.extend_from_slice(&0u32.to_be_bytes()); // no associated stream
        payload.extend_from_slice(&[0, 0]); // priority 0, slot 0
        payload.extend_from_slice(&block);
        control(out, SYN_STREAM, 0, &payload);
    }

    /// `DATA` on `stream` (`fin`: the last of kk's half).
    pub fn data(out: &mut Vec<u8>, stream: u32, fin: bool, data: &[u8]) {
        out.extend_from_slice(&(stream & 0x7fff_ffff).to_be_bytes());
        out.push(if fin { FLAG_FIN } else { 0 });
        out.extend_from_slice(&length(data.len()));
        out.extend_from_slice(data);
    }

    /// `RST_STREAM` of `stream` with `status`.
    pub fn rst_stream(out: &mut Vec<u8>, stream: u32, status: u32) {
        let mut payload = [0u8; 8];
        payload[..4].copy_from_slice(&(stream & 0x7fff_ffff).to_be_bytes());
        payload[4..].copy_from_slice(&status.to_be_bytes());
        control(out, RST_STREAM, 0, &payload);
    }

    /// `PING` answering the server's `id`.
    pub fn ping(out: &mut Vec<u8>, id: u32) {
        control(out, PING, 0, &id.to_be_bytes());
    }

    /// The name/value block, as the next piece of the zlib stream: the zlib header first
    /// (no preset dictionary announced), then stored deflate blocks, never final.
    fn header_block(&mut self, headers: &[(&str, &str)]) -> Vec<u8> {
        let mut raw = Vec::new();
        raw.extend_from_slice(&(headers.len() as u32).to_be_bytes());
        for (name, value) in headers {
            raw.extend_from_slice(&(name.len() as u32).to_be_bytes());
            raw.extend_from_slice(name.as_bytes());
            raw.extend_from_slice(&(value.len() as u32).to_be_bytes());
            raw.extend_from_slice(value.as_bytes());
        }
        let mut out = Vec::with_capacity(raw.len() + 8);
        if !self.started {
            self.started = true;
            out.extend_from_slice(&[0x78, 0x01]);
        }
        for chunk in raw.chunks(u16::MAX as usize) {
            let len = chunk.len() as u16;
            out.push(0); // BFINAL=0, BTYPE=00 (stored), aligned
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&(!len).to_le_bytes());
            out.extend_from_slice(chunk);
        }
        out
    }
}

fn length(n: usize) -> [u8; 3] {
    let n = n as u32;
    [(n >> 16) as u8, (n >> 8) as u8, n as u8]
}

fn control(out: &mut Vec<u8>, kind: u16, flags: u8, payload: &[u8]) {
    out.extend_from_slice(&(0x8000 | VERSION).to_be_bytes());
    out.extend_from_slice(&kind.to_be_bytes());
    out.push(flags);
    out.extend_from_slice(&length(payload.len()));
    out.extend_from_slice(payload);
}

/// Cuts the server's byte stream (arriving in arbitrary pieces) into frames.
#[derive(Default)]
pub struct Decoder {
    buf: BytesMut,
}

impl Decoder {
    /// Add bytes as they arrive.
    pub fn extend(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next whole frame, if one has arrived; `Err` for a stream that is not SPDY/3.
    pub fn frame(&mut self) -> Result<Option<Frame>, String> {
        if self.buf.len() < 8 {
            return Ok(None);
        }
        let head: [u8; 8] = self.buf[..8].try_into().expect("8 bytes");
        let len = u32::from_be_bytes([0, head[5], head[6], head[7]]) as usize;
        if self.buf.len() < 8 + len {
            return Ok(None);
        }
        self.buf.advance(8);
        let payload = self.buf.split_to(len).freeze();
        let flags = head[4];
        let fin = flags & FLAG_FIN != 0;
        let word = |p: &Bytes| -> Result<u32, String> {
            p.get(..4)
                .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) & 0x7fff_ffff)
                .ok_or_else(|| "short SPDY control frame".to_string())
        };
        if head[0] & 0x80 == 0 {
            let stream = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
            return Ok(Some(Frame::Data {
                stream,
                fin,
                data: payload,
            }));
        }
        let version = u16::from_be_bytes([head[0] & 0x7f, head[1]]);
        if version != VERSION {
            return Err(format!("unsupported SPDY version {version}"));
        }
        Ok(Some(match u16::from_be_bytes([head[2], head[3]]) {
            SYN_REPLY => Frame::Reply {
                stream: word(&payload)?,
                fin,
            },
            RST_STREAM => Frame::Reset {
                stream: word(&payload)?,
            },
            PING => Frame::Ping {
                id: word(&payload)?,
            },
            GOAWAY => Frame::GoAway,
            _ => Frame::Other,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_spdy3() {
        let mut enc = Encoder::default();
        let mut out = Vec::new();
        enc.syn_stream(&mut out, 1, &[("port", "80")]);
        // Control bit + version 3, SYN_STREAM, no flags, length 10 + block.
        assert_eq!(&out[..5], &[0x80, 3, 0, 1, 0]);
        let len = u32::from_be_bytes([0, out[5], out[6], out[7]]) as usize;
        assert_eq!(out.len(), 8 + len);
        assert_eq!(&out[8..12], &1u32.to_be_bytes());
        // The first block starts the zlib stream; the next one continues it.
        let block = &out[18..];
        let raw = b"\0\0\0\x01\0\0\0\x04port\0\0\0\x0280";
        assert_eq!(&block[..2], &[0x78, 0x01]);
        assert_eq!(
            &block[2..7],
            &[0, raw.len() as u8, 0, !(raw.len() as u8), 0xff]
        );
        assert_eq!(&block[7..], raw);
        let mut again = Vec::new();
        enc.syn_stream(&mut again, 3, &[("port", "80")]);
        assert_eq!(&again[18..23], &block[2..7]);

        let mut data = Vec::new();
        Encoder::data(&mut data, 3, true, b"hi");
        assert_eq!(data, [0, 0, 0, 3, 1, 0, 0, 2, b'h', b'i']);
    }

    #[test]
    fn the_decoder_waits_for_whole_frames() {
        let mut d = Decoder::default();
        let mut bytes = Vec::new();
        Encoder::data(&mut bytes, 1, false, b"abc");
        Encoder::ping(&mut bytes, 2);
        Encoder::rst_stream(&mut bytes, 5, CANCEL);
        d.extend(&bytes[..5]);
        assert_eq!(d.frame(), Ok(None));
        d.extend(&bytes[5..]);
        assert_eq!(
            d.frame(),
            Ok(Some(Frame::Data {
                stream: 1,
                fin: false,
                data: Bytes::from_static(b"abc")
            }))
        );
        assert_eq!(d.frame(), Ok(Some(Frame::Ping { id: 2 })));
        assert_eq!(d.frame(), Ok(Some(Frame::Reset { stream: 5 })));
        assert_eq!(d.frame(), Ok(None));
        d.extend(&[0x80, 2, 0, 1, 0, 0, 0, 0]);
        assert!(d.frame().is_err());
    }
}
