#!/bin/sh
test_description='yq-score: who is speaking (author_type) decides an official release'
. "$(dirname "$0")"/test-lib.sh

test_expect_success 'setup: one forecast and one complaint, with and without author_type' '
	cat >in.ndjson <<-\EOF
	{"id":"a1","platform":"weibo","author":"沄江天气","author_type":"government","text":"【寒潮预警】明天沄江市将有一次明显降温过程，最低气温降至2℃。","published_at":"2026-11-20T06:30:00+08:00"}
	{"id":"a2","platform":"weibo","author":"沄江天气","text":"【寒潮预警】明天沄江市将有一次明显降温过程，最低气温降至2℃。","published_at":"2026-11-20T06:30:00+08:00"}
	{"id":"a3","platform":"weibo","author":"小区业主发布","author_type":"person","text":"情况通报：小区门口垃圾站臭气熏天，物业不管。","published_at":"2026-11-20T06:30:00+08:00"}
	{"id":"a4","platform":"weibo","author":"小区业主发布","text":"情况通报：小区门口垃圾站臭气熏天，物业不管。","published_at":"2026-11-20T06:30:00+08:00"}
	EOF
'

test_expect_success 'a government account'"'"'s forecast is an answer; a person'"'"'s complaint is not, whatever its name' '
	yq-seg <in.ndjson >seg &&
	yq-score seg >out 2>err &&
	test_must_be_empty err &&
	jq -c "[.id, .categories, .sentiment.label]" out >got &&
	cat >expect <<-\EOF &&
	["a1",["official_answer"],"neutral"]
	["a2",[],"neutral"]
	["a3",["public_interest"],"negative"]
	["a4",["public_interest","official_answer"],"neutral"]
	EOF
	test_cmp expect got
'

test_done
