#!/bin/sh
test_description='yq-deadline corrections (mark, set, merge, answer, undo, replay) and the digest'
. "$(dirname "$0")"/test-lib.sh

R=$TEST_DIR/data/report
DEMO=$TEST_DIR/data/demo
NOW="--now 2026-11-23T00:00:00+08:00"
USER=duty
export USER
# The demo fixture's records without their responses: yq-deadline gives
# them back as the fixture has them.  E8bcd2bf71021 (青石化工园区爆炸),
# E3b3215369178 (停水) and Ec967cf47623d (联名信) are overdue at $NOW.

judge() {
	yq-deadline --db s.db --places "$DEMO/places.tsv" "$@" in.ndjson >out.ndjson
	test $? -le 1
}

# The response of one event in out.ndjson, a few fields of it.
resp() {
	jq -c "select(.kind == \"event\" and .event_id == \"$1\") | .response | $2" out.ndjson
}

test_expect_success 'setup: the demo records judged with the state store' '
	jq -c "del(.response)" "$R/pipeline.ndjson" >in.ndjson &&
	judge $NOW &&
	jq -c "select(.kind == \"event\")" "$R/pipeline.ndjson" >expect &&
	jq -c "select(.kind == \"event\")" out.ndjson >got &&
	test_cmp expect got
'

test_expect_success 'ids are checked: unknown, ambiguous, empty; bad verdicts and missing reasons' '
	test_expect_code 2 yq-deadline mark Enope --as false_alarm --reason x --db s.db 2>err &&
	echo "yq-deadline: no event '"'"'Enope'"'"' in the state" >expect && test_cmp expect err &&
	test_expect_code 2 yq-deadline mark E8 --as false_alarm --reason x --db s.db 2>err &&
	echo "yq-deadline: event '"'"'E8'"'"' is ambiguous: more than one event starts so" >expect &&
	test_cmp expect err &&
	test_expect_code 2 yq-deadline mark "" --as false_alarm --reason x --db s.db 2>err &&
	test_expect_code 2 yq-deadline mark E8bcd --as wrong --reason x --db s.db 2>err &&
	echo "yq-deadline: --as is false_alarm, no_answer or watch: '"'"'wrong'"'"'" >expect &&
	test_cmp expect err &&
	test_expect_code 2 yq-deadline mark E8bcd --as watch --db s.db 2>err &&
	test_grep "^usage: yq-deadline mark" err &&
	test_expect_code 2 yq-deadline mark E8bcd --as watch --reason x --no-state 2>err &&
	test_expect_code 2 yq-deadline answer Enope --at 2026-11-22 --form statement --by x --db s.db 2>err &&
	test_expect_code 2 yq-deadline set E8bcd --level 很大 --reason x --db s.db 2>err &&
	echo "yq-deadline: --level is 特别重大, 重大, 较大 or 一般: '"'"'很大'"'"'" >expect &&
	test_cmp expect err &&
	test_expect_code 2 yq-deadline merge E8bcd --into E8bcd2bf71021 --reason x --db s.db 2>err &&
	echo "yq-deadline: an event cannot be merged into itself: '"'"'E8bcd2bf71021'"'"'" >expect &&
	test_cmp expect err &&
	test_expect_code 2 yq-deadline undo 99 --db s.db 2>err &&
	echo "yq-deadline: no correction 99 in the state" >expect && test_cmp expect err &&
	yq-deadline corrections --all --db s.db >got && test_must_be_empty got
'

test_expect_success 'mark: a false alarm, by whom, when and why; listed' '
	yq-deadline mark E8bcd --as false_alarm --by 张三 --reason "外省旧闻，非本地事故" \
		--db s.db --now 2026-11-23T08:00:00+08:00 >id &&
	echo 1 >expect && test_cmp expect id &&
	yq-deadline corrections --db s.db >got &&
	cat >expect <<-\EOT &&
	{"id":1,"at":"2026-11-23T08:00:00+08:00","by":"张三","verb":"mark","event_id":"E8bcd2bf71021","value":"false_alarm","reason":"外省旧闻，非本地事故"}
	EOT
	test_cmp expect got
