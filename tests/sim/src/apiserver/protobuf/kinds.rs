//! The catalogue of built-in kinds the sim can read from protobuf and describe in OpenAPI.
//!
//! Each entry ties one GVK to its prost message (from `k8s-pb`, generated from upstream
//! `generated.proto`) and to its JSON schema (from `k8s-openapi`'s `schemars` impls). The two
//! crates mirror the same Go packages and keep Go's type names, so one path names both types.

use std::borrow::Cow;

use k8s_openapi::schemars::{JsonSchema, SchemaGenerator};

/// One built-in kind.
pub struct BuiltinKind {
    /// `apps/v1`, or `v1` for the core group.
    pub api_version: &'static str,
    /// `Deployment`.
    pub kind: &'static str,
    /// The OpenAPI definition name, `io.k8s.api.apps.v1.Deployment`.
    pub schema_name: fn() -> Cow<'static, str>,
    /// Adds the kind's schema (and everything it references) to a generator.
    pub add_schema: fn(&mut SchemaGenerator),
    /// Decodes the raw protobuf message and renders it with `Debug`, which `to_json` walks.
    pub decode_debug: fn(&[u8]) -> Result<String, prost::DecodeError>,
}

impl BuiltinKind {
    /// The API group ("" for core).
    pub fn group(&self) -> &'static str {
        self.api_version.rsplit_once('/').map_or("", |(g, _)| g)
    }

    /// The version (`v1`).
    pub fn version(&self) -> &'static str {
        self.api_version
            .rsplit_once('/')
            .map_or(self.api_version, |(_, v)| v)
    }
}

/// Finds the entry for `apiVersion` + `kind`.
pub fn find(api_version: &str, kind: &str) -> Option<&'static BuiltinKind> {
    BUILTIN_KINDS
        .iter()
        .find(|k| k.api_version == api_version && k.kind == kind)
}

macro_rules! builtin {
    ($($seg:ident)::+, $ty:ident) => {
        BuiltinKind {
            api_version: <k8s_openapi $(::$seg)+ ::$ty as k8s_openapi::Resource>::API_VERSION,
            kind: <k8s_openapi $(::$seg)+ ::$ty as k8s_openapi::Resource>::KIND,
            schema_name: <k8s_openapi $(::$seg)+ ::$ty as JsonSchema>::schema_name,
            add_schema: |g| {
                g.subschema_for::<k8s_openapi $(::$seg)+ ::$ty>();
            },
            decode_debug: |raw| {
                <k8s_pb $(::$seg)+ ::$ty as prost::Message>::decode(raw).map(|m| format!("{m:?}"))
            },
        }
    };
}

/// Every top-level kind of Kubernetes 1.33's built-in groups (the versions a 1.33 apiserver
/// serves by default), plus the subresource kinds clients POST/PUT (Eviction, Scale,
/// TokenRequest) and the review kinds.
pub static BUILTIN_KINDS: &[BuiltinKind] = &[
    builtin!(api::core::v1, Binding),
    builtin!(api::core::v1, ConfigMap),
    builtin!(api::core::v1, Endpoints),
    builtin!(api::core::v1, Event),
    builtin!(api::core::v1, LimitRange),
    builtin!(api::core::v1, Namespace),
    builtin!(api::core::v1, Node),
    builtin!(api::core::v1, PersistentVolume),
    builtin!(api::core::v1, PersistentVolumeClaim),
    builtin!(api::core::v1, Pod),
    builtin!(api::core::v1, PodTemplate),
    builtin!(api::core::v1, ReplicationController),
    builtin!(api::core::v1, ResourceQuota),
    builtin!(api::core::v1, Secret),
    builtin!(api::core::v1, Service),
    builtin!(api::core::v1, ServiceAccount),
    builtin!(api::admissionregistration::v1, MutatingWebhookConfiguration),
    builtin!(
        api::admissionregistration::v1,
        ValidatingWebhookConfiguration
    ),
    builtin!(api::admissionregistration::v1, ValidatingAdmissionPolicy),
    builtin!(
        api::admissionregistration::v1,
        ValidatingAdmissionPolicyBinding
    ),
    builtin!(api::apps::v1, ControllerRevision),
    builtin!(api::apps::v1, DaemonSet),
    builtin!(api::apps::v1, Deployment),
    builtin!(api::apps::v1, ReplicaSet),
    builtin!(api::apps::v1, StatefulSet),
    builtin!(api::authentication::v1, SelfSubjectReview),
    builtin!(api::authentication::v1, TokenRequest),
    builtin!(api::authentication::v1, TokenReview),
    builtin!(api::authorization::v1, LocalSubjectAccessReview),
    builtin!(api::authorization::v1, SelfSubjectAccessReview),
    builtin!(api::authorization::v1, SelfSubjectRulesReview),
    builtin!(api::authorization::v1, SubjectAccessReview),
    builtin!(api::autoscaling::v1, HorizontalPodAutoscaler),
    builtin!(api::autoscaling::v1, Scale),
    builtin!(api::autoscaling::v2, HorizontalPodAutoscaler),
    builtin!(api::batch::v1, CronJob),
    builtin!(api::batch::v1, Job),
    builtin!(api::certificates::v1, CertificateSigningRequest),
    builtin!(api::coordination::v1, Lease),
    builtin!(api::discovery::v1, EndpointSlice),
    builtin!(api::events::v1, Event),
    builtin!(api::flowcontrol::v1, FlowSchema),
    builtin!(api::flowcontrol::v1, PriorityLevelConfiguration),
    builtin!(api::networking::v1, Ingress),
    builtin!(api::networking::v1, IngressClass),
    builtin!(api::networking::v1, NetworkPolicy),
    builtin!(api::node::v1, RuntimeClass),
    builtin!(api::policy::v1, Eviction),
    builtin!(api::policy::v1, PodDisruptionBudget),
    builtin!(api::rbac::v1, ClusterRole),
    builtin!(api::rbac::v1, ClusterRoleBinding),
    builtin!(api::rbac::v1, Role),
    builtin!(api::rbac::v1, RoleBinding),
    builtin!(api::scheduling::v1, PriorityClass),
    builtin!(api::storage::v1, CSIDriver),
    builtin!(api::storage::v1, CSINode),
    builtin!(api::storage::v1, CSIStorageCapacity),
    builtin!(api::storage::v1, StorageClass),
    builtin!(api::storage::v1, VolumeAttachment),
    builtin!(
        apiextensions_apiserver::pkg::apis::apiextensions::v1,
        CustomResourceDefinition
    ),
    builtin!(kube_aggregator::pkg::apis::apiregistration::v1, APIService),
];
