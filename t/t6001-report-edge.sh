#!/bin/sh
test_description='yq-report on a hand-made corpus: merged and repeated events, fields absent or of the wrong type, charts true to the data, colour, -o, windows'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/report
S=$D/small.ndjson
NOW="--now 2026-11-23T00:00:00+08:00"
# small.ndjson: 7 posts and 6 event records.  ev-a is given twice (the
# later record counts) and has merged ev-a2, whose post p2 is a repost;
# ev-b's answers are out of order and it has no deadlines list; ev-c has
# a null response; ev-d has fields of the wrong type; ev-e was answered
# before the window; p6 is before the window, p7 at its end.

test_expect_success 'daily, event and assess as text: pinned' '
	yq-report daily --no-state $NOW "$S" >out 2>err &&
	test_must_be_empty err && test_cmp "$D/small-daily.txt" out &&
	yq-report event ev-a --no-state $NOW "$S" >out 2>err &&
	test_must_be_empty err && test_cmp "$D/small-event.txt" out &&
	yq-report assess --no-state $NOW "$S" >out 2>err &&
	test_must_be_empty err && test_cmp "$D/small-assess.txt" out &&
	yq-report daily --no-state $NOW -f json "$S" >out.json 2>err &&
	test_must_be_empty err && test_cmp "$D/small-daily.json" out.json
'

test_expect_success 'the later record of an event counts; an alias post counts for its event' '
	jq -c ".sections[] | select(.name == \"events\") | .table.rows[] | [.[2], .[3], .[4], .[5]]" out.json >got &&
	cat >expect <<-\EOT &&
	[3,4,80.5,"红色"]
	[2,2,40,"-"]
	EOT
	test_cmp expect got &&
	! grep -q 旧标题 out.json
'

test_expect_success 'an alias names its event; a prefix must be unique' '
	yq-report event ev-a2 --no-state $NOW -f json "$S" >a2.json &&
	jq -r ".summary[0][1]" a2.json >got && echo ev-a >expect && test_cmp expect got &&
	yq-report event ev-b --no-state $NOW -f json "$S" >b.json &&
	test_expect_code 2 yq-report event ev- --no-state $NOW "$S" >out 2>err &&
	test_must_be_empty out &&
	echo "yq-report: event '"'"'ev-'"'"' is ambiguous: 5 events start so" >expect &&
	test_cmp expect err
'

test_expect_success 'the response: one deadline when the list is missing; answers in time order' '
	jq -c "[(.sections[] | select(.name == \"response\", .name == \"answers\") | .table.rows)]" b.json >got &&
	echo "[[[\"回应\",\"11-22 07:30\",\"11-22 08:30\",\"超时回应\"]],[[\"11-22 08:30\",\"回应\",\"临河市人民政府\",\"超时\"],[\"11-22 20:00\",\"回应\",\"临河市水务局\",\"超时\"]]]" >expect &&
	test_cmp expect got
'

test_expect_success 'an event report from posts alone (no event records)' '
	grep -v "\"kind\":\"event\"" "$S" >posts &&
	yq-report event ev-b --no-state $NOW -f json posts >got.json 2>err &&
	test_must_be_empty err &&
	jq -c "[.title, .subtitle, .summary[1], (.sections[] | select(.name == \"origin\") | .table.rows[0][3])]" got.json >got &&
	echo "[\"停水了\",\"舆情专报 2026-11-22 05:30 — 2026-11-22 23:59\",[\"帖子\",2],\"停水了\"]" >expect &&
	test_cmp expect got
'

