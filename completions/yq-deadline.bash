# bash completion for yq-deadline; made by completions/gen from its option table.
_yq_deadline_answer() {
	case $prev in
	--at) return ;;
	--form) COMPREPLY=($(compgen -W "press_conference statement briefing interview refutation" -- "$cur")); return ;;
	--by) return ;;
	--url) return ;;
	--now) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--at --form --by --url --now --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
_yq_deadline_answers() {
	case $prev in
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--db --no-state --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
_yq_deadline() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	if [[ $COMP_CWORD -gt 1 ]]; then
		case ${COMP_WORDS[1]} in
		answer) _yq_deadline_answer; return ;;
		answers) _yq_deadline_answers; return ;;
		esac
	fi
	case $prev in
	--rules) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--places) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--warn) return ;;
	--due-within) return ;;
	--status) return ;;
	--upper) return ;;
	--rejects) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--max-line) return ;;
	--output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--now) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--rules --places --warn --due-within --status --explain --upper --only-events --strict --rejects --max-line --quiet -q --output -o --now --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	if [[ $COMP_CWORD -eq 1 ]]; then
		COMPREPLY=($(compgen -W "answer answers" -- "$cur") $(compgen -f -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _yq_deadline yq-deadline
