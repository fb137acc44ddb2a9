# bash completion for yq-score; made by completions/gen from its option table.
_yq_score_train() {
	case $prev in
	--epochs) return ;;
	--rejects) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--max-line) return ;;
	--output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--epochs --strict --rejects --max-line --quiet -q --output -o --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
_yq_score() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	if [[ $COMP_CWORD -gt 1 ]]; then
		case ${COMP_WORDS[1]} in
		train) _yq_score_train; return ;;
		esac
	fi
	case $prev in
	--model) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--places) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--categories) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--rules) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--rejects) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--max-line) return ;;
	--output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--model --places --categories --rules --matching --explain --strict --rejects --max-line --quiet -q --output -o --help -h --version" -- "$cur"))
		return
	fi
	if [[ $COMP_CWORD -eq 1 ]]; then
		COMPREPLY=($(compgen -W "train" -- "$cur") $(compgen -f -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _yq_score yq-score
