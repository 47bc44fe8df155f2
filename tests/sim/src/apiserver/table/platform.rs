//! Printers for platform plumbing: API priority and fairness (flow schemas, priority levels),
//! CSI objects and component statuses.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::descriptions as d;
use super::{Printer, age, age_col, arr_at, col, int_at, name, name_col, str_at};

pub(super) fn printer(group: &str, resource: &str) -> Option<Printer> {
    let (columns, cells): (Vec<_>, super::CellsFn) = match (group, resource) {
        ("flowcontrol.apiserver.k8s.io", "flowschemas") => (
            vec![
                name_col(),
                col("PriorityLevel", "string", d::FS_PL),
                col("MatchingPrecedence", "string", d::FS_PRECEDENCE),
                col("DistinguisherMethod", "string", d::FS_DISTINGUISHER),
                age_col(),
                col(
                    "MissingPL",
                    "string",
                    "references a broken or non-existent PriorityLevelConfiguration",
                ),
            ],
            flow_schema_cells,
        ),
        ("flowcontrol.apiserver.k8s.io", "prioritylevelconfigurations") => (
            vec![
                name_col(),
                col("Type", "string", d::PL_TYPE),
                col("NominalConcurrencyShares", "string", d::PL_NCS),
                col("Queues", "string", d::PL_QUEUES),
                col("HandSize", "string", d::PL_HAND_SIZE),
                col("QueueLengthLimit", "string", d::PL_QUEUE_LENGTH),
                age_col(),
            ],
            priority_level_cells,
        ),
        ("storage.k8s.io", "csidrivers") => (
            vec![
                name_col(),
                col("AttachRequired", "boolean", d::CSI_ATTACH),
                col("PodInfoOnMount", "boolean", d::CSI_POD_INFO),
                col("StorageCapacity", "boolean", d::CSI_CAPACITY),
                col("TokenRequests", "string", d::CSI_TOKENS),
                col("RequiresRepublish", "boolean", d::CSI_REPUBLISH),
                col("Modes", "string", d::CSI_MODES),
                age_col(),
            ],
            csi_driver_cells,
        ),
        ("storage.k8s.io", "csinodes") => (
            vec![
                name_col(),
                col(
                    "Drivers",
                    "integer",
                    "Drivers indicates the number of CSI drivers registered on the node",
                ),
                age_col(),
            ],
            csi_node_cells,
        ),
        ("storage.k8s.io", "csistoragecapacities") => (
            vec![
                name_col(),
                col("StorageClassName", "string", d::CSISC_CLASS),
                col("Capacity", "string", d::CSISC_CAPACITY),
            ],
            csi_storage_capacity_cells,
        ),
        ("", "componentstatuses") => (
            vec![
                name_col(),
                col("Status", "string", "Status of the component conditions"),
                col("Message", "string", "Message of the component conditions"),
                col("Error", "string", "Error of the component conditions"),
            ],
            component_status_cells,
        ),
        _ => return None,
    };
    Some(Printer { columns, cells })
}

/// Flow schemas are listed by matching precedence, then name (`FlowSchemaSequence`), not in
/// storage order.
pub(super) fn sort_flow_schemas(objects: &mut [(usize, &Value)]) {
    objects.sort_by(|(_, a), (_, b)| {
        int_at(a, "/spec/matchingPrecedence")
            .cmp(&int_at(b, "/spec/matchingPrecedence"))
            .then_with(|| name(a).cmp(name(b)))
    });
}

fn flow_schema_cells(fs: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let distinguisher = fs
        .pointer("/spec/distinguisherMethod/type")
        .and_then(Value::as_str)
        .unwrap_or("<none>");
    let missing = arr_at(fs, "/status/conditions")
        .iter()
        .find(|c| str_at(c, "/type") == "Dangling")
        .map_or("?", |c| str_at(c, "/status"));
    vec![
        json!(name(fs)),
        json!(str_at(fs, "/spec/priorityLevelConfiguration/name")),
        json!(int_at(fs, "/spec/matchingPrecedence")),
        json!(distinguisher),
        age(fs, now),
        json!(missing),
    ]
}

fn priority_level_cells(pl: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let none = || json!("<none>");
    let (mut ncs, mut queues, mut hand, mut qll) = (none(), none(), none(), none());
    if let Some(limited) = pl.pointer("/spec/limited").filter(|l| l.is_object()) {
        ncs = json!(int_at(limited, "/nominalConcurrencyShares"));
        if let Some(q) = limited
            .pointer("/limitResponse/queuing")
            .filter(|q| q.is_object())
        {
            queues = json!(int_at(q, "/queues"));
            hand = json!(int_at(q, "/handSize"));
            qll = json!(int_at(q, "/queueLengthLimit"));
        }
    }
    vec![
        json!(name(pl)),
        json!(str_at(pl, "/spec/type")),
        ncs,
        queues,
        hand,
        qll,
        age(pl, now),
    ]
}

