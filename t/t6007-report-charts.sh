#!/bin/sh
test_description='yq-report: hot words from yq-seg keywords, ranked bars, key posts without their reposts'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/report
NOW="--now 2026-11-23T00:00:00+08:00"

test_expect_success 'daily: hot words by the posts that have them, reposts and place names left out' '
	yq-report daily --no-state $NOW -f json "$D/pipeline.ndjson" >d.json 2>err &&
	test_must_be_empty err &&
	jq -c ".sections[] | select(.name == \"hot_words\") | [.table.keys, .table.rows[0:4], (.table.rows | length)]" d.json >got &&
	echo "[[\"word\",\"posts\",\"share\"],[[\"供餐\",4,\"16.7%\"],[\"临河\",3,\"12.5%\"],[\"二手房\",3,\"12.5%\"],[\"公积金\",3,\"12.5%\"]],20]" >expect &&
	test_cmp expect got &&
	! jq -r ".sections[] | select(.name == \"hot_words\") | .table.rows[][0]" d.json | grep -qx "沄江市"
'

test_expect_success 'html: places, platforms and hot words as ranked bars, each with its count' '
	yq-report daily --no-state $NOW -f html -o d.html "$D/pipeline.ndjson" &&
	xmllint --noout d.html &&
	for s in places platforms hot_words; do
		sed -n "/<section id=\"$s\">/,/<\/section>/p" d.html | grep -o "<svg[^>]*class=\"rank\"" || return 1
	done >svgs &&
	test_line_count = 3 svgs &&
	sed -n "/<section id=\"platforms\">/,/<\/section>/p" d.html | grep -o "<title>[^<]*</title>" >got &&
	printf "%s\n" "<title>微博: 50</title>" "<title>新闻: 8</title>" "<title>微信: 2</title>" \
		"<title>政务: 2</title>" "<title>论坛: 1</title>" >expect &&
	test_cmp expect got
'

test_expect_success 'text and csv: a ranked chart is its table, not drawn twice' '
	yq-report daily --no-state $NOW "$D/pipeline.ndjson" >d.txt &&
	sed -n "/^平台分布/,/^\$/p" d.txt >got &&
	cat >expect <<-\EOT &&
	平台分布
	--------
	  平台  帖子数  占比
	  微博      50  79.4%
	  新闻       8  12.7%
	  微信       2  3.2%
	  政务       2  3.2%
	  论坛       1  1.6%

	EOT
	test_cmp expect got
'

test_expect_success 'event: key posts are the event'"'"'s own, no repost (dup_of) among them' '
	yq-report event E596e --no-state $NOW -f json "$D/pipeline.ndjson" >e.json &&
	jq -r ".sections[] | select(.name == \"key_posts\") | .table.posts[]" e.json >ids &&
	test_line_count = 9 ids &&
	grep "\"dup_of\"" "$D/pipeline.ndjson" | jq -r .id >dups &&
	! grep -qxFf dups ids &&
	jq -r ".sections[] | select(.name == \"key_posts\") | .title" e.json >got &&
	echo "重点帖子（按热度，不含转发）" >expect && test_cmp expect got
'

test_done