test_expect_success 'event: places and bodies counted from its posts, most named first' '
	cat >named <<-\EOT &&
	{"id":"n1","platform":"weibo","text":"甲","published_at":"2026-11-22T10:00:00+08:00","event_id":"ev-n","places":[{"name":"白沙县","code":"331222"},{"name":"青石县","code":"331221"},{"name":"青石县","code":"331221"}],"bodies":[{"name":"青石县应急管理局","place":"331221"}]}
	{"id":"n2","platform":"weibo","text":"乙","published_at":"2026-11-22T11:00:00+08:00","event_id":"ev-n","places":[{"name":"青石县"},{"code":"331200"}],"bodies":[{"name":"青石县应急管理局","place":"331221"},{"name":"青石县人民政府"}]}
	{"id":"n3","platform":"weibo","text":"丙","published_at":"2026-11-22T12:00:00+08:00","event_id":"ev-n","places":"青石县","bodies":null}
	{"id":"o1","platform":"weibo","text":"丁","published_at":"2026-11-22T12:00:00+08:00","event_id":"ev-o","places":[{"name":"临河市","code":"331281"}]}
	EOT
	yq-report event ev-n --no-state $NOW -f csv --table places named >got 2>err &&
	test_must_be_empty err &&
	printf "\"类别\",\"名称\",\"代码\",\"帖子数\"\r\n\"地域\",\"青石县\",\"331221\",\"2\"\r\n\"地域\",\"白沙县\",\"331222\",\"1\"\r\n\"部门\",\"青石县应急管理局\",\"331221\",\"2\"\r\n\"部门\",\"青石县人民政府\",\"-\",\"1\"\r\n" >expect &&
	test_cmp expect got &&
	echo "{\"kind\":\"event\",\"event_id\":\"ev-n\",\"title\":\"甲\",\"first_seen\":\"2026-11-22T10:00:00+08:00\",\"last_seen\":\"2026-11-22T12:00:00+08:00\",\"places\":[{\"name\":\"沄江市\",\"code\":\"331200\"},{\"name\":\"白沙县\",\"code\":\"331222\"}],\"bodies\":[{\"name\":\"沄江市政府\",\"place\":\"331200\"}]}" >>named &&
	yq-report event ev-n --no-state $NOW --lang en -f json --max-rows 4 named >got.json 2>err &&
	test_must_be_empty err &&
	jq -c ".sections[] | select(.name == \"places\") | .table | .keys, .rows[], .more" got.json >got &&
	cat >expect <<-\EOT &&
	["kind","name","code","posts"]
	["place","青石县","331221",2]
	["place","白沙县","331222",1]
	["place","沄江市","331200",0]
	["body","青石县应急管理局","331221",2]
	2
	EOT
	test_cmp expect got
'

test_expect_success 'fields of the wrong type: shown as unknown, never as zero times' '
	yq-report event ev-d --no-state $NOW "$S" >out 2>err &&
	test_must_be_empty err &&
	sed -n 4p out >got && echo "舆情专报 2026-11-20 08:00 — -" >expect && test_cmp expect got &&
	! grep -q 1970 out &&
	yq-report event ev-c --no-state $NOW -f json "$S" >c.json &&
	jq -r "[.sections[].name] | join(\" \")" c.json >got &&
	echo "overview origin spread platforms sentiment key_posts hot_words places" >expect && test_cmp expect got
'

test_expect_success 'assess: the first answer is the earliest; one owner given as a string counts' '
	yq-report assess --no-state $NOW -f json "$S" >a.json &&
	jq -c ".sections[0].table.rows[]" a.json >got &&
	cat >expect <<-\EOT &&
	["青石县人民政府",2,0,0,1,1,"-","0%"]
	["临河市人民政府",1,0,1,0,0,3,"0%"]
	["临河市水务局",1,0,1,0,0,3,"0%"]
	["沄江市交通运输局",1,1,0,0,0,25,"100%"]
	EOT
	test_cmp expect got
'

test_expect_success 'daily deadline table: open events and those answered in the window, not the closed before' '
	jq -c ".sections[] | select(.name == \"deadlines\") | .table.ids" out.json >got &&
	echo "[\"ev-a\",\"ev-d\",\"ev-b\"]" >expect && test_cmp expect got &&
	jq -c "[.summary[3,4][1]]" out.json >got && echo "[3,1]" >expect && test_cmp expect got
