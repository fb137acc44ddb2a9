# bash completion for yq-cluster; made by completions/gen from its option table.
_yq_cluster() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	--threshold) return ;;
	--threshold-alone) return ;;
	--attach) return ;;
	--window) return ;;
	--hamming) return ;;
	--warnings) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--converge) return ;;
	--keep) return ;;
	--rejects) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--max-line) return ;;
	--output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--now) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--events --only-events --threshold --threshold-alone --attach --window --hamming --warnings --converge --keep --merge --stream --strict --rejects --max-line --quiet -q --output -o --now --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _yq_cluster yq-cluster
