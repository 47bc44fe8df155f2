//! Protobuf request bodies (`application/vnd.kubernetes.protobuf`), transcoded to JSON.

use serde_json::Value;

use super::status::ApiError;

/// The 4 magic bytes before a `runtime.Unknown` envelope.
pub const MAGIC: &[u8; 4] = b"k8s\0";

/// Decodes a protobuf body into the JSON object it stands for (apiVersion and kind set).
pub fn decode(body: &[u8]) -> Result<Value, ApiError> {
    let _ = body;
    Err(ApiError::new(
        415,
        "UnsupportedMediaType",
        "protobuf bodies: not yet built",
    ))
}
