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
_yq_deadline_digest() {
	case $prev in
	--due-within) return ;;
	--now) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--due-within --now --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
_yq_deadline_mark() {
	case $prev in
	--as) COMPREPLY=($(compgen -W "false_alarm no_answer watch" -- "$cur")); return ;;
	--reason) return ;;
	--by) return ;;
	--now) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--as --reason --by --now --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
_yq_deadline_set() {
	case $prev in
	--owner) return ;;
	--kind) return ;;
	--level) COMPREPLY=($(compgen -W "特别重大 重大 较大 一般" -- "$cur")); return ;;
	--reason) return ;;
	--by) return ;;
	--now) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--owner --kind --level --reason --by --now --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
_yq_deadline_merge() {
	case $prev in
	--into) return ;;
	--reason) return ;;
	--by) return ;;
	--now) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--into --reason --by --now --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
_yq_deadline_split() {
	case $prev in
	--post) return ;;
	--reason) return ;;
	--by) return ;;
	--now) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--post --reason --by --now --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
_yq_deadline_undo() {
	case $prev in
	--reason) return ;;
	--by) return ;;
	--now) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--reason --by --now --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
_yq_deadline_corrections() {
	case $prev in
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--all --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
_yq_deadline_replay() {
	case $prev in
	--rejects) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--max-line) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--strict --rejects --max-line --quiet -q --db --no-state --help -h --version" -- "$cur"))
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
		digest) _yq_deadline_digest; return ;;
		mark) _yq_deadline_mark; return ;;
		set) _yq_deadline_set; return ;;
		merge) _yq_deadline_merge; return ;;
		split) _yq_deadline_split; return ;;
		undo) _yq_deadline_undo; return ;;
		corrections) _yq_deadline_corrections; return ;;
		replay) _yq_deadline_replay; return ;;
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
		COMPREPLY=($(compgen -W "answer answers digest mark set merge split undo corrections replay" -- "$cur") $(compgen -f -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _yq_deadline yq-deadline
