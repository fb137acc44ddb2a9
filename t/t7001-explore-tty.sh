#!/bin/sh
test_description='yq-explore at a real terminal: completion and history (tmux)'
. "$(dirname "$0")"/test-lib.sh

command -v tmux >/dev/null 2>&1 && test_set_prereq TMUX
SOCK=yqtest.$$.1
cp "$TEST_DIR"/data/explore/small.ndjson .

tm() {
	tmux -L "$SOCK" "$@"
}

# Wait up to 10 s for the screen to show a fixed string.
screen_has() {
	i=0
	while test $i -lt 100; do
		tm capture-pane -p -t yq >screen 2>/dev/null
		grep -F -q -- "$1" screen && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "screen never showed '$1':" >&2
	cat screen >&2
	return 1
}

start() {
	tm new-session -d -s yq -x 200 -y 40 \
		"env HOME='$HOME' XDG_STATE_HOME='$XDG_STATE_HOME' PATH='$PATH' \
		 TERM=screen INPUTRC=/dev/null yq-explore small.ndjson; echo yq-explore exited \$?; sleep 30" &&
	screen_has "yq>"
}

test_expect_success TMUX 'the banner says what was loaded' '
	start &&
	screen_has "9 records (7 posts, 2 events) from 2026-11-20T09:10:00+08:00 to 2026-11-22T11:00:00+08:00; 9 selected"
'

test_expect_success TMUX 'Tab completes a command and a field name' '
	tm send-keys -t yq "cou" Tab &&
	screen_has "yq> count" &&
	tm send-keys -t yq "by plat" Tab &&
	screen_has "yq> count by platform" &&
	tm send-keys -t yq Enter &&
	screen_has "weibo"
'

test_expect_success TMUX 'Tab completes an event id and a place name' '
	tm send-keys -t yq "event E9" Tab &&
	screen_has "yq> event E9f8e7d6c5b4a" &&
	tm send-keys -t yq C-u "where places.name=北" Tab &&
	screen_has "yq> where places.name=北溪区" &&
	tm send-keys -t yq Enter &&
	screen_has "5 of 9 records"
'

test_expect_success TMUX 'Tab completes the event ids, verdicts and forms of mark, answer and merge' '
	tm send-keys -t yq C-u "mark E9" Tab &&
	screen_has "yq> mark E9f8e7d6c5b4a" &&
	tm send-keys -t yq "fal" Tab &&
	screen_has "yq> mark E9f8e7d6c5b4a false_alarm" &&
	tm send-keys -t yq C-u "answer E9f8e7d6c5b4a 2026-11-22 press" Tab &&
	screen_has "yq> answer E9f8e7d6c5b4a 2026-11-22 press_conference" &&
	tm send-keys -t yq C-u "merge E9f8e7d6c5b4a E9" Tab &&
	screen_has "yq> merge E9f8e7d6c5b4a E9f8e7d6c5b4a" &&
	tm send-keys -t yq C-u
'

test_expect_success TMUX 'quit saves the history' '
	tm send-keys -t yq "quit" Enter &&
	screen_has "yq-explore exited 0" &&
	tm kill-server &&
	test_grep "count by platform" "$XDG_STATE_HOME/yq/explore_history" &&
	test_grep "where places.name=北溪区" "$XDG_STATE_HOME/yq/explore_history"
'

# A server of its own: a new session on the socket of one being killed
# can reach the dying server.
test_expect_success TMUX 'a new session recalls the last command with Up' '
	SOCK=yqtest.$$.2 &&
	start &&
	tm send-keys -t yq Up &&
	screen_has "yq> quit" &&
	tm send-keys -t yq Up &&
	screen_has "yq> where places.name=北溪区" &&
	tm send-keys -t yq C-u "quit" Enter &&
	tm kill-server
'

for n in 1 2; do
	tmux -L yqtest.$$.$n kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/yqtest.$$.$n"
done
test_done
