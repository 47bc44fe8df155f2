//! Patch metadata of the built-in kinds: for each (Go type, field) the type of the field's
//! value, how strategic merge patch merges it (`patchStrategy`/`patchMergeKey` tags in the
//! upstream `types.go`) and how server-side apply tracks it (`x-kubernetes-list-type`,
//! `listMapKey`, `structType`/`mapType=atomic`).
//!
//! Fields not in the table get the defaults of both algorithms: objects merge key by key and
//! lists are atomic (SMP replaces them wholesale, SSA owns them as one leaf).

/// How strategic merge patch treats a list field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Smp {
    /// No `patchStrategy`: the patch list replaces the live list.
    Replace,
    /// `patchStrategy:"merge"` on a list of scalars (e.g. `finalizers`): union of values.
    MergePrimitive,
    /// `patchStrategy:"merge" patchMergeKey:"<key>"` on a list of objects.
    MergeKey(&'static str),
}

/// How server-side apply owns a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ssa {
    /// Objects: owned field by field. Lists: `x-kubernetes-list-type: atomic`.
    Default,
    /// `structType=atomic` / `mapType=atomic`: the whole object is one leaf.
    AtomicObject,
    /// `x-kubernetes-list-type: set`: each scalar value is owned (`v:<json>`).
    Set,
    /// `x-kubernetes-list-type: map` with these `x-kubernetes-list-map-keys` (`k:{...}`).
    Map(&'static [&'static str]),
}

/// One row of the table: `owner.field` holds a value of Go type `ty`.
#[derive(Debug)]
pub struct FieldMeta {
    pub owner: &'static str,
    pub field: &'static str,
    /// The Go type of the value (for lists: of each element); "" for scalars.
    pub ty: &'static str,
    pub smp: Smp,
    pub ssa: Ssa,
}

use Smp::{MergeKey, MergePrimitive, Replace};
use Ssa::{AtomicObject, Default, Map, Set};

const fn row(
    owner: &'static str,
    field: &'static str,
    ty: &'static str,
    smp: Smp,
    ssa: Ssa,
) -> FieldMeta {
    FieldMeta {
        owner,
        field,
        ty,
        smp,
        ssa,
    }
}

