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
			# A subcommand'"'"'s option ("answer --at") is in its --help.
			case $long in
			*" "*)
				sub=${long%% *} long=${long#* } &&
				'$t' $sub --help >subhelp </dev/null || return 1 ;;
			*) sub= && cp help subhelp ;;
			esac
			grep -q -e "$long" subhelp || missing="$missing help:$sub$long"
			# --help and --version are every tool'"'"'s (yq(7) says so).
			case $long in --help|--version) continue ;; esac
			name=${long#--}
			grep -q -e "Fl -$name\\b" page ||
				missing="$missing man:$sub$long"
		done <opts &&
		test -z "$missing" || { echo "missing:$missing" >&2; false; }
	'

	test_expect_success "$t: every option the man page lists is in a table" '
		'$t' --help-options >opts &&
		awk -F "	" "\$1 != \"subcommand\" { sub(/^[^ ]* /, \"\", \$1); print \$1; if (\$2 != \"\") print \$2 }" opts |
			sort -u >known &&
		sed "s/\\\\-/-/g" "$TOP_DIR/man/'$t'.1" |
		awk "/^\\.Sh/ { syn = \$2 == \"SYNOPSIS\" }
			syn || /^\\.It Fl / {
				for (i = 1; i < NF; i++) {
					if (\$i != \"Fl\" || \$(i + 1) ~ /^[A-Z][a-z]\$/)
						continue
					f = \$(i + 1)
					if (f ~ /^-/)
						print \"-\" f
					else
						for (j = 1; j <= length(f); j++)
							print \"-\" substr(f, j, 1)
				}
			}" | sort -u >documented &&
		comm -23 documented known >unknown &&
		test_must_be_empty unknown
	'

	test_expect_success "$t: bash completion loads and offers the options" '
		bash -c ". \"$TOP_DIR/completions/'$t'.bash\" && COMP_WORDS=('$t' --he) && COMP_CWORD=1 &&
			_$(echo '$t' | tr -- - _) && printf \"%s\\n\" \"\${COMPREPLY[@]}\"" >out &&
		printf "%s\n" --help --help-options 2>/dev/null | grep -x -F -f out >/dev/null
	'

	# After a subcommand, --<TAB> offers exactly its options.
	for sub in $($t --help-options | sed -n "s/^\([^ 	-][^ 	]*\) --.*/\1/p" | uniq); do
		test_expect_success "$t $sub: bash completion offers the subcommand's options" '
			'$t' --help-options >opts &&
			awk -F "	" -v s='$sub' "index(\$1, s \" --\") == 1 { print substr(\$1, length(s) + 2) }" opts |
				sort >want &&
			bash -c ". \"$TOP_DIR/completions/'$t'.bash\" && COMP_WORDS=('$t' '$sub' --) && COMP_CWORD=2 &&
				_$(echo '$t' | tr -- - _) && printf \"%s\\n\" \"\${COMPREPLY[@]}\"" >out &&
			sort out >got &&
			test_cmp want got
		'
	done
done

# The version every tool prints, from the one place that sets it.
version=$(sed -n 's/^#define YQ_VERSION "\(.*\)"$/\1/p' "$TOP_DIR/common/yq.h")

for t in $tools; do
	test_expect_success "$t: --version prints one line: the tool and the yq version" '
		test -n "$version" &&
		'$t' --version >out 2>err &&
		echo "'$t' (yq) $version" >expect &&
		test_cmp expect out &&
		test_must_be_empty err
	'

	test_expect_success "$t: a bad option exits 2 with the usage on stderr" '
		test_expect_code 2 '$t' --no-such-option >out 2>err &&
		test_must_be_empty out &&
		echo "'$t': unknown option '"'"'--no-such-option'"'"'" >expect &&
		head -n 1 err >actual &&
		test_cmp expect actual &&
		'$t' --help >help &&
		head -n 1 help >usage &&
		test_grep "^usage: '$t' " usage &&
		sed -n 2p err >actual &&
		test_cmp usage actual
	'
done

command -v zsh >/dev/null 2>&1 && test_set_prereq ZSH

# Loaded by compinit in a zsh without the user's setup (-f), each file
# must register itself for its tool; run with _arguments replaced by a
# stub that prints its specs, it must offer exactly the tool's options.
cat >zload <<'EOF'
fpath=("$1" $fpath)
autoload -Uz compinit && compinit -u -D || exit 1
[[ $_comps[$2] = _$2 ]] || { print -u2 "compinit: $2 -> '$_comps[$2]'"; exit 1 }
autoload +X _$2 || exit 1
_arguments() { print -rl -- "$@" }
# A third argument is a subcommand: complete the word after it.
if [[ -n $3 ]]; then
	words=($2 $3 '') CURRENT=3
fi
_$2
EOF

for t in $tools; do
	test_expect_success ZSH "$t: zsh completion parses, loads and offers the options" '
		zsh -n "$TOP_DIR/completions/_'$t'" &&
		zsh -f zload "$TOP_DIR/completions" '$t' >specs 2>err &&
		test_must_be_empty err &&
		grep "\[" specs | sed -e "s/^([^)]*)//" -e "s/\[.*//" | sort -u >got &&
		'$t' --help-options >opts &&
		awk -F "	" "\$1 ~ /^-/ { print \$1; if (\$2 != \"\") print \$2 }" opts |
			sort -u >want &&
		test_cmp want got
	'

	for sub in $($t --help-options | sed -n "s/^\([^ 	-][^ 	]*\) --.*/\1/p" | uniq); do
		test_expect_success ZSH "$t $sub: zsh completion offers the subcommand's options" '
			zsh -f zload "$TOP_DIR/completions" '$t' '$sub' >specs 2>err &&
			test_must_be_empty err &&
			grep "\[" specs | sed -e "s/^([^)]*)//" -e "s/\[.*//" | sort -u >got &&
			'$t' --help-options >opts &&
			awk -F "	" -v s='$sub' "index(\$1, s \" --\") == 1 { print substr(\$1, length(s) + 2); if (\$2 != \"\") print \$2 }" opts |
				sort -u >want &&
			test_cmp want got
		'
	done
done

test_done
