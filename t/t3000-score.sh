#!/bin/sh
test_description='yq-score: categories, places, bodies, sentiment, heat, risk, training'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/score
P="--places $TEST_DIR/data/demo/places.tsv"

test_expect_success 'each category on its positive and negative examples' '
	yq-score $P "$D/categories.ndjson" >out 2>err &&
	test_must_be_empty err &&
	jq -r "[.id, (.want == .categories)] | @tsv" out >got &&
	! grep false got && test_line_count = 17 got
'

test_expect_success 'places by full and short name (the short form of a county with its city, or before an area word: 青石化工园区), ambiguity resolved by the other places; bodies' '
	yq-score $P "$D/places.ndjson" >out &&
	test_cmp "$D/places.expect" out
'

test_expect_success '朝阳 is Beijing'"'"'s district beside 海淀区, Liaoning'"'"'s city beside 辽宁' '
	jq -c "select(.id == \"bj\" or .id == \"ln\") | [.id, (.places | map(.code))]" out >got &&
	printf "%s\n" "[\"bj\",[\"110000\",\"110105\",\"110108\"]]" "[\"ln\",[\"210000\",\"211300\"]]" >expect &&
	test_cmp expect got
'

test_expect_success 'a bare 市 or 区 before a department is the post'"'"'s city or county; the name is the text'"'"'s' '
	jq -c "select(.id == \"level\" or .id == \"demo\") | .bodies" out >got &&
	printf "%s\n" "[{\"name\":\"杭州市生态环境局\",\"place\":\"330100\",\"dept\":\"生态环境局\",\"level\":\"city\"}]" \
		"[{\"name\":\"北溪区人民政府\",\"place\":\"331203\",\"dept\":\"人民政府\",\"level\":\"county\"},{\"name\":\"区应急管理局\",\"place\":\"331203\",\"dept\":\"应急管理局\",\"level\":\"county\"}]" >expect &&
	test_cmp expect got
'

test_expect_success 'sentiment, heat and risk by the documented formulas' '
	yq-score "$D/heat.ndjson" >out &&
	jq -c "[.id, .sentiment, .heat, .risk]" out >got &&
	cat >expect <<-\EOF &&
	["h1",{"score":-0.317,"label":"negative"},17.98,44]
	["h2",{"score":0.007,"label":"neutral"},4.14,16.8]
	["h3",{"score":-0.088,"label":"neutral"},0,0]
	EOF
	test_cmp expect got
'

test_expect_success 'fields are added after the ones there, in DESIGN order' '
	jq -c "keys_unsorted" out | head -n 1 >got &&
	echo "[\"id\",\"platform\",\"author\",\"text\",\"metrics\",\"sentiment\",\"topics\",\"categories\",\"places\",\"bodies\",\"heat\",\"risk\"]" >expect &&
	test_cmp expect got
'

test_expect_success 'event records pass through unscored' '
	echo "{\"kind\":\"event\",\"event_id\":\"E1\",\"title\":\"爆炸\"}" >ev &&
	yq-score ev >out && test_cmp ev out
'

test_expect_success 'train: a model learnt from a small file classifies its own examples' '
	for i in 1 2 3 4 5; do
		echo "{\"text\":\"服务很好，非常满意，推荐\",\"label\":1}"
		echo "{\"text\":\"房间干净，早餐不错，下次还来\",\"label\":\"positive\"}"
		echo "{\"text\":\"太差了，再也不来了，失望\",\"label\":0}"
		echo "{\"text\":\"脏乱差，服务态度恶劣\",\"label\":\"negative\"}"
	done >train.ndjson &&
	yq-score train -o small.model train.ndjson &&
	head -n 1 small.model >got && echo "yq-sentiment-model 2" >expect && test_cmp expect got &&
	yq-score --model small.model train.ndjson >out &&
	jq -r "[(if (.label == 1 or .label == \"positive\") then \"positive\" else \"negative\" end), .sentiment.label] | @tsv" out >got &&
	awk "\$1 != \$2" got >wrong && test_must_be_empty wrong
'

