//! Controllers: what kube-controller-manager runs, one file per controller.
//!
//! Every controller is level-triggered like the real ones: it watches the resources it cares
//! about in the store, turns each event into the keys of the objects to reconcile
//! ([`Controller::keys_for`]), and `sync`s each key from the current state. A sync may ask to
//! be run again later (progress deadlines, back-offs, schedules). Nothing polls: an idle
//! cluster only wakes up for timers somebody asked for.

pub mod api;
pub mod daemonset;
pub mod deployment;
pub mod endpoints;
pub mod events;
pub mod gc;
pub mod intstr;
pub mod job;
pub mod namespace;
pub mod naming;
pub mod pvc_protection;
pub mod replicaset;
pub mod statefulset;

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use crate::apiserver::ApiServer;
use crate::store::{Event, ResourceKey};

pub use api::Api;

/// `namespace/name` of an object to reconcile.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// Namespace ("" for cluster-scoped).
    pub namespace: String,
    /// Name.
    pub name: String,
}

impl Key {
    /// A key.
    pub fn new(namespace: &str, name: &str) -> Self {
        Key {
            namespace: namespace.to_string(),
            name: name.to_string(),
        }
    }
}

/// A reconcile loop.
pub trait Controller: Send + Sync + 'static {
    /// For logs.
    fn name(&self) -> &'static str;
    /// The resources whose changes can affect this controller's objects.
    fn watches(&self) -> Vec<ResourceKey>;
    /// Whether it also needs live changes of every resource (no replay).
    fn watches_everything(&self) -> bool {
        false
    }
    /// Which objects to reconcile after `ev`.
    fn keys_for(&self, ev: &Event) -> Vec<Key>;
    /// Brings one object's world in line with its spec; `Some(d)`: run again after `d`.
    fn sync(&self, key: &Key) -> Option<Duration>;
}

/// Starts what runs behind the apiserver of a real cluster — the controller-manager's
/// controllers, the scheduler and the nodes' kubelet — as tokio tasks. Returns the kubelet,
/// which serves the pods' logs, exec and port-forward.
pub fn start_all(server: &Arc<ApiServer>) -> Arc<crate::kubelet::pods::Kubelet> {
    let api = Api::new(server.clone());
    let kubelet = crate::kubelet::pods::Kubelet::new(api.clone());
    crate::kubelet::streams::routes::register(server, kubelet.clone());
    spawn(
        &api,
        crate::kubelet::pods::KubeletController(kubelet.clone()),
    );
    spawn(&api, crate::scheduler::Scheduler::new(api.clone()));
    spawn(&api, replicaset::ReplicaSetController::new(api.clone()));
    spawn(
        &api,
        replicaset::ReplicaSetController::replication(api.clone()),
    );
    spawn(&api, deployment::DeploymentController::new(api.clone()));
    spawn(&api, daemonset::DaemonSetController::new(api.clone()));
    spawn(&api, statefulset::StatefulSetController::new(api.clone()));
    spawn(&api, job::JobController::new(api.clone()));
    spawn(&api, job::CronJobController::new(api.clone()));
    spawn(&api, endpoints::EndpointsController::new(api.clone()));
    spawn(&api, gc::GarbageCollector::new(api.clone()));
    spawn(&api, namespace::NamespaceController::new(api.clone()));
    spawn(
        &api,
        pvc_protection::PvcProtectionController::new(api.clone()),
    );
    kubelet
}

/// Runs `c` until the process ends, fed by watches on `api`'s store.
pub fn spawn<C: Controller>(api: &Api, c: C) {
    tokio::spawn(run(api.clone(), Arc::new(c)));
}

async fn run<C: Controller>(api: Api, c: Arc<C>) {
    let store = api.store().clone();
    let resources = c.watches();
    let everything = c.watches_everything();
    // One cursor over the store's history for everything the controller follows: events
    // wait there (as bytes) while a sync runs, instead of piling up parsed in a queue.
    let mut w = store.watch_set(&resources, everything);
    let mut dirty: HashSet<Key> = HashSet::new();
    let mut timers: BTreeMap<Instant, HashSet<Key>> = BTreeMap::new();
    loop {
        let next_timer = timers.keys().next().copied();
        tokio::select! {
            ev = w.next() => {
                match ev {
                    Ok(ev) => dirty.extend(c.keys_for(&ev)),
                    // Fell behind the history: start over from the current state.
                    Err(_) => w = store.watch_set(&resources, everything),
                }
                // Batch what is already there so a burst of events syncs each key once.
                drain(&store, &mut w, &resources, everything, &*c, &mut dirty);
            }
            _ = sleep_until_opt(next_timer) => {
                let now = Instant::now();
                let due: Vec<Instant> = timers.range(..=now).map(|(t, _)| *t).collect();
                for t in due {
                    if let Some(keys) = timers.remove(&t) {
                        dirty.extend(keys);
                    }
                }
            }
        }
        let mut keys: Vec<Key> = dirty.drain().collect();
        keys.sort();
        for k in keys {
            let c2 = c.clone();
            let k2 = k.clone();
            // A panic in one sync must not take the controller down.
            let again = match tokio::task::spawn_blocking(move || c2.sync(&k2)).await {
                Ok(d) => d,
                Err(_) => Some(Duration::from_secs(5)),
            };
            if let Some(d) = again {
                timers.entry(Instant::now() + d).or_default().insert(k);
            }
        }
    }
}

/// Turns every event already committed into keys, without waiting.
fn drain<C: Controller>(
    store: &crate::store::Store,
    w: &mut crate::store::Watch,
    resources: &[ResourceKey],
    everything: bool,
    c: &C,
    dirty: &mut HashSet<Key>,
) {
    while let Some(ev) = w.try_next() {
        match ev {
            Ok(ev) => dirty.extend(c.keys_for(&ev)),
            Err(_) => *w = store.watch_set(resources, everything),
        }
    }
}

async fn sleep_until_opt(t: Option<Instant>) {
    match t {
        Some(t) => tokio::time::sleep_until(t).await,
        None => std::future::pending().await,
    }
}
