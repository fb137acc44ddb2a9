#!/bin/sh
test_description='yq-explore: mark, answer and merge act through yq-deadline on the state store'
. "$(dirname "$0")"/test-lib.sh

R=$TEST_DIR/data/report
DEMO=$TEST_DIR/data/demo
NOW="--now 2026-11-23T00:00:00+08:00"
USER=ana
export USER

test_expect_success 'setup: the demo records judged with the state store' '
	jq -c "del(.response)" "$R/pipeline.ndjson" >in.ndjson &&
	yq-deadline --db s.db --places "$DEMO/places.tsv" $NOW in.ndjson >out.ndjson;
	test $? = 1
'

test_expect_success 'mark, answer and merge from the shell: the corrections kept' '
	yq-explore --db s.db --now 2026-11-23T09:30:00+08:00 -c "event E8bcd2bf71021; mark E8bcd false_alarm 外省旧闻 非本地; answer E3b32 \"2026-11-22 20:00\" statement 临河市人民政府; merge Ed7953 E745e 同一话题" \
		out.ndjson >got 2>err &&
	test_must_be_empty err &&
	tail -n 3 got >ids && printf "1\n2\n3\n" >expect && test_cmp expect ids &&
	yq-deadline corrections --db s.db >got &&
	cat >expect <<-\EOT &&
	{"id":1,"at":"2026-11-23T09:30:00+08:00","by":"ana","verb":"mark","event_id":"E8bcd2bf71021","value":"false_alarm","reason":"外省旧闻 非本地"}
	{"id":2,"at":"2026-11-23T09:30:00+08:00","by":"ana","verb":"answer","event_id":"E3b3215369178","value":"{\"at\":\"2026-11-22T20:00:00+08:00\",\"form\":\"statement\",\"by\":\"临河市人民政府\"}","reason":""}
	{"id":3,"at":"2026-11-23T09:30:00+08:00","by":"ana","verb":"merge","event_id":"Ed7953c67af3e","value":"E745e69558ae2","reason":"同一话题"}
	EOT
	test_cmp expect got
'

test_expect_success 'bad ids and usage: yq-deadline'"'"'s message and status' '
	test_expect_code 2 yq-explore --db s.db -c "mark Enope watch 不知道" out.ndjson >out 2>err &&
	echo "yq-deadline: no event '"'"'Enope'"'"' in the state" >expect && test_cmp expect err &&
	test_expect_code 2 yq-explore --db s.db -c "mark E8bcd watch" out.ndjson >out 2>err &&
	echo "yq-explore: mark: usage: mark ID false_alarm|no_answer|watch REASON" >expect &&
	test_cmp expect err &&
	test_expect_code 2 yq-explore --db s.db -c "answer E3b32 2026-11-22" out.ndjson >out 2>err &&
	echo "yq-explore: answer: usage: answer ID TIME FORM BODY [URL]" >expect &&
	test_cmp expect err &&
	test_expect_code 2 yq-explore --db s.db -c "merge E8bcd" out.ndjson >out 2>err &&
	echo "yq-explore: merge: usage: merge ID INTO REASON" >expect &&
	test_cmp expect err &&
	test_expect_code 2 yq-explore --no-state -c "mark E8bcd watch x" out.ndjson >out 2>err &&
	echo "yq-deadline: corrections need the state store: drop --no-state" >expect &&
	test_cmp expect err &&
	yq-deadline corrections --all --db s.db >got && test_line_count = 3 got
'

test_done
