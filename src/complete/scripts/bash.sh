# bash completion for kk                                    -*- shell-script -*-
#
# Load it into the current shell:   source <(kk completion bash)
# Or for every shell:               kk completion bash > ~/.local/share/bash-completion/completions/kk
# An alias completes too:           alias k=kk; complete -o default -F __start_kk k
#
# Every completion asks kk itself (`kk __completeNoDesc WORDS... CURRENT`), which prints one
# candidate per line and then `:<directive>` (cobra's protocol). Works with and without the
# bash-completion package.

__kk_debug()
{
    if [[ -n ${BASH_COMP_DEBUG_FILE-} ]]; then
        echo "$*" >> "${BASH_COMP_DEBUG_FILE}"
    fi
}

# Sets `words`, `cword` and `cur` for the line up to the cursor, keeping `=` and `:` inside
# words (so `--namespace=de` and `8080:80` stay one word).
__kk_words()
{
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        _get_comp_words_by_ref -n =: cur words cword
        return
    fi
    local line=${COMP_LINE:0:COMP_POINT}
    read -r -a words <<< "$line"
    if [[ -z $line || $line == *[[:space:]] ]]; then
        words+=("")
    fi
    cword=$(( ${#words[@]} - 1 ))
    cur=${words[cword]}
}

__kk_filter_ext()
{
    local ext file
    for ext in "$@"; do
        while IFS='' read -r file; do
            COMPREPLY+=("$file")
        done < <(compgen -f -X "!*.${ext}" -- "$cur")
    done
    while IFS='' read -r file; do
        COMPREPLY+=("$file")
    done < <(compgen -d -- "$cur")
}

__start_kk()
{
    local cur words cword
    COMPREPLY=()
    __kk_words

    local args=("${words[@]:1:cword}")
    local request="${words[0]} __completeNoDesc ${args[*]}"
    if [[ -z $cur ]]; then
        request+=' ""'
    fi
    __kk_debug "request: ${request}"
    local out
    out=$(eval "${request}" 2>/dev/null)
    local directive=${out##*:}
    out=${out%:*}
    if [[ ${directive} == "${out}" || ! ${directive} =~ ^[0-9]+$ ]]; then
        directive=0
    fi
    __kk_debug "directive: ${directive}"

    if (( directive & 1 )); then
        return
    fi
    if (( directive & 2 )); then
        compopt -o nospace 2>/dev/null
    fi
    if (( directive & 4 )); then
        compopt +o default 2>/dev/null
    fi

    local comps=()
    local line
    while IFS='' read -r line; do
        [[ -n $line ]] && comps+=("$line")
    done <<< "${out}"

    if (( directive & 8 )); then
        compopt +o default 2>/dev/null
        __kk_filter_ext "${comps[@]}"
        compopt -o filenames 2>/dev/null
        return
    fi
    if (( directive & 16 )); then
        compopt +o default 2>/dev/null
        local dir
        while IFS='' read -r dir; do
            COMPREPLY+=("$dir")
        done < <(compgen -d -- "$cur")
        compopt -o filenames 2>/dev/null
        return
    fi

    # `--flag=val`: kk answers with values; readline replaces only the part after `=`.
    local match=$cur
    if [[ $match == -*=* ]]; then
        match=${match#*=}
    fi
    local c
    for c in "${comps[@]}"; do
        if [[ $c == "$match"* ]]; then
            COMPREPLY+=("$c")
        fi
    done
    # readline also breaks words at `:`; drop what is already typed before the last one.
    if [[ $match == *:* && $COMP_WORDBREAKS == *:* ]]; then
        local head=${match%"${match##*:}"}
        COMPREPLY=("${COMPREPLY[@]#"$head"}")
    fi
}

if [[ $(type -t compopt) = "builtin" ]]; then
    complete -o default -F __start_kk kk
else
    complete -o default -o nospace -F __start_kk kk
fi

# ex: ts=4 sw=4 et filetype=sh