'

test_expect_success 'the mark stands in later runs, a new post on the event too' '
	{ printf "%s\n" "{\"id\":\"new1\",\"event_id\":\"E8bcd2bf71021\",\"title\":\"又炸了？\",\"published_at\":\"2026-11-22T23:00:00+08:00\",\"categories\":[\"emergency.accident\"]}" &&
	  cat in.ndjson; } >in2 && mv in2 in.ndjson &&
	judge $NOW &&
	resp E8bcd2bf71021 "[.status, .must_respond, .hours_left, .machine.status, .corrections[0].reason]" >got &&
	echo "[\"false_alarm\",false,null,\"overdue\",\"外省旧闻，非本地事故\"]" >expect &&
	test_cmp expect got
'

test_expect_success 'set: an analyst'"'"'s kind and level move the deadlines; owner' '
	yq-deadline set Ec967 --kind emergency --level 重大 --owner 沄江市公安局 \
		--reason "聚集风险升级" --db s.db $NOW >ids &&
	printf "2\n3\n4\n" >expect && test_cmp expect ids &&
	judge $NOW &&
	resp Ec967cf47623d "[.rule, .level, .form, (.deadlines | map(.form)), .owner, .machine.owner]" >got &&
	echo "[\"emergency\",\"重大\",\"press_conference\",[\"statement\",\"press_conference\"],[\"沄江市公安局\"],[\"沄江市人民政府\"]]" >expect &&
	test_cmp expect got
'

test_expect_success 'merge: an event joins another; its posts count there' '
	yq-deadline merge Ed7953 --into E745e --reason "同一话题" --db s.db $NOW >id &&
	echo 5 >expect && test_cmp expect id &&
	judge $NOW &&
	jq -c "select(.kind == \"event\" and (.event_id == \"Ed7953c67af3e\" or .event_id == \"E745e69558ae2\")) | [.event_id, .response.status, .merged_into, .merged_from, .aliases]" out.ndjson >got &&
	cat >expect <<-\EOT &&
	["Ed7953c67af3e","merged","E745e69558ae2",null,["Ece6b2659a65b"]]
	["E745e69558ae2","watch",null,["Ed7953c67af3e"],["E7ecd01664949","E119bf449a687","Ed7953c67af3e"]]
	EOT
	test_cmp expect got
'

test_expect_success 'the reports: a marked event leaves the deadline table, the corrections are listed' '
	yq-report daily --db s.db $NOW -f csv --table deadlines out.ndjson >dl.csv &&
	! grep -q 青石化工园区爆炸 dl.csv &&
	yq-report daily --db s.db $NOW -f csv --table corrections </dev/null >c.csv &&
	tr -d "\r" <c.csv >got &&
	cat >expect <<-\EOT &&
	"事件","更正","理由","更正人","时间","事件编号"
	"早上五公里打卡，沄江边风好大，手都冻僵了","并入 E745e69558ae2","同一话题","duty","2026-11-23 00:00","Ed7953c67af3e"
	"青石化工园区爆炸，离我家三公里，玻璃碎了一地","标记为 误报","外省旧闻，非本地事故","张三","2026-11-23 08:00","E8bcd2bf71021"
	"联名信已经有两千三百多人签了，明天上午九点大家去北溪区政府门口递交，理性表达，不","责任主体改为 沄江市公安局","聚集风险升级","duty","2026-11-23 00:00","Ec967cf47623d"
	"联名信已经有两千三百多人签了，明天上午九点大家去北溪区政府门口递交，理性表达，不","类别改为 emergency","聚集风险升级","duty","2026-11-23 00:00","Ec967cf47623d"
	"联名信已经有两千三百多人签了，明天上午九点大家去北溪区政府门口递交，理性表达，不","级别改为 重大","聚集风险升级","duty","2026-11-23 00:00","Ec967cf47623d"
	EOT
	test_cmp expect got
'