test_expect_success 'train: records without a label are rejected with file and line' '
	printf "{\"text\":\"好\",\"label\":1}\n{\"text\":\"无标签\"}\n{\"text\":\"坏\",\"label\":0}\n" >t2 &&
	test_expect_code 2 yq-score train -o m2 t2 2>err &&
	echo "yq-score: t2:2: want text and a label of 1 or 0" >expect && test_cmp expect err &&
	test -s m2
'

test_expect_success 'train: a bad label, an empty file and no records at all are refused' '
	printf "{\"text\":\"好\",\"label\":1}\n{\"text\":\"一般\",\"label\":\"neutral\"}\n{\"text\":\"中\",\"label\":2}\n" >t3 &&
	test_expect_code 2 yq-score train -o m3 t3 2>err &&
	cat >expect <<-\EOF &&
	yq-score: t3:2: want text and a label of 1 or 0
	yq-score: t3:3: want text and a label of 1 or 0
	EOF
	test_cmp expect err &&
	: >empty &&
	test_expect_code 2 yq-score train -o m4 empty 2>err &&
	echo "yq-score: no labelled records to train on" >expect &&
	test_cmp expect err &&
	! test -e m4 &&
	test_expect_code 2 yq-score train -o m5 2>err &&
	test_grep "^usage: yq-score train" err
'

test_expect_success 'train: the same records make the same model, to the byte' '
	yq-score train -o again1.model train.ndjson &&
	yq-score train -o again2.model train.ndjson &&
	cmp again1.model again2.model &&
	cmp small.model again1.model
'

test_expect_success 'a bad model file is an error naming file and line' '
	printf "yq-sentiment-model 2\nbits 20\nbias 0.1\n12 0.5\nxyz\n" >bad.model &&
	test_expect_code 2 yq-score --model bad.model "$D/heat.ndjson" 2>err &&
	echo "yq-score: bad.model:5: want '"'"'INDEX WEIGHT'"'"' with an index below 2^20" >expect &&
	test_cmp expect err &&
	echo "not a model" >bad2.model &&
	test_expect_code 2 yq-score --model bad2.model "$D/heat.ndjson" 2>err &&
	test_grep "bad2.model:1: not a yq sentiment model" err
'

test_expect_success 'categories: patterns of every shape match as PCRE2 would (the word prefilter)' '
	cat >shapes.conf <<-\EOF &&
	# a leading group of words: prefiltered
	plain	(爆炸|起火)事故
	# one-character words
	single	(砍|杀)人
	# the group may be absent: must not be prefiltered
	optional	(甲|乙)?丙丁
	# an alternative after the group at the top level
	toplevel	(戊己)庚|辛壬
	# the bar inside a later group does not count
	nested	(子丑)(寅|卯)
	# not a plain group: escapes, classes, no group
	escaped	(a\.b|c)d
	class	[东西]门
	bare	南北
	# one category, a prefiltered line and another that is not
	mixed	(春|夏)雨
	mixed	.秋风
	# quoting, a comment and a class that hide a top-level bar
	quoted	(甲乙)\Q)\E|丙乙
	comment	(丁戊)(?#()|己戊
	bracket	(庚辛)[]|]壬
	EOF
	cat >shapes.ndjson <<-\EOF &&
	{"id":"1","text":"昨夜爆炸事故"}
	{"id":"2","text":"爆炸了,没有事故"}
	{"id":"3","text":"有人砍人"}
	{"id":"4","text":"只有丙丁"}
	{"id":"5","text":"辛壬年"}
	{"id":"6","text":"戊己庚"}
	{"id":"7","text":"子丑卯"}
	{"id":"8","text":"axbd a.bd"}
	{"id":"9","text":"西门,南北"}
	{"id":"10","text":"一阵秋风"}
	{"id":"11","text":"夏雨"}
	{"id":"12","text":"杀"}
	{"id":"13","text":"丙乙"}
	{"id":"14","text":"己戊"}
	{"id":"15","text":"庚辛]壬"}
	EOF
	yq-score --categories shapes.conf shapes.ndjson >out &&
	jq -c "[.id, .categories]" out >got &&
	cat >expect <<-\EOF &&
	["1",["plain"]]
	["2",[]]
	["3",["single"]]
	["4",["optional"]]
	["5",["toplevel"]]
	["6",["toplevel"]]
	["7",["nested"]]
	["8",["escaped"]]
	["9",["class","bare"]]
	["10",["mixed"]]
	["11",["mixed"]]
	["12",[]]
	["13",["quoted"]]
	["14",["comment"]]
	["15",["bracket"]]
	EOF
	test_cmp expect got
