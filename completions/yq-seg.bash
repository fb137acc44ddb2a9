# bash completion for yq-seg; made by completions/gen from its option table.
_yq_seg_compile() {
	case $prev in
	--words|-w) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--hmm) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--idf) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--words -w --hmm --idf --output -o --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
_yq_seg() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	if [[ $COMP_CWORD -gt 1 ]]; then
		case ${COMP_WORDS[1]} in
		compile) _yq_seg_compile; return ;;
		esac
	fi
	case $prev in
	--field|-F) return ;;
	--keywords|-k) return ;;
	--user-dict|-u) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--dict) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--rejects) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--max-line) return ;;
	--output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--field -F --pos -p --keywords -k --search --fine --user-dict -u --no-hmm --no-punct --no-stop --dict --plain --strict --rejects --max-line --quiet -q --output -o --help -h --version" -- "$cur"))
		return
	fi
	if [[ $COMP_CWORD -eq 1 ]]; then
		COMPREPLY=($(compgen -W "compile" -- "$cur") $(compgen -f -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _yq_seg yq-seg
