#!/bin/sh
test_description='yq-report weekly and monthly: the briefing over a period, with the one before; what it rests on'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/report
NOW="--now 2026-11-23T00:00:00+08:00"

test_expect_success 'weekly: 周报 over seven days, drawn per day' '
	yq-report weekly --no-state $NOW -f json "$D/pipeline.ndjson" >w.json 2>err &&
	test_must_be_empty err &&
	jq -c "[.report, .title, .subtitle, (.sections[] | select(.name == \"volume\") | .chart | [.x[0], .x[-1], (.x | length), (.series[0].values | add)])]" w.json >got &&
	echo "[\"weekly\",\"沄江市网络舆情周报\",\"2026-11-16 00:00 — 2026-11-23 00:00\",[\"2026-11-16\",\"2026-11-22\",7,300]]" >expect &&
	test_cmp expect got &&
	jq -r ".sections[] | select(.name == \"overview\") | .title, .statements[0].text" w.json >got &&
	printf "%s\n" 本周概况 "11月16日00时至11月23日00时，共监测到涉沄江市网络信息300条，其中负面128条，占42.7%；前一时段无数据可比。" >expect &&
	test_cmp expect got
'

test_expect_success 'a period of two days with the two before it: the change (环比)' '
	yq-report weekly --no-state $NOW --since 2026-11-21T00:00:00+08:00 -f json "$D/pipeline.ndjson" >w2.json &&
	jq -r ".sections[] | select(.name == \"overview\") | .statements[0].text" w2.json >got &&
	echo "11月21日00时至11月23日00时，共监测到涉沄江市网络信息202条，其中负面91条，占45.0%；较前一时段（98条）增加106.1%。" >expect &&
	test_cmp expect got
'

test_expect_success 'monthly from the state: no comparison with a period it does not hold whole' '
	yq-report monthly --db s.db $NOW -f json "$D/pipeline.ndjson" >m.json 2>err &&
	test_must_be_empty err &&
	jq -c "[.report, .title, .form.issue, (.sections[] | select(.name == \"overview\") | .statements[0].text)]" m.json >got &&
	echo "[\"monthly\",\"沄江市网络舆情月报\",1,\"10月24日00时至11月23日00时，共监测到涉沄江市网络信息300条，其中负面128条，占42.7%；前一时段无数据可比。\"]" >expect &&
	test_cmp expect got &&
	yq-report daily --db s.db $NOW -f json </dev/null >d.json &&
	jq -c "[.report, .form.issue]" d.json >got && echo "[\"daily\",1]" >expect && test_cmp expect got
'

test_expect_success 'what the report rests on: sources, posts, copies, lines skipped' '
	{ cat "$D/pipeline.ndjson"; echo "{oops"; } >bad.ndjson &&
	test_expect_code 2 yq-report daily --no-state $NOW -f json bad.ndjson >c.json 2>err &&
	jq -r ".sections[] | select(.name == \"coverage\") | .statements[0] | \"\(.text) \(.posts | length)\"" c.json >got &&
	echo "本报告依据7个来源的帖子63条，其中转载、重复39条已计入原帖所在事件；输入中无法读取的1行已跳过。 63" >expect &&
	test_cmp expect got
'

test_done
