//! Long descriptions and examples of the `config` subcommands (help and man pages).

/// The long description of `current-context` (help and man page).
pub const CURRENT_CONTEXT_ABOUT: &str = r#"Display the current-context."#;

/// Examples for `current-context`.
pub const CURRENT_CONTEXT_EXAMPLES: &str = r#"  # Display the current-context
  kk config current-context"#;

/// The long description of `delete-cluster` (help and man page).
pub const DELETE_CLUSTER_ABOUT: &str = r#"Delete the specified cluster from the kubeconfig."#;

/// Examples for `delete-cluster`.
pub const DELETE_CLUSTER_EXAMPLES: &str = r#"  # Delete the minikube cluster
  kk config delete-cluster minikube"#;

/// The long description of `delete-context` (help and man page).
pub const DELETE_CONTEXT_ABOUT: &str = r#"Delete the specified context from the kubeconfig."#;

/// Examples for `delete-context`.
pub const DELETE_CONTEXT_EXAMPLES: &str = r#"  # Delete the context for the minikube cluster
  kk config delete-context minikube"#;

/// The long description of `delete-user` (help and man page).
pub const DELETE_USER_ABOUT: &str = r#"Delete the specified user from the kubeconfig."#;

/// Examples for `delete-user`.
pub const DELETE_USER_EXAMPLES: &str = r#"  # Delete the minikube user
  kk config delete-user minikube"#;

/// The long description of `get-clusters` (help and man page).
pub const GET_CLUSTERS_ABOUT: &str = r#"Display clusters defined in the kubeconfig."#;

/// Examples for `get-clusters`.
pub const GET_CLUSTERS_EXAMPLES: &str = r#"  # List the clusters that kk knows about
  kk config get-clusters"#;

/// The long description of `get-contexts` (help and man page).
pub const GET_CONTEXTS_ABOUT: &str = r#"Display one or many contexts from the kubeconfig file."#;

/// The long description of `get-users` (help and man page).
pub const GET_USERS_ABOUT: &str = r#"Display users defined in the kubeconfig."#;

/// Examples for `get-users`.
pub const GET_USERS_EXAMPLES: &str = r#"  # List the users that kk knows about
  kk config get-users"#;

/// The long description of `rename-context` (help and man page).
pub const RENAME_CONTEXT_ABOUT: &str = r#"Renames a context from the kubeconfig file.

CONTEXT_NAME is the context name that you want to change.

NEW_NAME is the new name you want to set.

Note: If the context being renamed is the 'current-context', this field will also be updated."#;

/// Examples for `rename-context`.
pub const RENAME_CONTEXT_EXAMPLES: &str = r#"  # Rename the context 'old-name' to 'new-name' in your kubeconfig file
  kk config rename-context old-name new-name"#;

/// The long description of `set` (help and man page).
pub const SET_ABOUT: &str = r#"Set an individual value in a kubeconfig file.

PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key. Map keys may not contain dots.

PROPERTY_VALUE is the new value you want to set. Binary fields such as 'certificate-authority-data' expect a base64 encoded string unless the --set-raw-bytes flag is used.

Specifying an attribute name that already exists will merge new fields on top of existing values."#;

/// The long description of `set-cluster` (help and man page).
pub const SET_CLUSTER_ABOUT: &str = r#"Set a cluster entry in kubeconfig.

Specifying a name that already exists will merge new fields on top of existing values for those fields."#;

/// The long description of `set-context` (help and man page).
pub const SET_CONTEXT_ABOUT: &str = r#"Set a context entry in kubeconfig.

Specifying a name that already exists will merge new fields on top of existing values for those fields."#;

/// The long description of `set-credentials` (help and man page).
pub const SET_CREDENTIALS_ABOUT: &str = r#"Set a user entry in kubeconfig.

Specifying a name that already exists will merge new fields on top of existing values.

    Client-certificate flags:
    --client-certificate=certfile --client-key=keyfile

    Bearer token flags:
    --token=bearer_token

    Basic auth flags:
    --username=basic_user --password=basic_password

Bearer token and basic auth are mutually exclusive."#;

/// The long description of `unset` (help and man page).
pub const UNSET_ABOUT: &str = r#"Unset an individual value in a kubeconfig file.

PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key. Map keys may not contain dots."#;

/// The long description of `use-context` (help and man page).
pub const USE_CONTEXT_ABOUT: &str = r#"Set the current-context in a kubeconfig file."#;

/// The long description of `view` (help and man page).
pub const VIEW_ABOUT: &str = r#"Display merged kubeconfig settings or a specified kubeconfig file.

You can use --output jsonpath={...} to extract specific values using a jsonpath expression."#;