fn csi_driver_cells(drv: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let flag = |p: &str, default: bool| drv.pointer(p).and_then(Value::as_bool).unwrap_or(default);
    let modes: Vec<&str> = arr_at(drv, "/spec/volumeLifecycleModes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let tokens = match drv.pointer("/spec/tokenRequests").and_then(Value::as_array) {
        None => "<unset>".to_string(),
        Some(t) => t
            .iter()
            .map(|r| str_at(r, "/audience"))
            .collect::<Vec<_>>()
            .join(","),
    };
    vec![
        json!(name(drv)),
        json!(flag("/spec/attachRequired", true)),
        json!(flag("/spec/podInfoOnMount", false)),
        json!(flag("/spec/storageCapacity", false)),
        json!(tokens),
        json!(flag("/spec/requiresRepublish", false)),
        json!(if modes.is_empty() {
            "<none>".to_string()
        } else {
            modes.join(",")
        }),
        age(drv, now),
    ]
}

fn csi_node_cells(n: &Value, now: DateTime<Utc>) -> Vec<Value> {
    vec![
        json!(name(n)),
        json!(arr_at(n, "/spec/drivers").len()),
        age(n, now),
    ]
}

fn csi_storage_capacity_cells(c: &Value, _now: DateTime<Utc>) -> Vec<Value> {
    let capacity = match c.get("capacity") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => "<unset>".to_string(),
    };
    vec![
        json!(name(c)),
        json!(str_at(c, "/storageClassName")),
        json!(capacity),
    ]
}

fn component_status_cells(cs: &Value, _now: DateTime<Utc>) -> Vec<Value> {
    let healthy = arr_at(cs, "/conditions")
        .iter()
        .find(|c| str_at(c, "/type") == "Healthy");
    let (status, message, error) = match healthy {
        None => ("Unknown", "", ""),
        Some(c) => (
            if str_at(c, "/status") == "True" {
                "Healthy"
            } else {
                "Unhealthy"
            },
            str_at(c, "/message"),
            str_at(c, "/error"),
        ),
    };
    vec![json!(name(cs)), json!(status), json!(message), json!(error)]
}

#[cfg(test)]
mod tests {
    use super::super::tests::{cells, now};
    use super::super::{IncludeObject, build_table};
    use serde_json::{Value, json};

    #[test]
    fn flow_control_rows_and_order() {
        let fs = |n: &str, p: i64| {
            json!({"metadata": {"name": n}, "spec": {"matchingPrecedence": p,
                "priorityLevelConfiguration": {"name": "workload-low"},
                "distinguisherMethod": {"type": "ByUser"}},
                "status": {"conditions": [{"type": "Dangling", "status": "False"}]}})
        };
        let objs = [
            fs("service-accounts", 9000),
            fs("exempt", 1),
            fs("catch-all", 10000),
        ];
        let t = build_table(
            "flowcontrol.apiserver.k8s.io",
            "flowschemas",
            None,
            &objs,
            IncludeObject::None,
            true,
            now(),
        );
        let names: Vec<&str> = t["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["cells"][0].as_str().unwrap())
            .collect();
        assert_eq!(names, ["exempt", "service-accounts", "catch-all"]);
        assert_eq!(
            t["rows"][0]["cells"],
            json!(["exempt", "workload-low", 1, "ByUser", "<unknown>", "False"])
        );
        let pl = json!({"metadata": {"name": "workload-low"}, "spec": {"type": "Limited",
            "limited": {"nominalConcurrencyShares": 100,
                "limitResponse": {"type": "Queue", "queuing": {"queues": 128, "handSize": 6, "queueLengthLimit": 50}}}}});
        assert_eq!(
            Value::Array(cells(
                "flowcontrol.apiserver.k8s.io",
                "prioritylevelconfigurations",
                pl
            )),
            json!(["workload-low", "Limited", 100, 128, 6, 50, "<unknown>"])
        );
        let pl = json!({"metadata": {"name": "exempt"}, "spec": {"type": "Exempt"}});
        assert_eq!(
            Value::Array(cells(
                "flowcontrol.apiserver.k8s.io",
                "prioritylevelconfigurations",
                pl
            )),
            json!([
                "exempt",
                "Exempt",
                "<none>",
                "<none>",
                "<none>",
                "<none>",
                "<unknown>"
            ])
        );
    }

    #[test]
    fn csi_and_component_rows() {
        let drv = json!({"metadata": {"name": "hostpath.csi.k8s.io"},
            "spec": {"volumeLifecycleModes": ["Persistent", "Ephemeral"], "podInfoOnMount": true}});
        assert_eq!(
            Value::Array(cells("storage.k8s.io", "csidrivers", drv)),
            json!([
                "hostpath.csi.k8s.io",
                true,
                true,
                false,
                "<unset>",
                false,
                "Persistent,Ephemeral",
                "<unknown>"
            ])
        );
        let n = json!({"metadata": {"name": "node-1"}, "spec": {"drivers": [{"name": "a"}]}});
        assert_eq!(
            Value::Array(cells("storage.k8s.io", "csinodes", n)),
            json!(["node-1", 1, "<unknown>"])
        );
        let c = json!({"metadata": {"name": "cap"}, "storageClassName": "standard"});
        assert_eq!(
            Value::Array(cells("storage.k8s.io", "csistoragecapacities", c)),
            json!(["cap", "standard", "<unset>"])
        );
        let cs = json!({"metadata": {"name": "etcd-0"},
            "conditions": [{"type": "Healthy", "status": "True", "message": "ok"}]});
        assert_eq!(
            Value::Array(cells("", "componentstatuses", cs)),
            json!(["etcd-0", "Healthy", "ok", ""])
        );
        let cs = json!({"metadata": {"name": "scheduler"}});
        assert_eq!(cells("", "componentstatuses", cs)[1], "Unknown");
    }
}
