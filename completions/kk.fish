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
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -s f -l filename -d 'Filename, directory, or URL to files identifying the resource' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -s R -l recursive -d 'Process the directory used in -f, --filename recursively' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -s k -l kustomize -d 'Process a kustomization directory (not supported by kk; reported as an error)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l dry-run -d 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -s o -l output -d 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l template -d 'Template string or path to template file to use when -o=go-template, -o=go-template-file' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l show-managed-fields -d 'If true, keep the managedFields when printing objects in JSON or YAML format' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l allow-missing-template-keys -d 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats. (default true)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l validate -d 'Must be one of: strict (or true), warn, ignore (or false)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -f -a "configmap" -d 'Create a config map from a local file, directory or literal value'
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -f -a "cm" -d 'Create a config map from a local file, directory or literal value'
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -f -a "deployment" -d 'Create a deployment with the specified name'
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -f -a "deploy" -d 'Create a deployment with the specified name'
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -f -a "namespace" -d 'Create a namespace with the specified name'
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -f -a "ns" -d 'Create a namespace with the specified name'
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -f -a "secret" -d 'Create a secret using a specified subcommand'
complete -c kk -n "__fish_kk_using_subcommand create; and not __fish_seen_subcommand_from configmap cm deployment deploy namespace ns secret help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l from-file -d 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used. Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l from-literal -d 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l from-env-file -d 'Specify the path to a file to read lines of key=val pairs to create a configmap' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l append-hash -d 'Append a hash of the configmap to its name' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l dry-run -d 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -s o -l output -d 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l template -d 'Template string or path to template file to use when -o=go-template, -o=go-template-file' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l show-managed-fields -d 'If true, keep the managedFields when printing objects in JSON or YAML format' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l allow-missing-template-keys -d 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats. (default true)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l save-config -d 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l validate -d 'Must be one of: strict (or true), warn, ignore (or false)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from configmap" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l from-file -d 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used. Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l from-literal -d 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l from-env-file -d 'Specify the path to a file to read lines of key=val pairs to create a configmap' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l append-hash -d 'Append a hash of the configmap to its name' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l dry-run -d 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -s o -l output -d 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l template -d 'Template string or path to template file to use when -o=go-template, -o=go-template-file' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l show-managed-fields -d 'If true, keep the managedFields when printing objects in JSON or YAML format' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l allow-missing-template-keys -d 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats. (default true)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l save-config -d 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l validate -d 'Must be one of: strict (or true), warn, ignore (or false)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from cm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l image -d 'Image names to run. A deployment can have multiple images set for multi-container pod' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l port -d 'The containerPort that this deployment exposes' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -s r -l replicas -d 'Number of replicas to create. Default is 1' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l dry-run -d 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -s o -l output -d 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l template -d 'Template string or path to template file to use when -o=go-template, -o=go-template-file' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l show-managed-fields -d 'If true, keep the managedFields when printing objects in JSON or YAML format' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l allow-missing-template-keys -d 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats. (default true)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l save-config -d 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l validate -d 'Must be one of: strict (or true), warn, ignore (or false)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deployment" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l image -d 'Image names to run. A deployment can have multiple images set for multi-container pod' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l port -d 'The containerPort that this deployment exposes' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -s r -l replicas -d 'Number of replicas to create. Default is 1' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l dry-run -d 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -s o -l output -d 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l template -d 'Template string or path to template file to use when -o=go-template, -o=go-template-file' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l show-managed-fields -d 'If true, keep the managedFields when printing objects in JSON or YAML format' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l allow-missing-template-keys -d 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats. (default true)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l save-config -d 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l validate -d 'Must be one of: strict (or true), warn, ignore (or false)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from deploy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l dry-run -d 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -s o -l output -d 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l template -d 'Template string or path to template file to use when -o=go-template, -o=go-template-file' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l show-managed-fields -d 'If true, keep the managedFields when printing objects in JSON or YAML format' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l allow-missing-template-keys -d 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats. (default true)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l save-config -d 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l validate -d 'Must be one of: strict (or true), warn, ignore (or false)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from namespace" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l dry-run -d 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -s o -l output -d 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l template -d 'Template string or path to template file to use when -o=go-template, -o=go-template-file' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l show-managed-fields -d 'If true, keep the managedFields when printing objects in JSON or YAML format' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l allow-missing-template-keys -d 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats. (default true)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l save-config -d 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l validate -d 'Must be one of: strict (or true), warn, ignore (or false)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from ns" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l kubeconfig -d 'Path to the kubeconfig file to use for CLI requests' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -s n -l namespace -d 'If present, the namespace scope for this CLI request' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l username -d 'Username for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l password -d 'Password for basic authentication to the API server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l certificate-authority -d 'Path to a cert file for the certificate authority' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l client-certificate -d 'Path to a client certificate file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l client-key -d 'Path to a client key file for TLS' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l insecure-skip-tls-verify -d 'If true, the server\'s certificate will not be checked for validity (insecure)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l tls-server-name -d 'Server name to use for server certificate validation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l request-timeout -d 'The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; 0 = no timeout)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l as -d 'Username to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l as-group -d 'Group to impersonate for the operation; repeat for several groups' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l as-uid -d 'UID to impersonate for the operation' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l cache-dir -d 'Default cache directory (discovery cache)' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l disable-compression -d 'If true, opt-out of response compression for all requests to the server' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -l warnings-as-errors -d 'Treat warnings received from the server as errors and exit with a non-zero exit code' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -s v -l v -d 'Number for the log level verbosity' -r
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -s h -l help -d 'Print help'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -f -a "docker-registry" -d 'Create a secret for use with a Docker registry'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -f -a "generic" -d 'Create a secret from a local file, directory, or literal value'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -f -a "tls" -d 'Create a TLS secret'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from secret" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "configmap" -d 'Create a config map from a local file, directory or literal value'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "deployment" -d 'Create a deployment with the specified name'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "namespace" -d 'Create a namespace with the specified name'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "secret" -d 'Create a secret using a specified subcommand'
complete -c kk -n "__fish_kk_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "config" -d 'Modify kubeconfig files'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "completion" -d 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "options" -d 'Print the list of flags inherited by all commands'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "version" -d 'Print the client and server version information'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "get" -d 'Display one or many resources'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "api-resources" -d 'Print the supported API resources on the server'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "api-versions" -d 'Print the supported API versions on the server, in the form of "group/version"'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "cluster-info" -d 'Display cluster information'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "describe" -d 'Show details of a specific resource or group of resources'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "create" -d 'Create a resource from a file or from stdin'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "delete" -d 'Delete resources by file names, stdin, resources and names, or by resources and label selector'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "label" -d 'Update the labels on a resource'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "annotate" -d 'Update the annotations on a resource'
complete -c kk -n "__fish_kk_using_subcommand help; and not __fish_seen_subcommand_from config completion options version get api-resources api-versions cluster-info describe create delete label annotate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "configmap" -d 'Create a config map from a local file, directory or literal value'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "deployment" -d 'Create a deployment with the specified name'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "namespace" -d 'Create a namespace with the specified name'
complete -c kk -n "__fish_kk_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "secret" -d 'Create a secret using a specified subcommand'