test_expect_success 'the corrections in every format and report, with the reason' '
	for f in text md html json; do
		yq-report daily --db s.db $NOW -f $f </dev/null >daily.$f &&
		test_grep "外省旧闻，非本地事故" daily.$f || return 1
	done &&
	yq-report event E8bcd --db s.db $NOW -f md </dev/null >event.md &&
	test_grep "标记为 误报 | 外省旧闻，非本地事故 | 张三" event.md &&
	yq-report assess --db s.db $NOW </dev/null >assess.txt &&
	test_grep "标记为 误报  *外省旧闻，非本地事故" assess.txt &&
	! grep -q "^  青石县人民政府" assess.txt
'

test_expect_success 'undo: the report shows the machine'"'"'s judgement again at once' '
	yq-deadline undo 1 --reason "核实：确系本地事故" --by 李四 --db s.db \
		--now 2026-11-23T09:00:00+08:00 >id &&
	echo 6 >expect && test_cmp expect id &&
	yq-report daily --db s.db $NOW -f csv --table deadlines </dev/null >dl.csv &&
	tr -d "\r" <dl.csv >got &&
	test_grep "^\"青石化工园区爆炸，离我家三公里，玻璃碎了一地\",\"一般\",\"2026-11-22 17:05\",\"-6.9\",\"青石县人民政府\",\"回应\",\"逾期未回应\"" got &&
	test_expect_code 2 yq-deadline undo 1 --db s.db 2>err &&
	echo "yq-deadline: no correction 1 in force to undo" >expect && test_cmp expect err &&
	test_expect_code 2 yq-deadline undo 6 --db s.db 2>err &&
	echo "yq-deadline: no correction 6 in force to undo" >expect && test_cmp expect err &&
	judge $NOW &&
	resp E8bcd2bf71021 "[.status, .corrections]" >got &&
	echo "[\"overdue\",null]" >expect && test_cmp expect got
'

test_expect_success 'answer, then withdraw it: the ledger and the status follow' '
	yq-deadline answer E3b32 --at "2026-11-22 20:00" --form statement --by 临河市人民政府 \
		--db s.db $NOW >id &&
	echo 7 >expect && test_cmp expect id &&
	judge $NOW &&
	resp E3b3215369178 "[.status, (.answers | length)]" >got &&
	echo "[\"answered_late\",1]" >expect && test_cmp expect got &&
	yq-deadline undo 7 --reason "录错了事件" --db s.db $NOW >id &&
	yq-deadline answers --db s.db E3b3215369178 >got && test_must_be_empty got &&
	judge $NOW &&
	resp E3b3215369178 "[.status, (.answers | length)]" >got &&
	echo "[\"overdue\",0]" >expect && test_cmp expect got
'

test_expect_success 'set and merge stand in later runs with new posts; merge undone' '
	{ printf "%s\n" "{\"id\":\"new2\",\"event_id\":\"Ec967cf47623d\",\"title\":\"联名信后续\",\"published_at\":\"2026-11-22T23:30:00+08:00\"}" \
		"{\"id\":\"new3\",\"event_id\":\"Ed7953c67af3e\",\"title\":\"又去跑了五公里\",\"published_at\":\"2026-11-22T23:40:00+08:00\"}" &&
	  cat in.ndjson; } >in2 && mv in2 in.ndjson &&
	judge $NOW &&
	resp Ec967cf47623d "[.rule, .level, .owner]" >got &&
	echo "[\"emergency\",\"重大\",[\"沄江市公安局\"]]" >expect && test_cmp expect got &&
	resp Ed7953c67af3e "[.status, .corrections[0].value]" >got &&
	echo "[\"merged\",\"E745e69558ae2\"]" >expect && test_cmp expect got &&
	yq-deadline undo 5 --reason "不是同一件事" --db s.db $NOW >id &&
	judge $NOW &&
	jq -c "select(.kind == \"event\" and (.event_id == \"Ed7953c67af3e\" or .event_id == \"E745e69558ae2\")) | [.event_id, .response.status, .merged_into, .merged_from, .aliases]" out.ndjson >got &&
	cat >expect <<-\EOT &&
	["Ed7953c67af3e","watch",null,null,["Ece6b2659a65b"]]
	["E745e69558ae2","watch",null,null,["E7ecd01664949","E119bf449a687"]]
	EOT
	test_cmp expect got