'

test_expect_success 'tables for people stop at 50 rows, csv and json are whole' '
	for i in $(seq 1 60); do
		echo "{\"kind\":\"event\",\"event_id\":\"many$i\",\"title\":\"事件$i\",\"first_seen\":\"2026-11-22T10:00:00+08:00\",\"last_seen\":\"2026-11-22T11:00:00+08:00\",\"risk\":$i}"
	done >many &&
	yq-report daily --no-state $NOW many >many.txt &&
	test_grep "^  … 另有 10 项未列出$" many.txt &&
	yq-report daily --no-state $NOW -f csv --table events many >many.csv &&
	test_line_count = 61 many.csv &&
	yq-report daily --no-state $NOW -f json many >many.json &&
	jq -c ".sections[] | select(.name == \"events\") | [(.table.rows | length), .table.more, .table.ids[0]]" many.json >got &&
	echo "[60,null,\"many60\"]" >expect && test_cmp expect got &&
	yq-report daily --no-state $NOW -f json --max-rows 5 many >five.json &&
	jq -c ".sections[] | select(.name == \"events\") | [(.table.rows | length), .table.more]" five.json >got &&
	echo "[5,55]" >expect && test_cmp expect got
'

test_expect_success 'html: the volume chart has a bar per hour, zero hours at height 0, ticks where the bars reach' '
	yq-report daily --no-state $NOW -f html -o d.html "$S" 2>err &&
	test_must_be_empty err && xmllint --noout d.html &&
	sed -n "/<section id=\"volume\">/,/<\/section>/p" d.html >vol &&
	grep -o "<rect class=\"bar\"[^>]*>" vol >bars && test_line_count = 24 bars &&
	grep -c "height=\"0.00\"" bars >got && echo 21 >expect && test_cmp expect got &&
	grep -o "text-anchor=\"end\">[0-9]*</text>" vol | sed "s/.*>\([0-9]*\)<.*/\1/" >got &&
	printf "0\n1\n2\n" >expect && test_cmp expect got &&
	# the bar of 1 post ends on the grid line of the tick 1, the bar of 2 on 2
	y1=$(grep -o "<line x1=\"64\" y1=\"[0-9.]*\"" vol | sed -n 2p | sed "s/.*y1=\"\([0-9.]*\)\"/\1/") &&
	y2=$(grep -o "<line x1=\"64\" y1=\"[0-9.]*\"" vol | sed -n 3p | sed "s/.*y1=\"\([0-9.]*\)\"/\1/") &&
	grep "11-22 23:00: 1<" bars vol | grep -q "y=\"${y1}0\"" &&
	grep "11-22 01:00: 2<" vol | grep -q "y=\"${y2}0\""
'

test_expect_success 'html: sentiment as posts of each class per hour; escaped; print styles; no script' '
	sed -n "/<section id=\"sentiment\">/,/<\/section>/p" d.html >sent &&
	grep -o "<rect class=\"bar\"" sent >bars && test_line_count = 72 bars &&
	grep -o "<text x=\"[0-9]*\" y=\"11\">[^<]*" sent | sed "s/.*>//" >legend &&
	printf "%s\n" 负面 中性 正面 >expect && test_cmp expect legend &&
	grep -q "@media print" d.html && grep -q "@page{size:A4" d.html &&
	! grep -qi "<script" d.html &&
	grep -q "青石县化工园区&lt;冒烟&gt; &amp; &quot;异味&quot;" d.html &&
	grep -o "<span class=\"w [^<]*</span>" d.html >badges &&
	echo "<span class=\"w w-red\">红色</span>" >expect && test_cmp expect badges &&
	yq-report event ev-a --no-state $NOW -f html --max-rows 1 -o e.html "$S" &&
	xmllint --noout e.html &&
	grep -q "<td class=\"more\" colspan=\"6\">… 另有 2 项未列出</td>" e.html