/// The table. Struct-valued rows exist only to reach the lists below them.
#[rustfmt::skip]
static FIELDS: &[FieldMeta] = &[
    // meta/v1
    row("ObjectMeta", "finalizers", "", MergePrimitive, Set),
    row("ObjectMeta", "ownerReferences", "", MergeKey("uid"), Map(&["uid"])),
    row("LabelSelector", "", "", Replace, AtomicObject),
    // Workloads down to their pod templates.
    row("Pod", "spec", "PodSpec", Replace, Default),
    row("Pod", "status", "PodStatus", Replace, Default),
    row("PodTemplate", "template", "PodTemplateSpec", Replace, Default),
    row("PodTemplateSpec", "metadata", "ObjectMeta", Replace, Default),
    row("PodTemplateSpec", "spec", "PodSpec", Replace, Default),
    row("Deployment", "spec", "DeploymentSpec", Replace, Default),
    row("Deployment", "status", "WorkloadStatus", Replace, Default),
    row("DeploymentSpec", "template", "PodTemplateSpec", Replace, Default),
    row("DeploymentSpec", "selector", "LabelSelector", Replace, AtomicObject),
    row("ReplicaSet", "spec", "ReplicaSetSpec", Replace, Default),
    row("ReplicaSet", "status", "WorkloadStatus", Replace, Default),
    row("ReplicaSetSpec", "template", "PodTemplateSpec", Replace, Default),
    row("ReplicaSetSpec", "selector", "LabelSelector", Replace, AtomicObject),
    row("DaemonSet", "spec", "DaemonSetSpec", Replace, Default),
    row("DaemonSet", "status", "WorkloadStatus", Replace, Default),
    row("DaemonSetSpec", "template", "PodTemplateSpec", Replace, Default),
    row("DaemonSetSpec", "selector", "LabelSelector", Replace, AtomicObject),
    row("StatefulSet", "spec", "StatefulSetSpec", Replace, Default),
    row("StatefulSet", "status", "WorkloadStatus", Replace, Default),
    row("StatefulSetSpec", "template", "PodTemplateSpec", Replace, Default),
    row("StatefulSetSpec", "selector", "LabelSelector", Replace, AtomicObject),
    row("ReplicationController", "spec", "ReplicationControllerSpec", Replace, Default),
    row("ReplicationController", "status", "WorkloadStatus", Replace, Default),
    row("ReplicationControllerSpec", "template", "PodTemplateSpec", Replace, Default),
    row("ReplicationControllerSpec", "selector", "", Replace, AtomicObject),
    row("WorkloadStatus", "conditions", "", MergeKey("type"), Map(&["type"])),
    row("Job", "spec", "JobSpec", Replace, Default),
    row("Job", "status", "JobStatus", Replace, Default),
    row("JobSpec", "template", "PodTemplateSpec", Replace, Default),
    row("JobSpec", "selector", "LabelSelector", Replace, AtomicObject),
    // JobStatus.conditions: SMP merges by type but the list is `+listType=atomic`.
    row("JobStatus", "conditions", "", MergeKey("type"), Default),
    row("CronJob", "spec", "CronJobSpec", Replace, Default),
    row("CronJobSpec", "jobTemplate", "JobTemplateSpec", Replace, Default),
    row("JobTemplateSpec", "metadata", "ObjectMeta", Replace, Default),
    row("JobTemplateSpec", "spec", "JobSpec", Replace, Default),
    // core/v1 PodSpec and Container.
    row("PodSpec", "containers", "Container", MergeKey("name"), Map(&["name"])),
    row("PodSpec", "initContainers", "Container", MergeKey("name"), Map(&["name"])),
    row("PodSpec", "ephemeralContainers", "Container", MergeKey("name"), Map(&["name"])),
    row("PodSpec", "volumes", "", MergeKey("name"), Map(&["name"])),
    row("PodSpec", "imagePullSecrets", "", MergeKey("name"), Map(&["name"])),
    row("PodSpec", "hostAliases", "", MergeKey("ip"), Map(&["ip"])),
    row("PodSpec", "topologySpreadConstraints", "", MergeKey("topologyKey"),
        Map(&["topologyKey", "whenUnsatisfiable"])),
    row("PodSpec", "schedulingGates", "", MergeKey("name"), Map(&["name"])),
    row("PodSpec", "resourceClaims", "", MergeKey("name"), Map(&["name"])),
    row("Container", "env", "", MergeKey("name"), Map(&["name"])),
    row("Container", "ports", "", MergeKey("containerPort"), Map(&["containerPort", "protocol"])),
    row("Container", "volumeMounts", "", MergeKey("mountPath"), Map(&["mountPath"])),
    row("Container", "volumeDevices", "", MergeKey("devicePath"), Map(&["devicePath"])),
    row("Container", "resources", "ResourceRequirements", Replace, Default),
    row("ResourceRequirements", "claims", "", Replace, Map(&["name"])),
    row("PodStatus", "conditions", "", MergeKey("type"), Map(&["type"])),
    row("PodStatus", "podIPs", "", MergeKey("ip"), Map(&["ip"])),
    row("PodStatus", "hostIPs", "", MergeKey("ip"), Map(&["ip"])),
    row("PodStatus", "resourceClaimStatuses", "", MergeKey("name"), Map(&["name"])),
    // Other core/v1 kinds.
    row("Service", "spec", "ServiceSpec", Replace, Default),
    row("ServiceSpec", "ports", "", MergeKey("port"), Map(&["port", "protocol"])),
    row("ServiceSpec", "selector", "", Replace, AtomicObject),
    row("ServiceAccount", "secrets", "", MergeKey("name"), Map(&["name"])),
    row("Node", "spec", "NodeSpec", Replace, Default),
    row("Node", "status", "NodeStatus", Replace, Default),
    row("NodeSpec", "podCIDRs", "", MergePrimitive, Set),
    row("NodeStatus", "conditions", "", MergeKey("type"), Map(&["type"])),
    row("NodeStatus", "addresses", "", MergeKey("type"), Map(&["type"])),
    row("Namespace", "status", "WorkloadStatus", Replace, Default),
    row("PersistentVolumeClaim", "status", "WorkloadStatus", Replace, Default),
];

