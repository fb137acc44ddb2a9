#!/bin/sh
test_description='inputs the fuzz harnesses (fuzz/) found to crash a tool, fed to the tool'
. "$(dirname "$0")"/test-lib.sh

# fuzz/corpus/yq-score--model/regress-bits-short: a model whose second
# line is shorter than "bits " was read past the line's end (ASan).
test_expect_success 'yq-score --model: a short second line is an error, read within the line' '
	printf "yq-sentiment-model 2\nb" >short.model &&
	echo "{\"id\":\"a\",\"text\":\"好\"}" >in.ndjson &&
	test_expect_code 2 yq-score --model short.model in.ndjson >out 2>err &&
	test_must_be_empty out &&
	echo "yq-score: short.model:2: want '"'"'bits 20'"'"'" >expect &&
	test_cmp expect err
'

# fuzz/corpus/yq-seg--dict: a compiled dictionary is mapped as it is, so
# a damaged one must not reach outside its tables nor loop.  These are
# laid out as dict.c writes them: header (40 bytes), tag names (512),
# character table (524288), Bloom filter (1048576), word and IDF slots
# (16 bytes each), HMM (1048656).
zeros () { head -c "$1" /dev/zero; }

test_expect_success 'yq-seg --dict: tables of no slots are refused, not probed' '
	{ printf "YQSEG04\n" && zeros 2622064; } >zero.bin &&
	echo "{\"id\":\"a\",\"text\":\"北溪区人民政府回应垃圾焚烧厂选址问题\"}" >in.ndjson &&
	test_expect_code 3 yq-seg --dict zero.bin in.ndjson >out 2>err &&
	test_must_be_empty out &&
	echo "yq-seg: zero.bin: not a yq-seg dictionary of this version (run make)" >expect &&
	test_cmp expect err
'

test_expect_success 'yq-seg --dict: a full table (no empty slot) ends the lookup' '
	{
		printf "YQSEG04\n\001\000\000\000\001\000\000\000" &&
		zeros 24 && zeros 512 && zeros 524288 && zeros 1048576 &&
		slot="\001\000\000\000\000\000\000\000\000\000\000\000\001\000\000\000" &&
		printf "$slot$slot" && zeros 1048656
	} >full.bin &&
	timeout 60 yq-seg --dict full.bin --keywords 3 in.ndjson >out 2>err &&
	test_must_be_empty err &&
	test_line_count = 1 out
'

test_done
