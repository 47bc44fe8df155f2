//! The `channel.k8s.io` WebSocket protocol family that exec, attach and port-forward ride on
//! (apimachinery's `wsstream`): every binary message is one channel byte followed by payload.
//! v5 adds a close signal (`[255, channel]`) so stdin can end while output keeps flowing.
//!
//! The upgrade itself is kube's `Client::connect` (it offers `v5.channel.k8s.io,
//! v4.channel.k8s.io` and checks the answer); this module owns the framing on top.

use std::pin::Pin;

use bytes::Bytes;
use futures::{Sink, SinkExt, Stream, StreamExt};
use tokio_tungstenite::tungstenite::{Error as WsError, Message};

/// The v5 "close this channel" signal.
pub const CLOSE: u8 = 255;

type Tx = Pin<Box<dyn Sink<Message, Error = WsError> + Send>>;
type Rx = Pin<Box<dyn Stream<Item = Result<Message, WsError>> + Send>>;

/// An upgraded connection speaking `v4`/`v5.channel.k8s.io`.
pub struct Channels {
    tx: Tx,
    rx: Rx,
    v5: bool,
}

/// What arrived from the server.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// Payload on a channel (possibly empty: the kubelet's "ready" message).
    Data(u8, Bytes),
    /// The server closed the connection (close frame or end of stream).
    Closed,
}

impl Channels {
    /// Upgrade `GET path_and_query` to a channel WebSocket.
    pub async fn connect(client: &kube::Client, path_and_query: &str) -> kube::Result<Channels> {
        let req = http::Request::get(path_and_query)
            .body(Vec::new())
            .map_err(kube::Error::HttpError)?;
        let conn = client.connect(req).await?;
        let v5 = conn.supports_stream_close();
        let (tx, rx) = conn.into_stream().split();
        Ok(Channels {
            tx: Box::pin(tx),
            rx: Box::pin(rx),
            v5,
        })
    }

    /// Whether the server speaks v5 (can half-close a channel).
    pub fn is_v5(&self) -> bool {
        self.v5
    }

    /// Send `payload` on `channel` (nothing for an empty payload: it would read as a
    /// readiness signal).
    pub async fn send(&mut self, channel: u8, payload: &[u8]) -> Result<(), WsError> {
        if payload.is_empty() {
            return Ok(());
        }
        self.tx.send(encode(channel, payload)).await
    }

    /// Half-close `channel` (v5), or close the whole connection (v4 has no other way to say
    /// EOF).
    pub async fn close_channel(&mut self, channel: u8) -> Result<(), WsError> {
        if self.v5 {
            self.tx
                .send(Message::Binary(Bytes::from(vec![CLOSE, channel])))
                .await
        } else {
            self.tx.close().await
        }
    }

    /// Keep an idle connection alive (client-go pings every 5 s).
    pub async fn ping(&mut self) -> Result<(), WsError> {
        self.tx.send(Message::Ping(Bytes::new())).await
    }

    /// Close the connection politely.
    pub async fn close(&mut self) {
        let _ = self.tx.close().await;
    }

    /// The next frame from the server; pings, pongs and text are skipped.
    pub async fn recv(&mut self) -> Result<Frame, WsError> {
        loop {
            match self.rx.next().await {
                None => return Ok(Frame::Closed),
                Some(Err(WsError::ConnectionClosed | WsError::AlreadyClosed)) => {
                    return Ok(Frame::Closed);
                }
                Some(Err(e)) => return Err(e),
                Some(Ok(Message::Close(_))) => return Ok(Frame::Closed),
                Some(Ok(Message::Binary(b))) => {
                    if let Some(f) = decode(b) {
                        return Ok(f);
                    }
                }
                Some(Ok(_)) => {}
            }
        }
    }
}

/// One binary message: the channel byte, then the payload.
pub fn encode(channel: u8, payload: &[u8]) -> Message {
    let mut v = Vec::with_capacity(payload.len() + 1);
    v.push(channel);
    v.extend_from_slice(payload);
    Message::Binary(Bytes::from(v))
}

/// Split a binary message into channel and payload (`None` for an empty message).
pub fn decode(msg: Bytes) -> Option<Frame> {
    let channel = *msg.first()?;
    Some(Frame::Data(channel, msg.slice(1..)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framing_round_trip() {
        let Message::Binary(b) = encode(2, b"oops") else {
            panic!("binary")
        };
        assert_eq!(&b[..], b"\x02oops");
        assert_eq!(decode(b), Some(Frame::Data(2, Bytes::from_static(b"oops"))));
        assert_eq!(decode(Bytes::new()), None);
        assert_eq!(
            decode(Bytes::from_static(&[1])),
            Some(Frame::Data(1, Bytes::new()))
        );
    }
}
