#!/bin/sh
test_description='yq-report: daily, event and assess reports in every format; bad input'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/report
NOW="--now 2026-11-23T00:00:00+08:00"
# pipeline.ndjson: the demo corpus through the whole pipeline (frozen:
# demo/out/deadline.ndjson after `make demo`);
# labelled.ndjson: its posts grouped by their true events, through
# yq-deadline --explain.

test_expect_success 'daily, text: pinned' '
	yq-report daily --no-state $NOW "$D/pipeline.ndjson" >out 2>err &&
	test_must_be_empty err &&
	test_cmp "$D/daily.txt" out
'

test_expect_success 'daily, md, csv and json: pinned' '
	yq-report daily --no-state $NOW -f md "$D/pipeline.ndjson" >out.md &&
	test_cmp "$D/daily.md" out.md &&
	yq-report daily --no-state $NOW -f csv "$D/pipeline.ndjson" >out.csv &&
	test_cmp "$D/daily.csv" out.csv &&
	yq-report daily --no-state $NOW -f json "$D/pipeline.ndjson" >out.json &&
	test_cmp "$D/daily.json" out.json
'

test_expect_success 'daily: the volume chart has every hour of the window, empty ones as 0' '
	jq -c ".sections[] | select(.name == \"volume\") | .chart | [(.x | length), .x[0], .x[23], (.series[0].values | map(select(. == 0)) | length), (.series[0].values | add)]" out.json >got &&
	echo "[24,\"11-22 00:00\",\"11-22 23:00\",4,63]" >expect && test_cmp expect got &&
	jq -r ".summary[0] | @tsv" out.json >got && printf "帖子\t63\n" >expect && test_cmp expect got
'

test_expect_success 'daily: deadlines overdue first; tables capped with a count' '
	jq -r ".sections[] | select(.name == \"deadlines\") | .table.flags[0:3] | @tsv" out.json >got &&
	printf "overdue\toverdue\toverdue\n" >expect && test_cmp expect got &&
	yq-report daily --no-state $NOW -f json --max-rows 3 "$D/pipeline.ndjson" >capped &&
	jq -c ".sections[] | select(.name == \"events\") | [(.table.rows | length), .table.more, .table.more_label]" capped >got &&
	echo "[3,14,\"另有 14 项未列出\"]" >expect && test_cmp expect got
'

test_expect_success 'csv: one table with --table, a BOM with --bom; Excel line ends' '
	yq-report daily --no-state $NOW -f csv --table platforms --bom "$D/pipeline.ndjson" >p.csv &&
	printf "\357\273\277\"平台\",\"帖子数\",\"占比\"\r\n\"微博\",\"50\",\"79.4%%\"\r\n\"新闻\",\"8\",\"12.7%%\"\r\n\"微信\",\"2\",\"3.2%%\"\r\n\"政务\",\"2\",\"3.2%%\"\r\n\"论坛\",\"1\",\"1.6%%\"\r\n" >expect &&
	test_cmp expect p.csv &&
	test_expect_code 2 yq-report daily --no-state $NOW -f csv --table nosuch "$D/pipeline.ndjson" 2>err &&
	test_grep "no table .nosuch." err
'

test_expect_success 'event report: text and md pinned; the response against its deadlines' '
	yq-report event chem_blast --no-state $NOW "$D/labelled.ndjson" >out &&
	test_cmp "$D/event.txt" out &&
	yq-report event chem_blast --no-state $NOW -f md "$D/labelled.ndjson" >out.md &&
	test_cmp "$D/event.md" out.md &&
	yq-report event chem --no-state $NOW -f json "$D/labelled.ndjson" >ev.json &&
	jq -r ".sections[] | select(.name == \"response\") | .table.rows[] | @tsv" ev.json >got &&
	printf "回应\t11-20 20:20\t11-20 18:15\t已按时回应\n新闻发布会\t11-21 15:20\t11-21 18:40\t超时回应\n" >expect &&
	test_cmp expect got
'

test_expect_success 'assess: laggards first, pinned in csv and json' '
	yq-report assess --no-state $NOW -f csv "$D/labelled.ndjson" >a.csv &&
	test_cmp "$D/assess.csv" a.csv &&
	yq-report assess --no-state $NOW -f json "$D/labelled.ndjson" >a.json &&
	jq -r ".sections[0].table.rows[0][0]" a.json >got &&
	echo 临河市住房和城乡建设局 >expect && test_cmp expect got
'

