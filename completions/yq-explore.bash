# bash completion for yq-explore; made by completions/gen from its option table.
_yq_explore() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	--command|-c) return ;;
	--file|-f) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--index|-i) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--rejects) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--max-line) return ;;
	--now) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--command -c --file -f --index -i --update --rebuild --strict --rejects --max-line --quiet -q --now --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _yq_explore yq-explore