'

test_expect_success 'split: a post taken off its event makes one of its own; undone, it goes back' '
	test_expect_code 2 yq-deadline split E0d73 --post nope --reason x --db s.db 2>err &&
	echo "yq-deadline: no post '"'"'nope'"'"' in the state" >expect && test_cmp expect err &&
	test_expect_code 2 yq-deadline split E3b32 --post b8c8766a840b1d95 --reason x --db s.db 2>err &&
	echo "yq-deadline: post '"'"'b8c8766a840b1d95'"'"' is not of event '"'"'E3b3215369178'"'"'" >expect &&
	test_cmp expect err &&
	yq-deadline split E0d73 --post b8c8766a840b1d95 --reason "评论文章，不是政策本身" \
		--db s.db $NOW >id &&
	echo 10 >expect && test_cmp expect id &&
	judge $NOW &&
	jq -c "select(.id == \"b8c8766a840b1d95\") | .event_id" out.ndjson >got &&
	echo "\"E0d731c9e395a-10\"" >expect && test_cmp expect got &&
	jq -c "select(.kind == \"event\" and .event_id == \"E0d731c9e395a-10\") | [.posts, .response.status]" out.ndjson >got &&
	echo "[1,\"pending\"]" >expect && test_cmp expect got &&
	yq-report event E0d731c9e395a-10 --db s.db $NOW -f json out.ndjson >e.json &&
	jq -c "[.title, .summary[1]]" e.json >got &&
	echo "[\"政策解读不能总是“迟到”\",[\"帖子\",1]]" >expect && test_cmp expect got &&
	yq-deadline undo 10 --reason "再看是同一件事" --db s.db $NOW >id &&
	judge $NOW &&
	jq -c "select(.id == \"b8c8766a840b1d95\") | .event_id" out.ndjson >got &&
	echo "\"E0d731c9e395a\"" >expect && test_cmp expect got
'

test_expect_success 'the trail replayed onto a fresh state gives the same records and reports' '
	yq-deadline corrections --all --db s.db >trail.ndjson &&
	test_line_count = 11 trail.ndjson &&
	yq-report daily --db s.db $NOW -f json out.ndjson >daily-a.json &&
	yq-report assess --db s.db $NOW -f json </dev/null >assess-a.json &&
	cp out.ndjson out-a.ndjson &&
	mkdir fresh && cp in.ndjson fresh/ &&
	(
		cd fresh &&
		judge $NOW &&
		yq-deadline replay --db s.db ../trail.ndjson &&
		judge $NOW &&
		test_cmp ../out-a.ndjson out.ndjson &&
		yq-report daily --db s.db $NOW -f json out.ndjson >daily-b.json &&
		yq-report assess --db s.db $NOW -f json </dev/null >assess-b.json &&
		jq "del(.form)" ../daily-a.json >a && jq "del(.form)" daily-b.json >b &&
		test_cmp a b &&
		test_cmp ../assess-a.json assess-b.json &&
		yq-deadline replay --db s.db ../trail.ndjson &&
		yq-deadline corrections --all --db s.db >trail2 &&
		test_cmp ../trail.ndjson trail2
	)
'

test_expect_success 'replay refuses a row that differs from the one kept, and bad rows; nothing kept' '
	sed "1s/张三/王五/" trail.ndjson >changed &&
	test_expect_code 2 yq-deadline replay --db s.db changed 2>err &&
	echo "yq-deadline: changed:1: correction 1 is in the state already, and differs" >expect &&
	test_cmp expect err &&
	printf "%s\n" "{oops" "{\"id\":50,\"verb\":\"mark\"}" >bad &&
	test_expect_code 2 yq-deadline replay --db s.db bad 2>err &&
	cat >expect <<-\EOT &&
	yq-deadline: bad:1: invalid JSON: string or '"'"'}'"'"' expected near '"'"'oops'"'"' (column 5)
	yq-deadline: bad:2: a correction wants id, at, by, verb, event_id and value
	EOT
	test_cmp expect err &&
	yq-deadline corrections --all --db s.db >now && test_cmp trail.ndjson now
