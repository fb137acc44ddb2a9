#!/bin/sh
test_description='yq-report at a real terminal (tmux): colour by default, none when told or when writing a file'
. "$(dirname "$0")"/test-lib.sh

command -v tmux >/dev/null 2>&1 && test_set_prereq TMUX
unset TMUX
S=$TEST_DIR/data/report/small.ndjson
NOW="--now 2026-11-23T00:00:00+08:00"
ESC=$(printf "\033")
N=0

# Run yq-report with its arguments in a pane of a tmux server of its own
# (a socket per run: a new session never reaches a server being killed),
# wait up to 10 s for it to exit, and keep the whole pane, escapes and
# all, in "pane".  The server is killed whatever happened, and its
# socket removed.
on_tty() {
	N=$((N + 1))
	sock=yqtest.$$.$N
	cmd=
	for arg; do
		cmd="$cmd '$arg'"
	done
	rm -f pane &&
	tmux -L "$sock" new-session -d -s yq -x 200 -y 50 -c "$PWD" \
		"env HOME='$HOME' PATH='$PATH' ${TTY_ENV:-} yq-report$cmd; echo yq-report exited \$?; sleep 30" &&
	i=0 &&
	while test $i -lt 100; do
		tmux -L "$sock" capture-pane -p -e -S - -E - -t yq >pane 2>/dev/null
		grep -q "^yq-report exited" pane && break
		sleep 0.1
		i=$((i + 1))
	done
	spath=$(tmux -L "$sock" display-message -p "#{socket_path}" 2>/dev/null)
	tmux -L "$sock" kill-server 2>/dev/null
	test -z "$spath" || rm -f "$spath"
	grep -q "^yq-report exited 0\$" pane && return 0
	echo "yq-report did not exit 0 on the terminal:" >&2
	cat pane >&2
	return 1
}

# The pane as text: escapes, the exit line and trailing blanks gone.
pane_text() {
	sed -e "s/$ESC\[[0-9;]*m//g" -e '/^yq-report exited/,$d' -e 's/ *$//' pane
}

test_expect_success 'the same report through a pipe, for comparison' '
	yq-report daily --no-state $NOW "$S" >plain 2>err &&
	test_must_be_empty err &&
	! grep -q "$ESC" plain &&
	sed "s/ *\$//" plain >plain.text
'

test_expect_success TMUX 'on a terminal, by default: bold titles, overdue rows red' '
	on_tty daily --no-state $NOW "$S" &&
	head -n 1 pane >got &&
	printf "%s[1m网络舆情日报\n" "$ESC" >expect && test_cmp expect got &&
	grep -c "$ESC\[31m" pane >got && echo 2 >expect && test_cmp expect got &&
	pane_text >got && test_cmp plain.text got
'

test_expect_success TMUX 'on a terminal: --colour auto and -o - colour too' '
	on_tty daily --no-state $NOW --colour auto -o - "$S" &&
	grep -c "$ESC\[31m" pane >got && echo 2 >expect && test_cmp expect got &&
	pane_text >got && test_cmp plain.text got
'

test_expect_success TMUX 'on a terminal: --colour never has none' '
	on_tty daily --no-state $NOW --colour never "$S" &&
	! grep -q "$ESC" pane &&
	pane_text >got && test_cmp plain.text got
'

test_expect_success TMUX 'on a terminal, -o FILE: the file has no colour' '
	on_tty daily --no-state $NOW -o file.txt "$S" &&
	pane_text >got && test_must_be_empty got &&
	test_cmp plain file.txt
'

i=0
while test $i -lt $N; do
	i=$((i + 1))
	tmux -L yqtest.$$.$i kill-server 2>/dev/null
done
test_expect_success TMUX 'on a terminal with NO_COLOR set: none, unless --colour always' '
	TTY_ENV=NO_COLOR=1 &&
	on_tty daily --no-state $NOW "$S" &&
	! grep -q "$ESC" pane &&
	pane_text >got && test_cmp plain.text got &&
	on_tty daily --no-state $NOW --colour always "$S" &&
	grep -c "$ESC\[31m" pane >got && echo 2 >expect && test_cmp expect got &&
	TTY_ENV=
'

test_done
