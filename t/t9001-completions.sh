#!/bin/sh
test_description='help, man pages and completions agree with the option tables'
. "$(dirname "$0")"/test-lib.sh

tools=$(cd "$YQ_BUILD/bin" && ls yq-* 2>/dev/null)

for t in $tools; do
	test_expect_success "$t: committed completions are what completions/gen makes" '
		mkdir -p gen && OUT=gen sh "$TOP_DIR/completions/gen" "$YQ_BUILD/bin" '$t' &&
		test_cmp "$TOP_DIR/completions/'$t'.bash" gen/'$t'.bash &&
		test_cmp "$TOP_DIR/completions/_'$t'" gen/_'$t'
	'

	test_expect_success "$t: every option is in --help and in the man page" '
		'$t' --help-options >opts &&
		'$t' --help >help &&
		test -f "$TOP_DIR/man/'$t'.1" &&
		sed "s/\\\\-/-/g" "$TOP_DIR/man/'$t'.1" >page &&
		missing= &&
		while IFS="	" read -r long short arg h; do
			test "$long" = subcommand && continue
			grep -q -e "$long" help || missing="$missing help:$long"
			# --help and --version are every tool'"'"'s (yq(7) says so).
			case $long in --help|--version) continue ;; esac
			name=${long#--}
			grep -q -e "Fl -$name\\b" page ||
				missing="$missing man:$long"
		done <opts &&
		test -z "$missing" || { echo "missing:$missing" >&2; false; }
	'

	test_expect_success "$t: bash completion loads and offers the options" '
		bash -c ". \"$TOP_DIR/completions/'$t'.bash\" && COMP_WORDS=('$t' --he) && COMP_CWORD=1 &&
			_$(echo '$t' | tr -- - _) && printf \"%s\\n\" \"\${COMPREPLY[@]}\"" >out &&
		printf "%s\n" --help --help-options 2>/dev/null | grep -x -F -f out >/dev/null
	'
done

test_expect_success 'zsh completions parse' '
	if command -v zsh >/dev/null; then
		for f in "$TOP_DIR"/completions/_yq-*; do zsh -n "$f" || exit 1; done
	fi
'

test_done
