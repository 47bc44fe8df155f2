# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kk_global_optspecs
    string join \n kubeconfig= context= cluster= user= n/namespace= s/server= token= username= password= certificate-authority= client-certificate= client-key= insecure-skip-tls-verify= tls-server-name= request-timeout= as= as-group= as-uid= cache-dir= disable-compression= warnings-as-errors= v/v= h/help
end

function __fish_kk_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kk_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kk_using_subcommand
    set -l cmd (__fish_kk_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kk -n "__fish_kk_needs_command" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_needs_command" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_needs_command" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_needs_command" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_needs_command" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_needs_command" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_needs_command" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_needs_command" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_needs_command" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_needs_command" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_needs_command" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_needs_command" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_needs_command" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_needs_command" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_needs_command" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_needs_command" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_needs_command" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_needs_command" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_needs_command" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_needs_command" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_needs_command" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_needs_command" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_needs_command" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_needs_command" -f -a "config" -d 'Modify kubeconfig files'
complete -c kk -n "__fish_kk_needs_command" -f -a "completion" -d 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)'
complete -c kk -n "__fish_kk_needs_command" -f -a "options" -d 'Print the list of flags inherited by all commands'
complete -c kk -n "__fish_kk_needs_command" -f -a "version" -d 'Print the client and server version information'
complete -c kk -n "__fish_kk_needs_command" -f -a "get" -d 'Display one or many resources'
complete -c kk -n "__fish_kk_needs_command" -f -a "api-resources" -d 'Print the supported API resources on the server'
complete -c kk -n "__fish_kk_needs_command" -f -a "api-versions" -d 'Print the supported API versions on the server, in the form of "group/version"'
complete -c kk -n "__fish_kk_needs_command" -f -a "cluster-info" -d 'Display cluster information'
complete -c kk -n "__fish_kk_needs_command" -f -a "describe" -d 'Show details of a specific resource or group of resources'
complete -c kk -n "__fish_kk_needs_command" -f -a "create" -d 'Create a resource from a file or from stdin'
complete -c kk -n "__fish_kk_needs_command" -f -a "delete" -d 'Delete resources by file names, stdin, resources and names, or by resources and label selector'
complete -c kk -n "__fish_kk_needs_command" -f -a "label" -d 'Update the labels on a resource'
complete -c kk -n "__fish_kk_needs_command" -f -a "annotate" -d 'Update the annotations on a resource'
complete -c kk -n "__fish_kk_needs_command" -f -a "logs" -d 'Print the logs for a container in a pod'
complete -c kk -n "__fish_kk_needs_command" -f -a "exec" -d 'Execute a command in a container'
complete -c kk -n "__fish_kk_needs_command" -f -a "attach" -d 'Attach to a running container'
complete -c kk -n "__fish_kk_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "current-context" -d 'Display the current-context'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "delete-cluster" -d 'Delete the specified cluster from the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "delete-context" -d 'Delete the specified context from the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "delete-user" -d 'Delete the specified user from the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "get-clusters" -d 'Display clusters defined in the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "get-contexts" -d 'Describe one or many contexts'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "get-users" -d 'Display users defined in the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "rename-context" -d 'Rename a context from the kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "set" -d 'Set an individual value in a kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "set-cluster" -d 'Set a cluster entry in kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "set-context" -d 'Set a context entry in kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "set-credentials" -d 'Set a user entry in kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "unset" -d 'Unset an individual value in a kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "use-context" -d 'Set the current-context in a kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "use" -d 'Set the current-context in a kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "view" -d 'Display merged kubeconfig settings or a specified kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand config; and not __fish_seen_subcommand_from current-context delete-cluster delete-context delete-user get-clusters get-contexts get-users rename-context set set-cluster set-context set-credentials unset use-context use view help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from current-context" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-cluster" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-context" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from delete-user" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-clusters" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s o -l output -d 'Output format. One of: (name)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from get-users" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from rename-context" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l set-raw-bytes -d 'When writing a []byte PROPERTY_VALUE, write the given string directly without base64 decoding' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l embed-certs -d 'embed-certs for the cluster entry in kubeconfig' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l proxy-url -d 'proxy-url for the cluster entry in kubeconfig' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-cluster" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l current -d 'Modify the current context' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-context" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l embed-certs -d 'Embed client cert/key for the user entry in kubeconfig' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l auth-provider -d 'Auth provider for the user entry in kubeconfig' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l auth-provider-arg -d '\'key=value\' arguments for the auth provider (\'key-\' removes)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l exec-command -d 'Command for the exec credential plugin for the user entry in kubeconfig' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l exec-api-version -d 'API version of the exec credential plugin for the user entry in kubeconfig' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l exec-arg -d 'New arguments for the exec credential plugin command for the user entry in kubeconfig' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l exec-env -d '\'key=value\' environment values for the exec credential plugin (\'key-\' removes)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from set-credentials" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use-context" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l flatten -d 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l merge -d 'Merge the full hierarchy of kubeconfig files' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l minify -d 'Remove all information not used by current-context from the output' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -s o -l output -d 'Output format. One of: (json, yaml, jsonpath, jsonpath-as-json, jsonpath-file)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l raw -d 'Display raw byte data and sensitive data' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from view" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "current-context" -d 'Display the current-context'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "delete-cluster" -d 'Delete the specified cluster from the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "delete-context" -d 'Delete the specified context from the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "delete-user" -d 'Delete the specified user from the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get-clusters" -d 'Display clusters defined in the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get-contexts" -d 'Describe one or many contexts'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get-users" -d 'Display users defined in the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "rename-context" -d 'Rename a context from the kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set an individual value in a kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set-cluster" -d 'Set a cluster entry in kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set-context" -d 'Set a context entry in kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set-credentials" -d 'Set a user entry in kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Unset an individual value in a kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "use-context" -d 'Set the current-context in a kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "view" -d 'Display merged kubeconfig settings or a specified kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kk -n "__fish_kk_using_subcommand completion" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand options" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand options" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand options" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand options" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand options" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand options" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand version" -l client -d 'If true, shows client version only (no server required)' -r
complete -c kk -n "__fish_kk_using_subcommand version" -s o -l output -d 'One of \'yaml\' or \'json\'' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand version" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand version" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand version" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand version" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand get" -s o -l output -d 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide)' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l show-labels -d 'When printing, show all labels as the last column' -r
complete -c kk -n "__fish_kk_using_subcommand get" -s L -l label-columns -d 'Accepts a comma separated list of labels that are going to be presented as columns' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l sort-by -d 'If non-empty, sort list types using this field specification (a JSONPath expression)' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l show-kind -d 'If present, list the resource type for the requested object(s)' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l show-managed-fields -d 'If true, keep the managedFields when printing objects in JSON or YAML format' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l allow-missing-template-keys -d 'If true, ignore any errors in templates when a field or map key is missing in the template (default true)' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l template -d 'Template string or path to template file to use when -o=go-template, -o=go-template-file' -r
complete -c kk -n "__fish_kk_using_subcommand get" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kk -n "__fish_kk_using_subcommand get" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces' -r
complete -c kk -n "__fish_kk_using_subcommand get" -s f -l filename -d 'Filename, directory, or URL to files identifying the resource' -r
complete -c kk -n "__fish_kk_using_subcommand get" -s R -l recursive -d 'Process the directory used in -f, --filename recursively' -r
complete -c kk -n "__fish_kk_using_subcommand get" -s k -l kustomize -d 'Process a kustomization directory (not supported by kk; reported as an error)' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l chunk-size -d 'Return large lists in chunks rather than all at once. Pass 0 to disable' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l ignore-not-found -d 'If the requested object does not exist the command will return exit code 0' -r
complete -c kk -n "__fish_kk_using_subcommand get" -s w -l watch -d 'After listing/getting the requested object, watch for changes' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l watch-only -d 'Watch for changes to the requested object(s), without listing/getting first' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l output-watch-events -d 'Output watch event objects when --watch or --watch-only is used' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l server-print -d 'If true, have the server return the appropriate table output (default true)' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l subresource -d 'If specified, gets the subresource of the requested object' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l raw -d 'Raw URI to request from the server. Uses the transport specified by the kubeconfig file' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand get" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand get" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand get" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand get" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand get" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l api-group -d 'Limit to resources in the specified API group' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l cached -d 'Use the cached list of resources if available' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l categories -d 'Limit to resources that belong to the specified categories' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l namespaced -d 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l no-headers -d 'When using the default or custom-column output format, don\'t print headers (default print headers)' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -s o -l output -d 'Output format. One of: (wide, name)' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l sort-by -d 'If non-empty, sort list of resources using specified field. The field can be either \'name\' or \'kind\'' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l verbs -d 'Limit to resources that support the specified verbs' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand api-resources" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand api-versions" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand cluster-info" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand describe" -s f -l filename -d 'Filename, directory, or URL to files identifying the resource' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -s R -l recursive -d 'Process the directory used in -f, --filename recursively' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -s k -l kustomize -d 'Process a kustomization directory (not supported by kk; reported as an error)' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l show-events -d 'If true, display events related to the described object' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l chunk-size -d 'Return large lists in chunks rather than all at once. Pass 0 to disable' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand describe" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand create" -s f -l filename -d 'Filename, directory, or URL to files identifying the resource' -r
complete -c kk -n "__fish_kk_using_subcommand create" -s R -l recursive -d 'Process the directory used in -f, --filename recursively' -r
complete -c kk -n "__fish_kk_using_subcommand create" -s k -l kustomize -d 'Process a kustomization directory (not supported by kk; reported as an error)' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l dry-run -d 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource' -r
complete -c kk -n "__fish_kk_using_subcommand create" -s o -l output -d 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l template -d 'Template string or path to template file to use when -o=go-template, -o=go-template-file' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l show-managed-fields -d 'If true, keep the managedFields when printing objects in JSON or YAML format' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l allow-missing-template-keys -d 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats. (default true)' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l validate -d 'Must be one of: strict (or true), warn, ignore (or false)' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand create" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand create" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand create" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand create" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand create" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand delete" -s f -l filename -d 'Filename, directory, or URL to files identifying the resource' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -s R -l recursive -d 'Process the directory used in -f, --filename recursively' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -s k -l kustomize -d 'Process a kustomization directory (not supported by kk; reported as an error)' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l all -d 'Delete all resources, in the namespace of the specified resource types' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l cascade -d 'Must be "background", "orphan", or "foreground". Defaults to background' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l dry-run -d 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l force -d 'If true, immediately remove resources from API and bypass graceful deletion' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l grace-period -d 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l now -d 'If true, resources are signaled for immediate shutdown (same as --grace-period=1)' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l ignore-not-found -d 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -s o -l output -d 'Output mode. Use "-o name" for shorter output (resource/name)' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l timeout -d 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l wait -d 'If true, wait for resources to be gone before returning. This waits for finalizers' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand delete" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand label" -s f -l filename -d 'Filename, directory, or URL to files identifying the resource' -r
complete -c kk -n "__fish_kk_using_subcommand label" -s R -l recursive -d 'Process the directory used in -f, --filename recursively' -r
complete -c kk -n "__fish_kk_using_subcommand label" -s k -l kustomize -d 'Process a kustomization directory (not supported by kk; reported as an error)' -r
complete -c kk -n "__fish_kk_using_subcommand label" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kk -n "__fish_kk_using_subcommand label" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l all -d 'Select all resources, in the namespace of the specified resource types' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l overwrite -d 'If true, allow values to be overwritten, otherwise reject updates that overwrite existing values' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l list -d 'If true, display the values for a given resource' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l resource-version -d 'If non-empty, the update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l dry-run -d 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource' -r
complete -c kk -n "__fish_kk_using_subcommand label" -s o -l output -d 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l template -d 'Template string or path to template file to use when -o=go-template, -o=go-template-file' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l show-managed-fields -d 'If true, keep the managedFields when printing objects in JSON or YAML format' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l allow-missing-template-keys -d 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats. (default true)' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand label" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand label" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand label" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand label" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand label" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand annotate" -s f -l filename -d 'Filename, directory, or URL to files identifying the resource' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -s R -l recursive -d 'Process the directory used in -f, --filename recursively' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -s k -l kustomize -d 'Process a kustomization directory (not supported by kk; reported as an error)' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l field-selector -d 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -s A -l all-namespaces -d 'If present, list the requested object(s) across all namespaces' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l all -d 'Select all resources, in the namespace of the specified resource types' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l overwrite -d 'If true, allow values to be overwritten, otherwise reject updates that overwrite existing values' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l list -d 'If true, display the values for a given resource' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l resource-version -d 'If non-empty, the update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l dry-run -d 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -s o -l output -d 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l template -d 'Template string or path to template file to use when -o=go-template, -o=go-template-file' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l show-managed-fields -d 'If true, keep the managedFields when printing objects in JSON or YAML format' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l allow-missing-template-keys -d 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats. (default true)' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand annotate" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand logs" -l all-pods -d 'Get logs from all pod(s). Sets prefix to true' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l all-containers -d 'Get all containers\' logs in the pod(s)' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -s c -l container -d 'Print the logs of this container' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -s f -l follow -d 'Specify if the logs should be streamed' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l ignore-errors -d 'If watching / following pod logs, allow for any errors that occur to be non-fatal' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l insecure-skip-tls-verify-backend -d 'Skip verifying the identity of the kubelet that logs are requested from. In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l limit-bytes -d 'Maximum bytes of logs to return. Defaults to no limit' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l max-log-requests -d 'Specify maximum number of concurrent logs to follow when using by a selector. Without it, kk follows every matching pod (kubectl stops at 5)' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l pod-running-timeout -d 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l prefix -d 'Prefix each log line with the log source (pod name and container name)' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -s p -l previous -d 'If true, print the logs for the previous instance of the container in a pod if it exists' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -s l -l selector -d 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l since -d 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l since-time -d 'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l tail -d 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l timestamps -d 'Include timestamps on each line in the log output' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand exec" -s c -l container -d 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l pod-running-timeout -d 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -s q -l quiet -d 'Only print output from the remote session' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -s i -l stdin -d 'Pass stdin to the container' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -s t -l tty -d 'Stdin is a TTY' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand attach" -s c -l container -d 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l pod-running-timeout -d 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -s q -l quiet -d 'Only print output from the remote session' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -s i -l stdin -d 'Pass stdin to the container' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -s t -l tty -d 'Stdin is a TTY' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand attach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "config" -d 'Modify kubeconfig files'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "completion" -d 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "options" -d 'Print the list of flags inherited by all commands'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "version" -d 'Print the client and server version information'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "get" -d 'Display one or many resources'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "api-resources" -d 'Print the supported API resources on the server'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "api-versions" -d 'Print the supported API versions on the server, in the form of "group/version"'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "cluster-info" -d 'Display cluster information'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "describe" -d 'Show details of a specific resource or group of resources'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "create" -d 'Create a resource from a file or from stdin'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "delete" -d 'Delete resources by file names, stdin, resources and names, or by resources and label selector'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "label" -d 'Update the labels on a resource'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "annotate" -d 'Update the annotations on a resource'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "logs" -d 'Print the logs for a container in a pod'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "exec" -d 'Execute a command in a container'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "attach" -d 'Attach to a running container'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate logs exec attach help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "current-context" -d 'Display the current-context'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "delete-cluster" -d 'Delete the specified cluster from the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "delete-context" -d 'Delete the specified context from the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "delete-user" -d 'Delete the specified user from the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get-clusters" -d 'Display clusters defined in the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get-contexts" -d 'Describe one or many contexts'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get-users" -d 'Display users defined in the kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "rename-context" -d 'Rename a context from the kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set an individual value in a kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set-cluster" -d 'Set a cluster entry in kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set-context" -d 'Set a context entry in kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set-credentials" -d 'Set a user entry in kubeconfig'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Unset an individual value in a kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "use-context" -d 'Set the current-context in a kubeconfig file'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "view" -d 'Display merged kubeconfig settings or a specified kubeconfig file'
