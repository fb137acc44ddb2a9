#!/bin/sh
test_description='yq-cluster: a comment joins the event of the post it answers (reply_to)'
. "$(dirname "$0")"/test-lib.sh

P=$TEST_DIR/data/platform
NOW="--now 2025-11-20T12:00:00+08:00"

test_expect_success 'a MediaCrawler thread: its post, comments and replies' '
	(cd "$P" && yq-fetch --no-state $NOW --from mediacrawler-weibo \
		search_contents_2025-11-20.csv search_comments_2025-11-20.jsonl) >posts &&
	yq-seg <posts >seg &&
	test_line_count = 4 seg
'

test_expect_success 'the thread is one event, with no guessing and no copies' '
	yq-cluster --no-state --attach 0 $NOW seg >out 2>err &&
	test_must_be_empty err &&
	jq -r "[.id, .event_id, .dup_of // \"-\"] | @tsv" out >got &&
	cat >expect <<-\EOF &&
	c795f057e32409ee	E43dda666b2d3	-
	6ce6e8b672fb0d6c	E3d469a92254b	-
	f0c396a5f600e34f	E43dda666b2d3	-
	bc56e1996595c3f1	E43dda666b2d3	-
	EOF
	test_cmp expect got
'

test_expect_success 'without reply_to the comments stand alone' '
	jq -c "del(.reply_to)" seg >bare &&
	yq-cluster --no-state --attach 0 $NOW bare >out &&
	jq -r .event_id out | sort -u >events &&
	test_line_count = 4 events
'

test_expect_success 'a reply_to that names no post seen is no link' '
	jq -c "if .reply_to then .reply_to = \"0000000000000000\" else . end" seg >lost &&
	yq-cluster --no-state --attach 0 $NOW lost >out &&
	jq -r .event_id out | sort -u >events &&
	test_line_count = 4 events
'

test_done
