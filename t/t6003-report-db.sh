#!/bin/sh
test_description='yq-report with the state store: the current picture, whatever the batch held'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/report
NOW="--now 2026-11-23T00:00:00+08:00"
LATER="--now 2026-11-23T12:00:00+08:00"
# pipeline.ndjson is the demo corpus through the whole pipeline; fed
# once into the store, every later report is made from the store.

test_expect_success 'the first run: the briefing of the records alone, every event new to the store' '
	yq-report daily --db s.db $NOW -f json "$D/pipeline.ndjson" >first.json 2>err &&
	test_must_be_empty err &&
	jq "del(.issue, (.sections[] | select(.name == \"new_events\")))" first.json >got &&
	jq "del(.sections[] | select(.name == \"new_events\"))" "$D/daily.json" >expect &&
	test_cmp expect got &&
	jq -c "[(.sections[] | select(.name == \"new_events\") | .table.rows | length),
		(.sections[] | select(.name == \"events\") | .table.rows | length)]" first.json >got &&
	echo "[17,17]" >expect && test_cmp expect got
'

test_expect_success 'a run with nothing new at the same time writes the same briefing' '
	yq-report daily --db s.db $NOW -f json </dev/null >out.json 2>err &&
	test_must_be_empty err &&
	test_cmp first.json out.json &&
	yq-report daily --db s.db $NOW </dev/null >out.txt 2>err &&
	test_must_be_empty err &&
	yq-report daily --db s.db $NOW "$D/pipeline.ndjson" >again.txt 2>err &&
	test_must_be_empty err && test_cmp out.txt again.txt
'

test_expect_success 'the event report and the assessment from the store alone' '
	yq-report event E596e --db s.db $NOW -f csv </dev/null >out.csv 2>err &&
	test_must_be_empty err && test_cmp "$D/pipeline-event.csv" out.csv &&
	yq-report assess --db s.db $NOW </dev/null >out 2>err &&
	test_must_be_empty err && test_cmp "$D/pipeline-assess.txt" out
'

test_expect_success 'twelve hours on, nothing new: each deadline judged again at --now' '
	yq-report daily --db s.db $LATER -f csv --table deadlines </dev/null >out.csv 2>err &&
	test_must_be_empty err &&
	tr -d "\r" <out.csv >got &&
	cat >expect <<-\EOT &&
	"事件","级别","时限","剩余小时","第一责任主体","形式","状态"
	"青石化工园区爆炸，离我家三公里，玻璃碎了一地","一般","11-22 17:05","-18.9","青石县人民政府","回应","逾期未回应"
	"临河部分区域停水超24小时 居民盼尽快恢复供水","-","11-22 19:15","-16.8","临河市住房和城乡建设局","回应","逾期未回应"
	"联名信已经有两千三百多人签了，明天上午九点大家去北溪区政府门口递交，理性表达，不","-","11-22 21:10","-14.8","北溪区人民政府","回应","逾期未回应"
	"昨天的沄江二手房新规，后台几百条私信问能不能卖房","-","11-23 10:10","-1.8","沄江市人民政府","回应","逾期未回应"
	"河西片晚上来了半小时水又停了，到底什么情况","-","11-23 21:30","9.5","临河市人民政府","回应","待回应"
	"我市调整住房公积金使用政策 二手房交易公积金贷款须满足房龄要求","-","11-22 09:40","-","沄江市住房和城乡建设局","回应","超时回应"
	EOT
	test_cmp expect got
'

test_expect_success 'the events reported in a window are new all through it, then not' '
	yq-report daily --db s.db --now 2026-11-23T00:10:00+08:00 -f json </dev/null >a.json &&
	jq ".sections[] | select(.name == \"new_events\") | .table.rows | length" a.json >got &&
	echo 17 >expect && test_cmp expect got &&
	cat >late <<-\EOT &&
	{"kind":"post","id":"late1","event_id":"E596e9b21c3ab","title":"又有人说起这件事","published_at":"2026-11-24T05:00:00+08:00","platform":"weibo"}
	EOT
	grep "\"kind\":\"event\",\"event_id\":\"E596e9b21c3ab\"" "$D/pipeline.ndjson" >ev &&
	jq -c ".last_seen = \"2026-11-24T05:00:00+08:00\" | .posts += 1" ev >>late &&
	yq-report daily --db s.db --now 2026-11-24T06:00:00+08:00 -f json late >b.json &&
	jq -c "[(.sections[] | select(.name == \"new_events\") | .table.rows | length),
		(.sections[] | select(.name == \"events\") | .table.ids)]" b.json >got &&
	echo "[0,[\"E596e9b21c3ab\"]]" >expect && test_cmp expect got
'

test_expect_success 'a later record of an event takes the place of the one stored' '
	grep "\"event_id\":\"E596e" "$D/pipeline.ndjson" | grep "\"kind\":\"event\"" >ev &&
	jq -c ".title = \"新标题\"" ev >ev2 &&
	yq-report event E596e --db s.db $NOW -f json ev2 >e.json &&
	jq -r .title e.json >got && echo 新标题 >expect && test_cmp expect got
'

test_expect_success 'a bad line is named and not kept; the report is still written, exit 2' '
	printf "%s\n" "{oops" "{\"id\":\"p\",\"text\":\"x\"}" >bad &&
	test_expect_code 2 yq-report daily --db s.db $NOW bad >out 2>err &&
	cat >expect <<-\EOT &&
	yq-report: bad:1: invalid JSON: string or '"'"'}'"'"' expected near '"'"'oops'"'"' (column 5)
	yq-report: bad:2: post without a valid published_at
	EOT
	test_cmp expect err &&
	sqlite3 s.db "SELECT count(*) FROM report_records WHERE key = '"'"'p:p'"'"'" >got &&
	echo 0 >expect && test_cmp expect got
'

test_expect_success 'a state store that cannot be opened: exit 3, nothing written' '
	mkdir dir.db &&
	test_expect_code 3 yq-report daily --db dir.db $NOW -o r.txt "$D/pipeline.ndjson" 2>err &&
	test_grep "^yq-report: state: " err &&
	! test -e r.txt
'

test_done