'

test_expect_success 'html: a post links to its URL, http and https only, escaped' '
	cat >links <<-\EOT &&
	{"id":"l1","platform":"news","title":"甲","url":"https://a.example/x?a=1&b=\"2\"","published_at":"2026-11-22T10:00:00+08:00","sentiment":{"score":-0.9,"label":"negative"}}
	{"id":"l2","platform":"news","title":"乙","url":"javascript:alert(1)","published_at":"2026-11-22T11:00:00+08:00","sentiment":{"score":-0.8,"label":"negative"}}
	EOT
	yq-report daily --no-state $NOW -f html links >l.html 2>err &&
	test_must_be_empty err && xmllint --noout l.html &&
	sed -n "/<section id=\"negative\">/,/<\/section>/p" l.html | grep -o "<a [^>]*>[^<]*</a>" >got &&
	echo "<a href=\"https://a.example/x?a=1&amp;b=&quot;2&quot;\">甲</a>" >expect &&
	test_cmp expect got &&
	! grep -q javascript l.html &&
	yq-report daily --no-state $NOW -f json links >l.json &&
	jq -c ".sections[] | select(.name == \"negative\") | .table.links" l.json >got &&
	echo "[\"https://a.example/x?a=1&b=\\\"2\\\"\",\"javascript:alert(1)\"]" >expect &&
	test_cmp expect got
'

test_expect_success 'text: columns line up by display width (wide, fullwidth, emoji, combining, tab)' '
	yq-report daily --no-state $NOW "$D/wide.ndjson" >out 2>err &&
	test_must_be_empty err &&
	sed -n "/^负面帖子/,/^\$/p" out >got &&
	test_cmp "$D/wide-negative.txt" got
'

test_expect_success 'text: colour only when asked or on a terminal' '
	yq-report daily --no-state $NOW --colour always "$S" >col &&
	grep -c "$(printf "\033")\[31m" col >got && echo 2 >expect && test_cmp expect got &&
	yq-report daily --no-state $NOW "$S" >plain &&
	! grep -q "$(printf "\033")" plain &&
	test_expect_code 2 yq-report daily --colour pink "$S" 2>err &&
	test_grep "colour is auto, always or never" err
'

test_expect_success 'text: --color is --colour' '
	yq-report daily --no-state $NOW --color always "$S" >color &&
	test_cmp col color &&
	yq-report daily --no-state $NOW --color never "$S" >color &&
	test_cmp plain color
'

