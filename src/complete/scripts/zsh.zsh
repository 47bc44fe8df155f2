#compdef kk
compdef _kk kk

# zsh completion for kk
#
# Load it into the current shell:   source <(kk completion zsh)
# Or install it on $fpath:          kk completion zsh > "${fpath[1]}/_kk"
# An alias completes too:           alias k=kk; compdef k=kk
#
# Every completion asks kk itself (`kk __complete WORDS... CURRENT`), which prints one
# candidate per line (`candidate<TAB>description`) and then `:<directive>` (cobra's protocol).

__kk_debug()
{
    local file="$BASH_COMP_DEBUG_FILE"
    if [[ -n ${file} ]]; then
        echo "$*" >> "${file}"
    fi
}

_kk()
{
    local shellCompDirectiveError=1
    local shellCompDirectiveNoSpace=2
    local shellCompDirectiveNoFileComp=4
    local shellCompDirectiveFilterFileExt=8
    local shellCompDirectiveFilterDirs=16
    local shellCompDirectiveKeepOrder=32

    local lastParam lastChar flagPrefix requestComp out directive comp lastComp noSpace keepOrder
    local -a completions

    words=("${=words[1,CURRENT]}")
    lastParam=${words[-1]}
    lastChar=${lastParam[-1]}
    __kk_debug "CURRENT: ${CURRENT}, words[*]: ${words[*]}"

    # `--flag=val`: kk answers with values; put the flag back in front of each.
    setopt local_options BASH_REMATCH
    if [[ "${lastParam}" =~ '-.*=' ]]; then
        flagPrefix="-P ${BASH_REMATCH}"
    fi

    requestComp="${words[1]} __complete ${words[2,-1]}"
    if [ "${lastChar}" = "" ]; then
        requestComp="${requestComp} \"\""
    fi
    __kk_debug "request: ${requestComp}"
    out=$(eval ${requestComp} 2>/dev/null)

    lastLine=${${(f)out}[-1]}
    if [ "${lastLine[1]}" = : ]; then
        directive=${lastLine[2,-1]}
        local suffix
        (( suffix=${#lastLine}+2))
        out=${out[1,-$suffix]}
    else
        directive=0
    fi
    __kk_debug "directive: ${directive}"

    if [ $((directive & shellCompDirectiveError)) -ne 0 ]; then
        return
    fi

    local activeHelpMarker="_activeHelp_ "
    while IFS='\n' read -r comp; do
        [ -z "$comp" ] && continue
        # `:` separates candidate and description for _describe: escape it in both.
        comp=${comp//:/\\:}
        local tab="$(printf '\t')"
        comp=${comp//$tab/:}
        completions+=${comp}
        lastComp=$comp
    done < <(printf "%s\n" "${out[@]}")

    if [ $((directive & shellCompDirectiveNoSpace)) -ne 0 ]; then
        noSpace="-S ''"
    fi
    if [ $((directive & shellCompDirectiveKeepOrder)) -ne 0 ]; then
        keepOrder="-V"
    fi

    if [ $((directive & shellCompDirectiveFilterFileExt)) -ne 0 ]; then
        local filteringCmd="_files"
        for filter in ${completions[@]}; do
            filteringCmd+=" -g '*.${filter}'"
        done
        filteringCmd+=" -g '*(/)'"
        eval ${filteringCmd}
        return
    fi
    if [ $((directive & shellCompDirectiveFilterDirs)) -ne 0 ]; then
        _files -/
        return
    fi

    if eval _describe $keepOrder "completions" completions $flagPrefix $noSpace; then
        return 0
    fi
    if [ $((directive & shellCompDirectiveNoFileComp)) -ne 0 ]; then
        return 1
    fi
    _arguments '*:filename:_files' ${flagPrefix}
}

# Sourced (`source <(kk completion zsh)`) rather than autoloaded: register directly.
if [ "$funcstack[1]" = "_kk" ]; then
    _kk
fi
