#!/bin/sh
test_description='yq-report: the form an office sends up: masthead, issue number, unit, lines at the foot; phones'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/report
NOW="--now 2026-11-23T00:00:00+08:00"

test_expect_success 'the masthead names the city the posts name most; the date and 生成时间' '
	yq-report daily --no-state $NOW "$D/pipeline.ndjson" >out 2>err &&
	test_must_be_empty err &&
	sed -n "1,2p" out >got &&
	printf "%s\n" 沄江市网络舆情日报 2026年11月23日 >expect && test_cmp expect got &&
	tail -n 1 out >got && echo "生成时间：2026-11-23 00:00" >expect && test_cmp expect got
'

test_expect_success 'options: place, issue, unit, submit, signer, in text and json' '
	yq-report daily --no-state $NOW --place 青石县 --issue 7 --unit 沄江市委网信办 \
		--submit 市委、市政府领导 --signer 王明 "$D/pipeline.ndjson" >out 2>err &&
	test_must_be_empty err &&
	sed -n "1,2p" out >got &&
	printf "%s\n" 青石县网络舆情日报 "第 7 期  编制单位：沄江市委网信办  2026年11月23日" >expect &&
	test_cmp expect got &&
	tail -n 3 out >got &&
	printf "%s\n" 报送：市委、市政府领导 签发：王明 "生成时间：2026-11-23 00:00" >expect &&
	test_cmp expect got &&
	yq-report daily --no-state $NOW --issue 7 --unit 网信办 -f json "$D/pipeline.ndjson" >out.json &&
	jq -c ".form | [.masthead, .issue, .unit, .submit, .date, .head]" out.json >got &&
	echo "[\"沄江市网络舆情日报\",7,\"网信办\",null,\"2026年11月23日\",[\"第 7 期\",\"编制单位：网信办\",\"2026年11月23日\"]]" >expect &&
	test_cmp expect got
'

test_expect_success 'the configuration file; an option given wins over it' '
	cat >report.conf <<-\EOT &&
	# 报告版式
	unit = 沄江市委网信办
	  submit=市委办公室
	signer = 王明

	EOT
	yq-report daily --no-state $NOW --config report.conf --signer 李华 "$D/pipeline.ndjson" >out &&
	sed -n 2p out >got && echo "编制单位：沄江市委网信办  2026年11月23日" >expect && test_cmp expect got &&
	tail -n 3 out >got &&
	printf "%s\n" 报送：市委办公室 签发：李华 "生成时间：2026-11-23 00:00" >expect && test_cmp expect got &&
	YQ_REPORT_CONF=report.conf yq-report assess --no-state $NOW "$D/pipeline.ndjson" >out &&
	sed -n 1,2p out >got &&
	printf "%s\n" 沄江市政务舆情回应情况评估 "编制单位：沄江市委网信办  2026年11月23日" >expect &&
	test_cmp expect got
'

test_expect_success 'a bad configuration: file:line: what, exit 2, nothing written' '
	printf "%s\n" "unit = x" "colour = red" >bad.conf &&
	test_expect_code 2 yq-report daily --no-state $NOW --config bad.conf -o r.txt "$D/pipeline.ndjson" 2>err &&
	echo "yq-report: bad.conf:2: unknown key: '"'"'colour = red'"'"'" >expect && test_cmp expect err &&
	! test -e r.txt &&
	printf "%s\n" "unit" >bad2.conf &&
	test_expect_code 2 yq-report daily --no-state $NOW --config bad2.conf "$D/pipeline.ndjson" 2>err &&
	echo "yq-report: bad2.conf:1: want key = value: '"'"'unit'"'"'" >expect && test_cmp expect err &&
	test_expect_code 2 yq-report daily --no-state $NOW --config nosuch.conf </dev/null 2>err &&
	echo "yq-report: cannot open '"'"'nosuch.conf'"'"': No such file or directory" >expect && test_cmp expect err &&
	test_expect_code 2 yq-report daily --no-state $NOW --issue 0 </dev/null 2>err &&
	test_grep "issue is too small" err
'

test_expect_success 'with the state: one issue number per kind and period, taken once the report is out' '
	yq-report daily --db s.db $NOW -f json "$D/pipeline.ndjson" >a.json &&
	yq-report daily --db s.db --now 2026-11-23T00:00:00+08:00 -f json </dev/null >b.json &&
	yq-report daily --db s.db --now 2026-11-23T09:10:00+08:00 -f json </dev/null >c.json &&
	yq-report daily --db s.db --now 2026-11-23T23:50:00+08:00 -f json </dev/null >d.json &&
	yq-report assess --db s.db $NOW -f json </dev/null >e.json &&
	yq-report event E596e --db s.db $NOW -f json </dev/null >f.json &&
	yq-report event E596e --db s.db $NOW -f json </dev/null >g.json &&
	jq -s -c "map(.form.issue)" a.json b.json c.json d.json e.json f.json g.json >got &&
	echo "[1,1,2,2,1,1,1]" >expect && test_cmp expect got &&
	test_expect_code 3 yq-report daily --db s.db --now 2026-11-25T10:00:00+08:00 -o nodir/x.html </dev/null 2>err &&
	yq-report daily --db s.db --now 2026-11-25T10:00:00+08:00 -f json </dev/null >h.json &&
	jq .form.issue h.json >got && echo 3 >expect && test_cmp expect got
'

test_expect_success 'html: a viewport, the masthead, cards on a phone, the foot' '
	yq-report daily --no-state $NOW --unit 网信办 -f html -o d.html "$D/pipeline.ndjson" &&
	xmllint --noout d.html &&
	test_grep "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>" d.html &&
	test_grep "<h1 class=\"mast\">沄江市网络舆情日报</h1>" d.html &&
	test_grep "<p class=\"head\"><span>编制单位：网信办</span><span>2026年11月23日</span></p>" d.html &&
	test_grep "<p class=\"foot\"><span>生成时间：2026-11-23 00:00</span></p>" d.html &&
	test_grep "@media screen and (max-width:600px)" d.html &&
	test_grep "<td class=\"s\" data-label=\"首发时间\">11-20 08:12</td>" d.html &&
	yq-report event E596e --no-state $NOW -f html -o e.html "$D/pipeline.ndjson" &&
	test_grep "<p class=\"mast\">沄江市网络舆情专报</p>" e.html
'

test_expect_success 'html: the x labels have room below the axis; sentiment stacked with counts' '
	sed -n "/<section id=\"sentiment\">/,/<\/section>/p" d.html >sent &&
	grep -o "viewBox=\"0 0 760 [0-9]*\"" sent >got &&
	echo "viewBox=\"0 0 760 238\"" >expect && test_cmp expect got &&
	grep -o "<title>11-22 23:00 [^<]*</title>" sent >got &&
	printf "%s\n" "<title>11-22 23:00 负面: 3</title>" "<title>11-22 23:00 中性: 4</title>" \
		"<title>11-22 23:00 正面: 2</title>" >expect && test_cmp expect got &&
	grep -o "<text class=\"count\"[^>]*>[0-9]*</text>" sent | sed "s/.*>\([0-9]*\)<.*/\1/" | tr "\n" " " >got &&
	printf "2 1 1 1 4 3 5 2 3 3 1 4 4 4 2 1 5 5 3 9 " >expect && test_cmp expect got
'

test_done