test_expect_success 'markdown: a terminal code in a post is a space, as in text' '
	cat >esc.ndjson <<-\EOT &&
	{"id":"e1","platform":"weibo","author":"@某\u001b[2J人","text":"北溪区\u001b[31m红色\u001b[0m爆炸\u0007","published_at":"2026-11-22T10:00:00+08:00","sentiment":{"score":-0.9,"label":"negative"}}
	EOT
	yq-report daily --no-state $NOW -f md esc.ndjson >out 2>err &&
	test_must_be_empty err &&
	sed -n "/北溪区/p" out >got &&
	cat >expect <<-\EOT &&
	| 11-22 10:00 | 微博 | @某 \[2J人 | 北溪区 \[31m红色 \[0m爆炸  | -0.9 | 0 |
	EOT
	test_cmp expect got
'

test_expect_success 'csv: text a spreadsheet would run as a formula is written as text' '
	cat >evil <<-\EOT &&
	{"id":"x1","platform":"weibo","author":"@某人","text":"=HYPERLINK(\"http://evil.example/\",\"点我\")","published_at":"2026-11-22T10:00:00+08:00","sentiment":{"score":-0.9,"label":"negative"}}
	{"id":"x2","platform":"weibo","author":"-","text":"+86 电话","published_at":"2026-11-22T11:00:00+08:00","sentiment":{"score":-0.5,"label":"negative"}}
	EOT
	yq-report daily --no-state $NOW -f csv --table negative evil >got 2>err &&
	test_must_be_empty err &&
	printf "%s\r\n" "\"时间\",\"平台\",\"作者\",\"内容\",\"情感\",\"热度\",\"帖子编号\"" \
		"\"2026-11-22 10:00\",\"微博\",\"'"'"'@某人\",\"'"'"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"点我\"\")\",\"-0.9\",\"0\",\"x1\"" \
		"\"2026-11-22 11:00\",\"微博\",\"-\",\"'"'"'+86 电话\",\"-0.5\",\"0\",\"x2\"" >expect &&
	test_cmp expect got
'

test_expect_success 'English labels' '
	yq-report daily --no-state $NOW --lang en -f json "$S" >en.json &&
	jq -c "[.title, (.sections[] | select(.name == \"events\") | .table.rows[0][5,6])]" en.json >got &&
	echo "[\"Daily briefing\",\"red\",\"overdue\"]" >expect && test_cmp expect got &&
	jq -c ".sections[] | select(.name == \"deadlines\") | .table.rows[0,2] | [.[1], .[4], .[5]]" en.json >got &&
	cat >expect <<-\EOT &&
	["III (large)","青石县人民政府","statement"]
	["-","临河市人民政府, 临河市水务局","statement"]
	EOT
	test_cmp expect got
'

test_expect_success 'windows: --since/--until; more than a week is drawn per day' '
	yq-report daily --no-state $NOW --since 2026-11-22T01:00:00+08:00 \
		--until 2026-11-22T06:00:00+08:00 -f json "$S" >w.json &&
	jq -c ".sections[] | select(.name == \"volume\") | .chart | [.x[0], (.series[0].values)]" w.json >got &&
	echo "[\"11-22 01:00\",[2,0,0,0,2]]" >expect && test_cmp expect got &&
	yq-report daily --no-state $NOW --since 2026-11-01T00:00:00+08:00 -f json "$S" >m.json &&
	jq -c ".sections[] | select(.name == \"volume\") | .chart | [(.x | length), .x[-1], .series[0].values[-2:]]" m.json >got &&
	echo "[22,\"2026-11-22\",[1,5]]" >expect && test_cmp expect got
'

test_expect_success 'no input: an empty report, still well-formed' '
	yq-report daily --no-state $NOW -f html </dev/null >empty.html 2>err &&
	test_must_be_empty err && xmllint --noout empty.html &&
	yq-report daily --no-state $NOW </dev/null >empty.txt &&
	sed -n 4p empty.txt >got &&
	echo "帖子 0  |  活跃事件 0  |  负面占比 -  |  需重点回应 0  |  逾期未回应 0  |  负面/中性/正面 -" >expect &&
	test_cmp expect got
'

test_expect_success '-o: written whole or not at all; a directory that is not there is an I/O error' '
	echo old >kept &&
	test_expect_code 2 yq-report event nosuch --no-state $NOW -o kept "$S" 2>err &&
	echo old >expect && test_cmp expect kept &&
	test_expect_code 3 yq-report daily --no-state $NOW -o nodir/r.txt "$S" 2>err &&
	test_grep "nodir/r.txt" err &&
	test_expect_code 3 yq-report daily --no-state $NOW nosuchfile 2>err &&
	test_grep "nosuchfile" err
'

test_expect_success '-o to a FIFO (or a device) writes into it, never renames over it' '
	mkfifo fifo &&
	{ timeout 10 cat fifo >from-fifo & } &&
	yq-report daily --no-state $NOW -f csv --table platforms -o fifo "$S" 2>err &&
	wait && test_must_be_empty err && test -p fifo &&
	yq-report daily --no-state $NOW -f csv --table platforms "$S" >expect &&
	test_cmp expect from-fifo
'

test_expect_success 'a reader that goes away (| head) is no failure: exit 0, nothing said' '
	for i in $(seq 1 3000); do
		echo "{\"kind\":\"event\",\"event_id\":\"e$i\",\"title\":\"一个相当长的事件标题$i\",\"first_seen\":\"2026-11-22T10:00:00+08:00\",\"last_seen\":\"2026-11-22T11:00:00+08:00\"}"
	done >lots &&
	for f in json csv text html; do
		{ yq-report daily --no-state $NOW -f $f --max-rows 0 lots 2>err.$f; echo $? >st.$f; } |
			head -c 10 >/dev/null &&
		echo 0 >expect && test_cmp expect st.$f && test_must_be_empty err.$f || return 1
	done
'

test_expect_success 'bad lines: --rejects keeps them, --strict stops at the first' '
	{ cat "$S"; echo "not json"; echo "{\"kind\":\"event\"}"; } >bad &&
	test_expect_code 2 yq-report daily --no-state $NOW --rejects rej bad >out 2>err &&
	test_line_count = 2 rej && test_line_count = 2 err &&
	test_grep "bad:14: " err && test_grep "bad:15: event record without event_id" err &&
	sed "s/读取的0行/读取的2行/" "$D/small-daily.txt" >expect && test_cmp expect out &&
	test_expect_code 2 yq-report daily --no-state $NOW --strict bad >out 2>err &&
	test_line_count = 1 err
'

# 10,000 events of October (each with a 2 KB timeline), one of them an
# unanswered must-respond event, before small.ndjson's own records: the
# daily briefing keeps only the events it shows (24 MB before, 3.5 MB).
test_expect_success 'daily: a month of old events read in bounded memory, the one overdue counted' '
	python3 -c "
import json
for i in range(10000):
    e = {\"kind\": \"event\", \"event_id\": \"old-%05d\" % i, \"title\": \"旧事件 %d\" % i,
         \"posts\": 3, \"first_seen\": \"2026-10-01T08:00:00+08:00\",
         \"last_seen\": \"2026-10-02T08:00:00+08:00\", \"risk\": 5, \"warning\": \"blue\",
         \"timeline\": [[\"2026-10-01T%02d\" % (h % 24), h] for h in range(120)],
         \"response\": {\"must_respond\": False, \"status\": \"watch\"}}
    if i == 4321:
        e[\"response\"] = {\"must_respond\": True, \"level\": \"一般\", \"status\": \"overdue\",
            \"deadline\": \"2026-10-03T08:00:00+08:00\", \"form\": \"statement\", \"answers\": []}
    print(json.dumps(e, ensure_ascii=False))
" >old.ndjson &&
	cat old.ndjson "$S" >year.ndjson &&
	/usr/bin/time -f %M -o rss yq-report daily --no-state $NOW -f json year.ndjson >year.json &&
	row="[.summary[1][1], .summary[3][1], .summary[4][1], [.sections[] | select(.name == \"deadlines\") | (.table.rows[][0], (.note // empty))]]" &&
	jq -c "$row" year.json >got &&
	jq -c "[.sections[] | select(.name == \"deadlines\") | .table.rows[][0]] as \$d | [.summary[1][1], .summary[3][1] + 1, .summary[4][1] + 1, \$d + [\"另有 1 件逾期超过 7 天、窗口内无新帖的事件未列出。\"]]" "$D/small-daily.json" >expect &&
	test_cmp expect got &&
	yq-report daily --no-state $NOW --overdue-within 0 -f json year.ndjson | jq -c "$row" >got &&
	jq -c "[.sections[] | select(.name == \"deadlines\") | .table.rows[][0]] as \$d | [.summary[1][1], .summary[3][1] + 1, .summary[4][1] + 1, \$d[:1] + [\"旧事件 4321\"] + \$d[1:]]" "$D/small-daily.json" >expect &&
	test_cmp expect got &&
	yq-report daily --no-state $NOW --overdue-within 50d -f json year.ndjson | jq -c "$row" >got50 &&
	yq-report daily --no-state $NOW --overdue-within 52d -f json year.ndjson | jq -c "$row" >got52 &&
	grep -c "旧事件 4321" got52 && ! grep "旧事件 4321" got50 && grep "另有 1 件逾期超过 50 天" got50 &&
	case $YQ_BUILD in
	*san*) ;;	# ASan holds freed memory in quarantine: no bound to see
	*) test "$(tail -n 1 rss)" -le 12288 || { cat rss >&2; false; } ;;
	esac
'

# E1 overdue long ago and answered since (a later record), E2 overdue long
# ago but with posts in the window, E3 overdue three days, E4 overdue long
# ago and quiet: E4 is counted, not listed.
test_expect_success 'daily: events overdue over --overdue-within and quiet are counted, not listed' '
	cat >ev.ndjson <<-\EOT &&
	{"kind":"event","event_id":"E1","title":"旧而已答","posts":3,"first_seen":"2026-10-01T08:00:00+08:00","last_seen":"2026-10-02T08:00:00+08:00","response":{"must_respond":true,"level":"一般","status":"overdue","deadline":"2026-10-03T08:00:00+08:00","form":"statement","answers":[]}}
	{"kind":"event","event_id":"E2","title":"旧而仍热","posts":9,"first_seen":"2026-10-01T08:00:00+08:00","last_seen":"2026-11-22T10:00:00+08:00","response":{"must_respond":true,"level":"一般","status":"overdue","deadline":"2026-10-03T08:00:00+08:00","form":"statement","answers":[]}}
	{"kind":"event","event_id":"E3","title":"三天前逾期","posts":2,"first_seen":"2026-11-18T08:00:00+08:00","last_seen":"2026-11-18T09:00:00+08:00","response":{"must_respond":true,"level":"一般","status":"overdue","deadline":"2026-11-20T08:00:00+08:00","form":"statement","answers":[]}}
	{"kind":"event","event_id":"E4","title":"旧而未答","posts":2,"first_seen":"2026-10-08T08:00:00+08:00","last_seen":"2026-10-08T09:00:00+08:00","response":{"must_respond":true,"level":"一般","status":"overdue","deadline":"2026-10-10T08:00:00+08:00","form":"statement","answers":[]}}
	{"kind":"event","event_id":"E1","title":"旧而已答","posts":3,"first_seen":"2026-10-01T08:00:00+08:00","last_seen":"2026-10-02T08:00:00+08:00","response":{"must_respond":true,"level":"一般","status":"answered_late","deadline":"2026-10-03T08:00:00+08:00","form":"statement","answers":[{"id":"x","at":"2026-10-05T08:00:00+08:00","form":"statement"}]}}
	EOT
	yq-report daily --no-state $NOW ev.ndjson | sed -n "/^回应时限/,/^\$/p" >got &&
	cat >expect <<-\EOT &&
	回应时限（逾期在前）
	--------------------
	  另有 1 件逾期超过 7 天、窗口内无新帖的事件未列出。
	  事件        级别  时限         剩余小时  第一责任主体  形式  状态
	  旧而仍热    一般  10-03 08:00  -         -             回应  逾期未回应
	  三天前逾期  一般  11-20 08:00  -         -             回应  逾期未回应

	EOT
	test_cmp expect got &&
	yq-report daily --no-state $NOW -f json ev.ndjson | jq -c ".summary[3:]" >got &&
	echo "[[\"需重点回应\",3],[\"逾期未回应\",3],[\"负面/中性/正面\",\"-\"]]" >expect && test_cmp expect got &&
	yq-report daily --lang en --no-state $NOW --overdue-within 36h -f md ev.ndjson | grep "more overdue" >got &&
	echo "2 more overdue by over 36 hours, without posts in the window, not listed." >expect &&
	test_cmp expect got &&
	test_expect_code 2 yq-report daily --overdue-within soon ev.ndjson 2>err &&
	echo "yq-report: --overdue-within wants a duration: '"'"'soon'"'"'" >expect && test_cmp expect err
'

test_done
