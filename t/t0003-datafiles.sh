#!/bin/sh
test_description='data files: one reader; a long line, a line not in UTF-8 or a read error stops the load with file:line'
. "$(dirname "$0")"/test-lib.sh

# Each loader used to skip a line it could not read as if it were a
# comment, so a dictionary, lexicon or rule file was loaded in part
# without a word (issue 24).
long=$(printf '%05000d' 0)
printf '{"id":"1","text":"北京城管通报"}\n' >in.ndjson

test_expect_success 'yq-score: a long line in bodies.txt' '
	mkdir -p d1 &&
	{ echo "# a comment"; echo "$long"; } >d1/bodies.txt &&
	test_expect_code 3 env YQ_DATA=d1 yq-score in.ndjson >out 2>err &&
	test_must_be_empty out &&
	echo "yq-score: d1/bodies.txt:2: line too long (more than 4096 bytes)" >expect &&
	test_cmp expect err
'

test_expect_success 'yq-score: GBK bytes in categories.conf' '
	mkdir -p d2 &&
	printf "# rules\n\n\\272\\243\\265\\355 x\n" >d2/categories.conf &&
	test_expect_code 3 env YQ_DATA=d2 yq-score in.ndjson >out 2>err &&
	echo "yq-score: d2/categories.conf:3: not UTF-8 (data files are UTF-8)" >expect &&
	test_cmp expect err
'

test_expect_success 'yq-score: a long line in response.conf (the speakers list)' '
	mkdir -p d3 &&
	{ echo "official 发布"; echo "official $long$long$long$long$long$long$long$long$long$long$long$long$long$long"; } >d3/response.conf &&
	test_expect_code 3 env YQ_DATA=d3 yq-score in.ndjson >out 2>err &&
	echo "yq-score: d3/response.conf:2: line too long (more than 65536 bytes)" >expect &&
	test_cmp expect err
'

test_expect_success 'yq-score: the lexicon model and products.txt' '
	mkdir -p d4 d5 &&
	{ echo "[negation]"; echo "$long"; } >d4/sentiment.lex &&
	test_expect_code 3 env YQ_DATA=d4 yq-score --model lexicon in.ndjson >out 2>err &&
	echo "yq-score: d4/sentiment.lex:2: line too long (more than 4096 bytes)" >expect &&
	test_cmp expect err &&
	{ echo "# heads"; echo "拉面"; echo "$long"; } >d5/products.txt &&
	test_expect_code 3 env YQ_DATA=d5 yq-score in.ndjson >out 2>err &&
	echo "yq-score: d5/products.txt:3: line too long (more than 4096 bytes)" >expect &&
	test_cmp expect err
'

test_expect_success 'yq-cluster: a long line in the warning levels' '
	{ echo "red 10 2 0.5 50"; echo "$long"; } >warn.conf &&
	test_expect_code 2 yq-cluster --no-state --warnings warn.conf in.ndjson >out 2>err &&
	echo "yq-cluster: warn.conf:2: line too long (more than 4096 bytes)" >expect &&
	test_cmp expect err
'

test_expect_success 'yq-seg: stopwords.txt with a bad line is reported and not used' '
	mkdir -p d6 &&
	printf "的\n#\n# a comment\n\\377\n" >d6/stopwords.txt &&
	YQ_DATA=d6 yq-seg -k 2 in.ndjson >out 2>err &&
	echo "yq-seg: d6/stopwords.txt:4: not UTF-8 (data files are UTF-8)" >expect &&
	test_cmp expect err
'

test_expect_success 'a word list keeps "#" as a word and "# " as a comment' '
	mkdir -p d7 &&
	printf "#\n# a comment\n北京\n" >d7/stopwords.txt &&
	printf "{\"id\":\"1\",\"text\":\"北京上海\"}\n" >two.ndjson &&
	YQ_DATA=d7 yq-seg --no-stop two.ndjson >out 2>err &&
	test_must_be_empty err &&
	jq -c .tokens out >got &&
	echo "[\"上海\"]" >expect &&
	test_cmp expect got
'

test_done
