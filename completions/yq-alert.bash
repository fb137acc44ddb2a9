# bash completion for yq-alert; made by completions/gen from its option table.
_yq_alert() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	--conf) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--places) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--timeout) return ;;
	--give-up) return ;;
	--rejects) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--max-line) return ;;
	--output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--now) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--conf --dry-run --no-send --outbox --all --places --timeout --give-up --strict --rejects --max-line --quiet -q --output -o --now --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _yq_alert yq-alert