/// Struct fields that are Go values rather than pointers, besides every kind's `metadata`,
/// `spec` and `status`: they exist (empty) in a freshly created object, so update tracking
/// never sees them added and an updater owns only what is inside them.
#[rustfmt::skip]
static VALUE_STRUCTS: &[(&str, &str)] = &[
    ("PodTemplate", "template"),
    ("PodTemplateSpec", "metadata"), ("PodTemplateSpec", "spec"),
    ("DeploymentSpec", "template"), ("DeploymentSpec", "strategy"),
    ("ReplicaSetSpec", "template"),
    ("DaemonSetSpec", "template"), ("DaemonSetSpec", "updateStrategy"),
    ("StatefulSetSpec", "template"), ("StatefulSetSpec", "updateStrategy"),
    ("JobSpec", "template"),
    ("CronJobSpec", "jobTemplate"),
    ("JobTemplateSpec", "metadata"), ("JobTemplateSpec", "spec"),
    ("Container", "resources"),
];

/// Root Go type of each built-in kind that has entries in the table.
static ROOTS: &[(&str, &str)] = &[
    ("", "Pod"),
    ("", "PodTemplate"),
    ("", "ReplicationController"),
    ("", "Service"),
    ("", "ServiceAccount"),
    ("", "Node"),
    ("", "Namespace"),
    ("", "PersistentVolumeClaim"),
    ("apps", "Deployment"),
    ("apps", "ReplicaSet"),
    ("apps", "DaemonSet"),
    ("apps", "StatefulSet"),
    ("batch", "Job"),
    ("batch", "CronJob"),
];

/// API groups served from compiled-in Go types; any other group is a custom resource, for
/// which the apiserver refuses strategic merge patch.
static BUILTIN_GROUPS: &[&str] = &[
    "",
    "admissionregistration.k8s.io",
    "apiextensions.k8s.io",
    "apiregistration.k8s.io",
    "apps",
    "authentication.k8s.io",
    "authorization.k8s.io",
    "autoscaling",
    "batch",
    "certificates.k8s.io",
    "coordination.k8s.io",
    "discovery.k8s.io",
    "events.k8s.io",
    "flowcontrol.apiserver.k8s.io",
    "networking.k8s.io",
    "node.k8s.io",
    "policy",
    "rbac.authorization.k8s.io",
    "resource.k8s.io",
    "scheduling.k8s.io",
    "storage.k8s.io",
    "storagemigration.k8s.io",
];

/// A position in the schema: the Go type of the value being walked ("" when unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schema {
    ty: &'static str,
    /// At the top of an object: `Some(builtin)`.
    root: Option<bool>,
}

/// What the schema says about one field of an object.
#[derive(Clone, Copy, Debug)]
pub struct FieldInfo {
    /// Schema of the field's value (of each element for lists).
    pub schema: Schema,
    pub smp: Smp,
    pub ssa: Ssa,
    /// A Go value struct (see [`VALUE_STRUCTS`]), as opposed to a map or pointer.
    pub value_struct: bool,
}

impl Schema {
    /// The schema of a whole object of this kind (unknown kinds get the defaults).
    pub fn root(group: &str, kind: &str) -> Schema {
        let ty = ROOTS
            .iter()
            .find(|(g, k)| *g == group && *k == kind)
            .map_or("", |(_, k)| *k);
        Schema {
            ty,
            root: Some(supports_strategic(group, kind)),
        }
    }

    /// A schema that knows nothing: defaults everywhere.
    pub fn unknown() -> Schema {
        Schema::at("")
    }

