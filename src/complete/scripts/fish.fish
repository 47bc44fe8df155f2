# fish completion for kk
#
# Load it into the current shell:   kk completion fish | source
# Or for every shell:               kk completion fish > ~/.config/fish/completions/kk.fish
# An alias completes too:           alias k=kk   (fish's alias wraps kk, completions included)
#
# Every completion asks kk itself (`kk __complete WORDS... CURRENT`), which prints one
# candidate per line (`candidate<TAB>description`) and then `:<directive>` (cobra's protocol).

function __kk_debug
    set -l file "$BASH_COMP_DEBUG_FILE"
    if test -n "$file"
        echo "$argv" >> $file
    end
end

function __kk_perform_completion
    set -l args (commandline -opc)
    set -l lastArg (string escape -- (commandline -ct))
    set -l requestComp "$args[1] __complete $args[2..-1] $lastArg"
    __kk_debug "request: $requestComp"
    set -l results (eval $requestComp 2> /dev/null)

    # Fish splits on newlines; the last line is the directive.
    set -l directive (string sub --start 2 $results[-1])
    set --global __kk_comp_results $results[1..-2]
    if test -z "$directive"
        set directive 0
    end

    # `--flag=val`: kk answers with values; fish replaces the whole token.
    set -l flagPrefix (string match -r -- '^-[^=]*=' $lastArg)
    if test -n "$flagPrefix"
        set --global __kk_comp_results (string replace -r -- '^' "$flagPrefix" $__kk_comp_results)
    end
    printf "%s\n" "$directive"
end

# Returns true when fish should use our candidates, false to let fish complete file names.
function __kk_prepare_completions
    set --erase __kk_comp_results
    set -l directive (__kk_perform_completion)
    __kk_debug "directive: $directive"

    set -l error 1
    set -l nospace 2
    set -l nofiles 4
    set -l filterext 8
    set -l filterdirs 16

    if test (math (math --scale 0 $directive / $error) % 2) -eq 1
        set --global __kk_comp_results
        return 0
    end
    if test (math (math --scale 0 $directive / $filterext) % 2) -eq 1
        or test (math (math --scale 0 $directive / $filterdirs) % 2) -eq 1
        # fish has no extension filter: offer files and directories.
        return 1
    end

    set -l nofilecomp (math (math --scale 0 $directive / $nofiles) % 2)
    set -l nospacecomp (math (math --scale 0 $directive / $nospace) % 2)
    if test $nospacecomp -eq 1; and test (count $__kk_comp_results) -eq 1
        # fish always adds a space after a lone candidate: a second, longer one keeps it
        # from completing past the common prefix.
        set -l only (string split -m 1 \t -- $__kk_comp_results[1])[1]
        set --global __kk_comp_results $only $only.
    end
    if test (count $__kk_comp_results) -eq 0; and test $nofilecomp -eq 0
        return 1
    end
    return 0
end

complete -c kk -e
complete -c kk -n '__kk_prepare_completions' -f -a '$__kk_comp_results'
