#!/bin/sh
test_description='yq-deadline: bodies with yq-score'"'"'s dept and level (泰顺警方 is 泰顺县公安局; 央行 a national organ)'
. "$(dirname "$0")"/test-lib.sh

post() {
	printf '{"id":"%s","kind":"post","platform":"weibo","text":"%s","author":"网友","published_at":"2026-03-01T08:00:00+08:00","categories":["%s"],"places":%s,"bodies":%s,"event_id":"%s"}\n' "$@"
}

test_expect_success 'a body'"'"'s dept names the owner, not its name less the place' '
	{
		post p1 "泰顺警方通报" public_interest \
			"[{\"name\":\"泰顺县\",\"code\":\"330329\",\"level\":\"county\",\"role\":\"body\"}]" \
			"[{\"name\":\"泰顺警方\",\"place\":\"330329\",\"dept\":\"公安局\",\"level\":\"county\"}]" e1 &&
		post p2 "泰顺警方回应" public_interest \
			"[{\"name\":\"泰顺县\",\"code\":\"330329\",\"level\":\"county\",\"role\":\"body\"}]" \
			"[{\"name\":\"泰顺警方\",\"place\":\"330329\",\"dept\":\"公安局\",\"level\":\"county\"}]" e1
	} >in.ndjson &&
	yq-deadline --no-state --only-events --now 2026-03-02T12:00:00+08:00 in.ndjson >out 2>err &&
	test_must_be_empty err &&
	jq -r ".response.owner | join(\",\")" out >got &&
	echo 泰顺县公安局 >expect &&
	test_cmp expect got
'

test_expect_success 'a national body is a State Council department: the owner of a policy misreading with no place' '
	post p3 "网传央行将发新币" policy_misreading "[]" \
		"[{\"name\":\"央行\",\"dept\":\"中国人民银行\",\"level\":\"national\"}]" e2 >in.ndjson &&
	yq-deadline --no-state --only-events --now 2026-03-02T12:00:00+08:00 in.ndjson >out 2>err &&
	test_must_be_empty err &&
	jq -r "[(.response.owner | join(\",\")), (.response.coordinator | join(\",\"))] | @tsv" out >got &&
	printf "中国人民银行\t国务院办公厅\n" >expect &&
	test_cmp expect got
'

test_done
