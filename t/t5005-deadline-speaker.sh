#!/bin/sh
test_description='yq-deadline: who is speaking (author_type, author_body) decides an answer'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/deadline
NOW=2013-04-17T00:00:00+08:00
summary='[.event_id, .response.rule, .response.status, ([.response.answers[]? | .by] | join(","))] | @tsv'

test_expect_success 'a government account'"'"'s release answers, by the body it speaks for; its forecast is no incident' '
	yq-deadline --no-state --only-events --now $NOW "$D/speaker.ndjson" >out 2>err &&
	test_must_be_empty err &&
	jq -r "$summary" out >got &&
	printf "smell\tpublic_interest\tanswered\t洛阳市生态环境局\ncold\twatch\twatch\t\n" >expect &&
	test_cmp expect got
'

test_expect_success 'without author_type the names decide, as before' '
	jq -c "del(.author_type, .author_level, .author_body)" "$D/speaker.ndjson" >bare &&
	yq-deadline --no-state --only-events --now $NOW bare >out 2>err &&
	test_must_be_empty err &&
	jq -r "$summary" out >got &&
	printf "smell\tpublic_interest\tpending\t\ncold\temergency\tpending\t\n" >expect &&
	test_cmp expect got
'

test_done
