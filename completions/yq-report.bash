# bash completion for yq-report; made by completions/gen from its option table.
_yq_report() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	--format|-f) COMPREPLY=($(compgen -W "text md html csv json" -- "$cur")); return ;;
	--lang) COMPREPLY=($(compgen -W "zh en" -- "$cur")); return ;;
	--since) return ;;
	--until) return ;;
	--table) return ;;
	--max-rows) return ;;
	--colour) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
	--color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
	--overdue-within) return ;;
	--config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--place) return ;;
	--unit) return ;;
	--submit) return ;;
	--signer) return ;;
	--issue) return ;;
	--rejects) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--max-line) return ;;
	--output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--now) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--format -f --lang --since --until --table --bom --max-rows --colour --color --overdue-within --config --place --unit --submit --signer --issue --strict --rejects --max-line --quiet -q --output -o --now --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	if [[ $COMP_CWORD -eq 1 ]]; then
		COMPREPLY=($(compgen -W "daily event weekly monthly assess" -- "$cur") $(compgen -f -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _yq_report yq-report
