//! Streaming subresources of the fake kubelet: exec/attach over WebSocket, port-forward over
//! WebSocket (v4 channels) and over SPDY/3.1 (raw upgrade or tunnelled in a WebSocket).
//!
//! The router answers the upgrade with the 101 built by [`upgrade`] and then hands the
//! upgraded connection to [`exec::exec_ws`], [`portforward::portforward_ws`] or
//! [`portforward::portforward_spdy`]; [`serve`] wraps those steps for hyper requests.

pub mod exec;
pub mod portforward;
pub mod routes;
pub mod serve;
pub mod spdy;
pub mod upgrade;
pub mod wschannel;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod kubectl_e2e;