'

test_expect_success 'a bad category pattern names file, line and column' '
	printf "# c\nrumour\t(网传|听说\n" >bad.conf &&
	test_expect_code 2 yq-score --categories bad.conf "$D/heat.ndjson" 2>err &&
	echo "yq-score: bad.conf:2:14: missing closing parenthesis" >expect &&
	test_cmp expect err &&
	printf "no tab here\n" >bad2.conf &&
	test_expect_code 2 yq-score --categories bad2.conf "$D/heat.ndjson" 2>err &&
	test_grep "bad2.conf:1: want" err
'

test_expect_success 'a bad places file is an error naming file and line' '
	printf "331200\t沄江市\t沄江\tcity\n12\tx\n" >bad.tsv &&
	test_expect_code 2 yq-score --places bad.tsv "$D/heat.ndjson" 2>err &&
	test_grep "bad.tsv:2: want" err
'

test_expect_success 'malformed input lines are reported and skipped' '
	{ cat "$D/heat.ndjson" && echo "{oops"; } >in &&
	test_expect_code 2 yq-score in >out 2>err &&
	test_line_count = 3 out && test_grep "in:4: invalid JSON" err
'

test_expect_success '--model lexicon: degree, negation, contrast, question, emoticons; with and without tokens' '
	cat >lex.ndjson <<-\EOT &&
	{"id":"degree","text":"服务很好，非常满意"}
	{"id":"negation","text":"服务不好，太差了[怒]"}
	{"id":"contrast","text":"东西不错，但是太贵了"}
	{"id":"question","text":"难道这样就好吗？"}
	{"id":"negated-negative","text":"没有失望"}
	{"id":"tokens","text":"x","tokens":["非常","满意"]}
	EOT
	yq-score --model lexicon lex.ndjson >out 2>err &&
	test_must_be_empty err &&
	jq -r "[.id, .sentiment.score, .sentiment.label] | @tsv" out >got &&
	cat >expect <<-\EOT &&
	degree	0.885	positive
	negation	-0.922	negative
	contrast	-0.525	negative
	question	-0.322	negative
	negated-negative	0.488	positive
	tokens	0.716	positive
	EOT
	test_cmp expect got
'

test_expect_success '--model lexicon: a bad lexicon names its line' '
	mkdir -p badlex && for f in "$TEST_DIR"/../dict/*; do ln -sf "$f" badlex/; done &&
	rm badlex/sentiment.lex && printf "好\tx\n" >badlex/sentiment.lex &&
	test_expect_code 3 env YQ_DATA=badlex yq-score --model lexicon lex.ndjson >/dev/null 2>err &&
	test_grep "sentiment.lex:1: want .word<TAB>number." err
'

test_expect_success 'a compact post is written as read with the fields appended; a spaced one compact' '
	printf "%s\n" "{\"id\":\"1\",\"text\":\"\\u7532\",\"w\":0.50}" \
	    "{ \"id\" : \"2\", \"w\" : 0.50 }" >in.ndjson &&
	yq-score in.ndjson >out &&
	cut -c1-35 out >got &&
	cat >expect <<-\EOF &&
	{"id":"1","text":"\u7532","w":0.50,
	{"id":"2","w":0.5,"sentiment":{"sco
	EOF
	test_cmp expect got &&
	jq -c "keys_unsorted" out >keys &&
	cat >expect <<-\EOF &&
	["id","text","w","sentiment","topics","categories","places","bodies","heat","risk"]
	["id","w","sentiment","topics","categories","places","bodies","heat","risk"]
	EOF
	test_cmp expect keys &&
	yq-score out >again &&
	jq -c "keys_unsorted" again >keys2 &&
	test_cmp expect keys2
'

test_done