test_expect_success 'the demo pipeline: assess as text, an event (merged, by a prefix) as csv and json: pinned' '
	yq-report assess --no-state $NOW "$D/pipeline.ndjson" >out 2>err &&
	test_must_be_empty err && test_cmp "$D/pipeline-assess.txt" out &&
	yq-report event E596e --no-state $NOW -f csv "$D/pipeline.ndjson" >out.csv 2>err &&
	test_must_be_empty err && test_cmp "$D/pipeline-event.csv" out.csv &&
	yq-report event E596e --no-state $NOW -f json "$D/pipeline.ndjson" >out.json 2>err &&
	test_must_be_empty err && test_cmp "$D/pipeline-event.json" out.json
'

test_expect_success 'English labels with --lang en' '
	yq-report assess --no-state $NOW --lang en "$D/labelled.ndjson" >out &&
	head -n 1 out >got && echo "Response assessment: 沄江市" >expect && test_cmp expect got &&
	test_grep "on-time rate" out
'

test_expect_success 'html: well-formed, self-contained, one bar per hour (and class, in sentiment), escaped' '
	yq-report daily --no-state $NOW -f html -o d.html "$D/pipeline.ndjson" &&
	xmllint --noout d.html &&
	! grep -qi "<script\|https\?://[^\"]*\.\(css\|js\|png\|woff\)" d.html &&
	test "$(grep -o "<rect class=\"bar\"" d.html | wc -l)" = 127 &&
	jq -c ".kind = \"event\" | .event_id = \"x\" | .title = \"<b>&amp;\\\"</b>\" | .first_seen = \"2026-11-22T10:00:00+08:00\" | .last_seen = .first_seen" \
		<"$D/labelled.ndjson" | head -n 1 >evil &&
	yq-report event x --no-state $NOW -f html evil >e.html &&
	xmllint --noout e.html &&
	grep -q "&lt;b&gt;&amp;amp;&quot;&lt;/b&gt;" e.html
'

test_expect_success 'daily with state: events reported in a window stay new through it (t6003: not after)' '
	yq-report daily --db r.db $NOW -f json "$D/pipeline.ndjson" >first &&
	yq-report daily --db r.db $NOW -f json "$D/pipeline.ndjson" >second &&
	jq ".sections[] | select(.name == \"new_events\") | .table.rows | length" first >n1 &&
	jq ".sections[] | select(.name == \"new_events\") | .table.rows | length" second >n2 &&
	echo 17 >expect && test_cmp expect n1 && test_cmp expect n2
'

test_expect_success 'bad input: named with file and line, the report still made, exit 2' '
	{ head -n 3 "$D/labelled.ndjson"; echo "{oops"; echo "{\"id\":\"p\",\"text\":\"x\"}"; } >bad &&
	test_expect_code 2 yq-report daily --no-state $NOW bad >out 2>err &&
	cat >expect <<-\EOT &&
	yq-report: bad:4: invalid JSON: string or '"'"'}'"'"' expected near '"'"'oops'"'"' (column 5)
	yq-report: bad:5: post without a valid published_at
	EOT
	test_cmp expect err && test -s out
'

test_expect_success 'options first mean the daily briefing, as from cron; from standard input too' '
	yq-report -f md --no-state $NOW <"$D/pipeline.ndjson" >got &&
	test_cmp "$D/daily.md" got &&
	yq-report --no-state $NOW -f csv "$D/pipeline.ndjson" >got &&
	test_cmp "$D/daily.csv" got &&
	test_expect_code 2 yq-report "$D/pipeline.ndjson" 2>err && test_grep "^usage: yq-report" err
'

test_expect_success 'usage: no report, unknown event, bad options' '
	test_expect_code 2 yq-report 2>err && test_grep "^usage: yq-report" err &&
	test_expect_code 2 yq-report yearly 2>err && test_grep "^usage: yq-report" err &&
	test_expect_code 2 yq-report event nosuch --no-state "$D/labelled.ndjson" 2>err &&
	test_grep "no event .nosuch." err &&
	test_expect_code 2 yq-report event --no-state 2>err &&
	test_grep "wants an event id" err &&
	test_expect_code 2 yq-report daily -f pdf "$D/labelled.ndjson" 2>err &&
	test_grep "format is text, md, html, csv or json" err &&
	test_expect_code 2 yq-report daily --since 2026-11-23 --until 2026-11-22 "$D/labelled.ndjson" 2>err &&
	test_grep "since must come before" err &&
	test_expect_code 2 yq-report daily --table x "$D/labelled.ndjson" 2>err &&
	test_grep "table goes with --format csv" err
'

test_done
