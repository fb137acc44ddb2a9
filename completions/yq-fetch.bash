# bash completion for yq-fetch; made by completions/gen from its option table.
_yq_fetch() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	--type|-t) return ;;
	--feeds|-f) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--urls|-u) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--from) return ;;
	--accounts) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--map|-m) return ;;
	--source|-s) return ;;
	--platform|-p) return ;;
	--charset) return ;;
	--url) return ;;
	--jobs|-j) return ;;
	--timeout) return ;;
	--connect-timeout) return ;;
	--max-size) return ;;
	--max-redirs) return ;;
	--retries) return ;;
	--retry-wait) return ;;
	--delay) return ;;
	--user-agent|-A) return ;;
	--rejects) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--max-line) return ;;
	--output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--now) return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--type -t --feeds -f --urls -u --from --accounts --map -m --source -s --platform -p --charset --url --all -a --jobs -j --timeout --connect-timeout --max-size --max-redirs --retries --retry-wait --delay --user-agent -A --strict --rejects --max-line --quiet -q --output -o --now --db --no-state --help -h --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _yq_fetch yq-fetch