    /// Metadata of `field` of an object at this position.
    pub fn field(self, field: &str) -> FieldInfo {
        let value_struct = match self.root {
            // A custom resource's spec and status are plain JSON objects.
            Some(builtin) => {
                field == "metadata" || builtin && (field == "spec" || field == "status")
            }
            None => VALUE_STRUCTS.contains(&(self.ty, field)),
        };
        if self.root.is_some() && field == "metadata" {
            return FieldInfo {
                schema: Schema::at("ObjectMeta"),
                smp: Replace,
                ssa: Default,
                value_struct,
            };
        }
        match FIELDS
            .iter()
            .find(|r| r.owner == self.ty && r.field == field)
        {
            Some(r) => {
                // A struct whose type is atomic as a whole (LabelSelector) says so in its
                // own row with an empty field name.
                let atomic_ty = FIELDS.iter().any(|t| t.owner == r.ty && t.field.is_empty());
                let ssa = if atomic_ty { AtomicObject } else { r.ssa };
                FieldInfo {
                    schema: Schema::at(r.ty),
                    smp: r.smp,
                    ssa,
                    value_struct,
                }
            }
            None => FieldInfo {
                schema: Schema::unknown(),
                smp: Replace,
                ssa: Default,
                value_struct,
            },
        }
    }

    fn at(ty: &'static str) -> Schema {
        Schema { ty, root: None }
    }

    /// Whether the table knows anything at this position (the top of an object, or a Go
    /// type it has rows for).
    pub fn is_known(self) -> bool {
        self.root.is_some() || !self.ty.is_empty()
    }

    /// The Go type at this position ("" when unknown).
    pub fn type_name(self) -> &'static str {
        self.ty
    }
}

/// Whether the apiserver accepts strategic merge patch for this group (built-in types only).
pub fn supports_strategic(group: &str, _kind: &str) -> bool {
    BUILTIN_GROUPS.contains(&group)
}

/// Default values of list-map key fields that the apiserver fills in before keys are
/// compared (`protocol` of container and service ports).
pub fn key_default(key: &str) -> Option<&'static str> {
    match key {
        "protocol" => Some("TCP"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deployment_containers_merge_by_name() {
        let s = Schema::root("apps", "Deployment");
        let c = s
            .field("spec")
            .schema
            .field("template")
            .schema
            .field("spec")
            .schema;
        let f = c.field("containers");
        assert_eq!(f.smp, MergeKey("name"));
        assert_eq!(f.ssa, Map(&["name"]));
        let ports = f.schema.field("ports");
        assert_eq!(ports.smp, MergeKey("containerPort"));
        assert_eq!(ports.ssa, Map(&["containerPort", "protocol"]));
        assert_eq!(f.schema.field("args").smp, Replace);
    }

    #[test]
    fn selectors_are_atomic_for_apply() {
        let s = Schema::root("apps", "Deployment").field("spec").schema;
        assert_eq!(s.field("selector").ssa, AtomicObject);
        let svc = Schema::root("", "Service").field("spec").schema;
        assert_eq!(svc.field("selector").ssa, AtomicObject);
        assert_eq!(svc.field("ports").smp, MergeKey("port"));
    }

    #[test]
    fn metadata_of_every_kind_and_of_templates() {
        let cm = Schema::root("", "ConfigMap");
        assert_eq!(
            cm.field("metadata").schema.field("finalizers").smp,
            MergePrimitive
        );
        let cj = Schema::root("batch", "CronJob");
        let tmpl = cj
            .field("spec")
            .schema
            .field("jobTemplate")
            .schema
            .field("spec")
            .schema;
        let pod = tmpl.field("template").schema.field("spec").schema;
        assert_eq!(pod.field("initContainers").smp, MergeKey("name"));
        assert_eq!(pod.field("tolerations").smp, Replace);
    }

    #[test]
    fn custom_groups_have_no_strategic_patch() {
        assert!(supports_strategic("apps", "Deployment"));
        assert!(supports_strategic("", "ConfigMap"));
        assert!(!supports_strategic("stable.example.com", "CronTab"));
    }
}
