#!/bin/sh
test_description='yq-report csv: plain tables, years in times, event and post ids, the assessment with its events'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/report
NOW="--now 2026-11-23T00:00:00+08:00"

test_expect_success 'the assessment: one table asked for is plain CSV, its header first' '
	yq-report assess --no-state $NOW -f csv --bom --table bodies "$D/pipeline.ndjson" >b.csv 2>err &&
	test_must_be_empty err &&
	head -c 3 b.csv | od -An -tx1 | tr -d " " >got && echo efbbbf >expect && test_cmp expect got &&
	sed -n "1p" b.csv | tr -d "\r" | sed "s/^\xef\xbb\xbf//" >got &&
	echo "\"责任主体\",\"事件数\",\"按时回应\",\"超时回应\",\"逾期未回应\",\"待回应\",\"首次回应中位用时（小时）\",\"按时率\"" >expect &&
	test_cmp expect got &&
	! grep -q "^\"bodies\"" b.csv
'

test_expect_success PYTHON3 'a reader taking the first row as its header (as Miller, csvkit) reads every row' '
	python3 -c "
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding=\"utf-8-sig\", newline=\"\")))
print(len(rows), rows[0][\"责任主体\"], rows[0][\"按时率\"])
" b.csv >got &&
	echo "9 临河市住房和城乡建设局 0%" >expect && test_cmp expect got
'

test_expect_success 'the events behind each row (--table assess-events): body, event, times with years, status, id' '
	yq-report assess --no-state $NOW -f csv --table assess-events "$D/pipeline.ndjson" >e.csv 2>err &&
	test_must_be_empty err &&
	tr -d "\r" <e.csv | sed -n "1,4p" >got &&
	cat >expect <<-\EOT &&
	"责任主体","事件","首发时间","时限","首次回应","状态","事件编号"
	"临河市住房和城乡建设局","临河部分区域停水超24小时 居民盼尽快恢复供水","2026-11-20 19:15","2026-11-22 19:15","-","逾期未回应","E3b3215369178"
	"青石县人民政府","青石化工园区爆炸，离我家三公里，玻璃碎了一地","2026-11-20 17:05","2026-11-22 17:05","-","逾期未回应","E8bcd2bf71021"
	"北溪区人民政府","北溪区部分居民就桐岭垃圾焚烧发电项目选址表达诉求","2026-11-20 08:12","2026-11-22 08:12","2026-11-21 14:30","已按时回应","E57d0d1298234"
	EOT
	test_cmp expect got &&
	test_line_count = 12 e.csv
'

test_expect_success 'each body has as many events listed as the table counts' '
	yq-report assess --no-state $NOW -f json "$D/pipeline.ndjson" >a.json &&
	jq -r "(.sections[] | select(.name == \"bodies\") | .table.rows[] | \"\(.[0]) \(.[1])\")" a.json >want &&
	jq -r "[.sections[] | select(.name == \"assess-events\") | .table.rows[] | .[0]] | group_by(.) | map(\"\(.[0]) \(length)\")[]" a.json | sort >got &&
	sort want >expect && test_cmp expect got
'

test_expect_success 'daily: the event ids and post ids as the last column, English headers with --lang en' '
	yq-report daily --no-state $NOW -f csv --table new_events "$D/pipeline.ndjson" >n.csv &&
	tr -d "\r" <n.csv | sed -n "1,2p" >got &&
	cat >expect <<-\EOT &&
	"事件","首发时间","帖子数","预警","事件编号"
	"我市开展危险化学品企业安全隐患大排查","2026-11-22 09:00","1","无","E3f80a8ab1176"
	EOT
	test_cmp expect got &&
	yq-report daily --no-state $NOW --lang en -f csv --table negative "$D/pipeline.ndjson" >p.csv &&
	tr -d "\r" <p.csv | sed -n "1,2p" >got &&
	cat >expect <<-\EOT &&
	"time","platform","author","text","sentiment","heat","post id"
	"2026-11-22 17:30","news","之江晨报评论员 方舟","政策解读不能总是“迟到”","-0.83","0","b8c8766a840b1d95"
	EOT
	test_cmp expect got
'

test_done