'

test_done

test_expect_success 'digest: what became overdue, each told once; exit 1 only when it says something' '
	mkdir dg && cp in.ndjson dg/ && cd dg &&
	yq-deadline --db s.db --places "$DEMO/places.tsv" $NOW in.ndjson >out.ndjson;
	test $? = 1 &&
	test_expect_code 1 yq-deadline digest --db s.db $NOW >got &&
	printf "%s\t%s\t%s\t%s\t%s\t%s\n" \
		逾期未回应 2026-11-22T17:05:00+08:00 "已过 6.9 小时" 青石县人民政府 \
		青石化工园区爆炸，离我家三公里，玻璃碎了一地 E8bcd2bf71021 \
		逾期未回应 2026-11-22T19:15:00+08:00 "已过 4.8 小时" 临河市住房和城乡建设局 \
		"临河部分区域停水超24小时 居民盼尽快恢复供水" E3b3215369178 \
		逾期未回应 2026-11-22T21:10:00+08:00 "已过 2.8 小时" 北溪区人民政府 \
		联名信已经有两千三百多人签了，明天上午九点大家去北溪区政府门口递交，理性表达，不 Ec967cf47623d >expect &&
	test_cmp expect got &&
	yq-deadline digest --db s.db --now 2026-11-23T00:10:00+08:00 >got &&
	test_must_be_empty got
'

test_expect_success 'digest: one more post on an overdue event is not news; a deadline near, then past, is' '
	yq-deadline --db s.db --places "$DEMO/places.tsv" --now 2026-11-23T00:20:00+08:00 \
		in.ndjson >out.ndjson; test $? = 1 &&
	yq-deadline digest --db s.db --now 2026-11-23T00:20:00+08:00 >got &&
	test_must_be_empty got &&
	yq-deadline mark E3b32 --as no_answer --reason "已由省厅统一回应" --db s.db >/dev/null &&
	test_expect_code 1 yq-deadline digest --db s.db --now 2026-11-23T05:00:00+08:00 >got &&
	printf "%s\t%s\t%s\t%s\t%s\t%s\n" 即将到期 2026-11-23T10:10:00+08:00 "还剩 5.2 小时" \
		沄江市人民政府 昨天的沄江二手房新规，后台几百条私信问能不能卖房 Efb189e2fda77 >expect &&
	test_cmp expect got &&
	yq-deadline digest --db s.db --now 2026-11-23T06:00:00+08:00 >got &&
	test_must_be_empty got &&
	test_expect_code 1 yq-deadline digest --db s.db --now 2026-11-23T12:00:00+08:00 --due-within 0 >got &&
	printf "%s\t%s\t%s\t%s\t%s\t%s\n" 逾期未回应 2026-11-23T10:10:00+08:00 "已过 1.8 小时" \
		沄江市人民政府 昨天的沄江二手房新规，后台几百条私信问能不能卖房 Efb189e2fda77 >expect &&
	test_cmp expect got
'

test_expect_success 'digest: bad options and no state are refused, exit 2' '
	test_expect_code 2 yq-deadline digest --db s.db --due-within soon 2>err &&
	echo "yq-deadline: --due-within wants a duration: '"'"'soon'"'"'" >expect && test_cmp expect err &&
	test_expect_code 2 yq-deadline digest --no-state 2>err &&
	echo "yq-deadline: the digest needs the state store: drop --no-state" >expect && test_cmp expect err &&
	test_expect_code 2 yq-deadline digest --db s.db extra 2>err &&
	test_grep "^usage: yq-deadline digest" err
'

test_done
