#!/bin/sh
test_description='state store: schema, crash safety, two writers at once'
. "$(dirname "$0")"/test-lib.sh

test_expect_success 'a new database gets the schema; migrations add to it' '
	test-state migrate db 1 &&
	sqlite3 db "INSERT INTO rows(tag, batch, n) VALUES(\"old\", 0, 7)" &&
	test-state migrate db 3 &&
	sqlite3 db "SELECT tag, n, note IS NULL FROM rows" >out &&
	echo "old|7|1" >expect && test_cmp expect out &&
	sqlite3 db "SELECT component, version FROM yq_schema" >out &&
	echo "test|3" >expect && test_cmp expect out &&
	sqlite3 db "PRAGMA journal_mode" >out &&
	echo wal >expect && test_cmp expect out
'

test_expect_success 'a database newer than the code is refused' '
	test_expect_code 3 test-state migrate db 2 2>err &&
	echo "test-state: state database '"'"'db'"'"': schema for '"'"'test'"'"' is version 3, newer than this yq (2)" >expect &&
	test_cmp expect err
'

test_expect_success 'the database directory is created' '
	test-state migrate deep/er/db 1 && test -f deep/er/db
'

test_expect_success 'an unusable path is a clear error' '
	mkdir ro && echo x >ro/file &&
	test_expect_code 3 test-state migrate ro/file/db 1 2>err &&
	test_grep "cannot open state database .ro/file/db." err
'

# Kill a writer with SIGKILL at different moments: after it has reported
# N whole batches, and after a fraction of a second.  Each time the
# database must open, pass integrity_check, and hold only whole batches.
for n in 1 3 7; do
	test_expect_success "SIGKILL after $n batches leaves only whole batches" '
		rm -f k.db* && : >progress &&
		{ test-state write k.db w 100000 500 >>progress & } &&
		pid=$! &&
		i=0 && while test $i -lt 200 && test "$(wc -l <progress)" -lt '$n'; do
			sleep 0.05; i=$((i + 1)); done &&
		kill -9 $pid && { wait $pid; true; } &&
		test-state check k.db 500 >out &&
		test_grep "^ok [0-9]* batches" out &&
		got=$(sed "s/ok \([0-9]*\) batches/\1/" out) &&
		test "$got" -ge '$n'
	'
done

for t in 0.01 0.2 0.5; do
	test_expect_success "SIGKILL after $t s leaves only whole batches" '
		rm -f k.db* &&
		{ test-state write k.db w 100000 500 >/dev/null & } &&
		pid=$! && sleep '$t' && kill -9 $pid && { wait $pid; true; } &&
		test-state check k.db 500 >out &&
		test_grep "^ok [0-9]* batches" out
	'
done

test_expect_success 'two writers at once both finish and keep every row' '
	rm -f two.db* && test-state migrate two.db 3 &&
	{ test-state write two.db a 40 200 >a.out 2>a.err & } && pa=$! &&
	{ test-state write two.db b 40 200 >b.out 2>b.err & } && pb=$! &&
	wait $pa && wait $pb &&
	test_must_be_empty a.err && test_must_be_empty b.err &&
	test-state check two.db 200 >out &&
	echo "ok 80 batches" >expect && test_cmp expect out
'

test_expect_success 'no --db, YQ_DB, XDG_DATA_HOME or HOME: refused, no yq.db made here' '
	mkdir nohome && (
		cd nohome &&
		test_expect_code 3 env -u HOME -u XDG_DATA_HOME -u YQ_DB \
			yq-cluster </dev/null 2>../err
	) &&
	echo "yq-cluster: no place for the state database: give --db FILE or --no-state, or set YQ_DB, XDG_DATA_HOME or HOME" >expect &&
	test_cmp expect err &&
	ls nohome >list && test_must_be_empty list &&
	env -u HOME -u XDG_DATA_HOME -u YQ_DB yq-cluster --no-state </dev/null
'

test_done
