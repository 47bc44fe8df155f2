# powershell completion for kk
#
# Load it into the current shell:   kk completion powershell | Out-String | Invoke-Expression
# Or for every shell: add that line to your $PROFILE.
#
# Every completion asks kk itself (`kk __complete WORDS... CURRENT`), which prints one
# candidate per line (`candidate<TAB>description`) and then `:<directive>` (cobra's protocol).

[scriptblock]$__kkCompleter = {
    param($WordToComplete, $CommandAst, $CursorPosition)

    # The line up to the cursor, split into words as PowerShell parsed them.
    $line = $CommandAst.CommandElements | Where-Object { $_.Extent.StartOffset -lt $CursorPosition } |
        ForEach-Object { $_.Extent.Text }
    $program = $line[0]
    $rest = @()
    if ($line.Count -gt 1) { $rest = $line[1..($line.Count - 1)] }
    if ($WordToComplete -eq '' -or $rest.Count -eq 0 -or $rest[-1] -ne $WordToComplete) {
        $rest += '""'
    }
    $request = "$program __complete $($rest -join ' ')"
    # PowerShell drops empty arguments for native commands; a quoted pair survives.
    $out = Invoke-Expression "& $request 2>`$null" 
    if (-not $out) { return }
    $out = @($out)
    $directive = 0
    if ($out[-1] -match '^:(\d+)$') {
        $directive = [int]$Matches[1]
        $out = if ($out.Count -gt 1) { $out[0..($out.Count - 2)] } else { @() }
    }
    if ($directive -band 1) { return }

    $match = $WordToComplete
    $flagPrefix = ''
    if ($WordToComplete -match '^(-[^=]*=)(.*)$') {
        $flagPrefix = $Matches[1]
        $match = $Matches[2]
    }
    $candidates = @()
    foreach ($c in $out) {
        $parts = $c -split "`t", 2
        $name = $parts[0]
        $desc = if ($parts.Count -gt 1) { $parts[1] } else { $name }
        if ($name -like "$match*") {
            $candidates += [System.Management.Automation.CompletionResult]::new(
                "$flagPrefix$name", $name, 'ParameterValue', $desc)
        }
    }
    if ($candidates.Count -eq 0 -and -not ($directive -band 4)) {
        # Let PowerShell complete file names.
        return $null
    }
    $candidates
}

Register-ArgumentCompleter -CommandName 'kk' -ScriptBlock $__kkCompleter -Native
