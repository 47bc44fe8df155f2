//! The `channel.k8s.io` WebSocket framing shared by exec, attach and WebSocket port-forward:
//! every binary message is `[channel, payload...]`; the `base64.channel.k8s.io` variants send
//! text messages `'0'+channel` followed by base64 of the payload.

use base64::Engine;
use bytes::Bytes;
use tokio_tungstenite::tungstenite::Message;

/// v5: v4 plus the close message `[255, channel]` (half-close, e.g. stdin EOF).
pub const V5: &str = "v5.channel.k8s.io";
/// v4: JSON Status on the error channel.
pub const V4: &str = "v4.channel.k8s.io";
/// v4 with text/base64 framing.
pub const V4_BASE64: &str = "v4.base64.channel.k8s.io";
/// SPDY/3.1 tunnelled in binary WebSocket messages (kubectl port-forward, KEP-4006).
pub const SPDY_TUNNEL: &str = "SPDY/3.1+portforward.k8s.io";

/// The channel that carries a v5 close message.
pub const CLOSE_CHANNEL: u8 = 255;

/// A negotiated channel protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChannelProtocol {
    V5,
    V4,
    V4Base64,
}

impl ChannelProtocol {
    /// The protocol for a negotiated `Sec-WebSocket-Protocol` value.
    pub fn from_name(name: &str) -> Option<ChannelProtocol> {
        match name {
            V5 => Some(ChannelProtocol::V5),
            V4 => Some(ChannelProtocol::V4),
            V4_BASE64 => Some(ChannelProtocol::V4Base64),
            _ => None,
        }
    }

    fn base64(self) -> bool {
        self == ChannelProtocol::V4Base64
    }

    /// Encodes one message for `channel`.
    pub fn encode(self, channel: u8, payload: &[u8]) -> Message {
        if self.base64() {
            let mut s = String::with_capacity(1 + payload.len() * 4 / 3 + 4);
            s.push((b'0' + channel) as char);
            s.push_str(&base64::engine::general_purpose::STANDARD.encode(payload));
            Message::Text(s.into())
        } else {
            let mut v = Vec::with_capacity(payload.len() + 1);
            v.push(channel);
            v.extend_from_slice(payload);
            Message::Binary(Bytes::from(v))
        }
    }

    /// Decodes a data message into `(channel, payload)`; None for control messages, empty
    /// messages and malformed base64.
    pub fn decode(self, msg: &Message) -> Option<(u8, Vec<u8>)> {
        match msg {
            Message::Binary(b) if !self.base64() => {
                let (&ch, rest) = b.split_first()?;
                Some((ch, rest.to_vec()))
            }
            Message::Text(t) if self.base64() => {
                let bytes = t.as_bytes();
                let (&ch, rest) = bytes.split_first()?;
                let ch = ch.checked_sub(b'0')?;
                let payload = base64::engine::general_purpose::STANDARD
                    .decode(rest)
                    .ok()?;
                Some((ch, payload))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_base64_framing_round_trip() {
        let m = ChannelProtocol::V5.encode(1, b"hi");
        assert_eq!(m, Message::Binary(Bytes::from_static(&[1, b'h', b'i'])));
        assert_eq!(ChannelProtocol::V5.decode(&m), Some((1, b"hi".to_vec())));
        let m = ChannelProtocol::V4Base64.encode(2, b"hi");
        assert_eq!(m, Message::Text("2aGk=".into()));
        assert_eq!(
            ChannelProtocol::V4Base64.decode(&m),
            Some((2, b"hi".to_vec()))
        );
        assert_eq!(
            ChannelProtocol::V4.decode(&Message::Binary(Bytes::new())),
            None
        );
        assert_eq!(
            ChannelProtocol::V4.decode(&Message::Text("1aGk=".into())),
            None
        );
        assert_eq!(
            ChannelProtocol::from_name("v5.channel.k8s.io"),
            Some(ChannelProtocol::V5)
        );
        assert_eq!(ChannelProtocol::from_name("channel.k8s.io"), None);
    }
}
