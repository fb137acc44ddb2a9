# test-lib.sh: the shell test harness, in the shape of git's t/test-lib.sh.
#
# A test script sets test_description, sources this file, runs
# test_expect_success / test_expect_code blocks and ends with test_done.
# Each script runs in its own scratch directory (t/trash.NAME, removed
# when every test passed) and prints TAP for prove.
#
#   YQ_BUILD   build tree whose bin/ holds the binaries (default: build)
#   TEST_DIR   this directory (t/), for fixtures: "$TEST_DIR/data/..."
#   -v         (or TEST_VERBOSE=1) show the commands' output

TEST_DIR=$(cd "$(dirname "$0")" && pwd)
TOP_DIR=$(cd "$TEST_DIR/.." && pwd)
: "${YQ_BUILD:=$TOP_DIR/build}"
case $YQ_BUILD in /*) ;; *) YQ_BUILD=$TOP_DIR/$YQ_BUILD ;; esac
SHARED_DIR=$(cd "$TOP_DIR/../shared" 2>/dev/null && pwd)
export TEST_DIR TOP_DIR YQ_BUILD SHARED_DIR
PATH=$YQ_BUILD/bin:$PATH
export PATH

# Tests must not depend on the caller's environment.
LC_ALL=C.UTF-8
TZ=Asia/Shanghai
YQ_DATA=$TOP_DIR/dict
unset YQ_DB CDPATH
# No report form of the machine's (/etc/yq/report.conf).
YQ_REPORT_CONF=/dev/null
export YQ_REPORT_CONF
export LC_ALL TZ YQ_DATA
case "$1" in -v|--verbose) TEST_VERBOSE=1 ;; esac

test_name=$(basename "$0" .sh)
TRASH_DIR=$TEST_DIR/trash.$test_name
rm -rf "$TRASH_DIR"
mkdir -p "$TRASH_DIR" || exit 1
cd "$TRASH_DIR" || exit 1
HOME=$TRASH_DIR
XDG_DATA_HOME=$TRASH_DIR/.local/share
XDG_STATE_HOME=$TRASH_DIR/.local/state
export HOME XDG_DATA_HOME XDG_STATE_HOME

test_count=0
test_failed=0
test_skipped=0

say() {
	printf '%s\n' "$*"
}

# Run the body in a subshell-free eval so that variables set by one test
# are seen by the next, as in git's harness.
test_run_() {
	if test -n "$TEST_VERBOSE"; then
		eval "$1"
	else
		eval "$1" >"$TRASH_DIR/.out" 2>&1
	fi
}

test_ok_() {
	test_count=$((test_count + 1))
	say "ok $test_count - $1"
}

test_failure_() {
	test_count=$((test_count + 1))
	test_failed=$((test_failed + 1))
	say "not ok $test_count - $1"
	printf '%s\n' "$2" | sed 's/^/#	/'
	if test -z "$TEST_VERBOSE" && test -s "$TRASH_DIR/.out"; then
		sed 's/^/#	> /' "$TRASH_DIR/.out" | head -n 60
	fi
}

# test_expect_success [PREREQ] 'description' 'commands'
test_expect_success() {
	if test $# = 3; then
		if ! test_have_prereq "$1"; then
			test_skip_ "$2" "missing $1"
			return 0
		fi
		shift
	fi
	if test_run_ "$2"; then
		test_ok_ "$1"
	else
		test_failure_ "$1" "$2"
	fi
}

test_skip_() {
	test_count=$((test_count + 1))
	test_skipped=$((test_skipped + 1))
	say "ok $test_count # skip $1 ($2)"
}

# Prerequisites: test_set_prereq NAME; test_have_prereq NAME.
test_prereqs_=" "
test_set_prereq() {
	test_prereqs_="$test_prereqs_$1 "
}
test_have_prereq() {
	case "$test_prereqs_" in *" $1 "*) return 0 ;; esac
	return 1
}
command -v python3 >/dev/null 2>&1 && test_set_prereq PYTHON3
test -n "$SHARED_DIR" && test -d "$SHARED_DIR/data" && test_set_prereq SHARED_DATA

# test_expect_code N command args...: the command must exit with N.
test_expect_code() {
	want=$1
	shift
	"$@"
	got=$?
	if test "$got" = "$want"; then
		return 0
	fi
	say "test_expect_code: command exited $got, wanted $want: $*" >&2
	return 1
}

# test_must_fail command...: exit status must be 1..125 (not a crash).
test_must_fail() {
	"$@"
	got=$?
	if test "$got" -eq 0; then
		say "test_must_fail: command succeeded: $*" >&2
		return 1
	elif test "$got" -gt 125; then
		say "test_must_fail: command died of a signal ($got): $*" >&2
		return 1
	fi
	return 0
}

# test_cmp expect actual: the files must be identical (diff shown if not).
test_cmp() {
	diff -u "$1" "$2"
}

# test_must_be_empty FILE
test_must_be_empty() {
	if test -s "$1"; then
		say "'$1' is not empty:" >&2
		cat "$1" >&2
		return 1
	fi
}

# test_line_count OP N FILE: e.g. test_line_count = 3 out
test_line_count() {
	n=$(wc -l <"$3")
	if ! test "$n" "$1" "$2"; then
		say "test_line_count: $3 has $n lines, wanted $1 $2" >&2
		return 1
	fi
}

# test_grep PATTERN FILE: like grep -q but shows the file when it fails.
test_grep() {
	if grep -q -e "$1" "$2"; then
		return 0
	fi
	say "test_grep: no '$1' in $2:" >&2
	head -n 20 "$2" >&2
	return 1
}

test_done() {
	say "1..$test_count"
	cd "$TEST_DIR" || exit 1
	if test "$test_failed" = 0; then
		rm -rf "$TRASH_DIR"
		exit 0
	fi
	say "# failed $test_failed among $test_count test(s)"
	exit 1
}
