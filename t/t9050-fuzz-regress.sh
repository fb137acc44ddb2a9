#!/bin/sh
test_description='inputs the fuzz harnesses (fuzz/) found to crash a tool, fed to the tool'
. "$(dirname "$0")"/test-lib.sh

# fuzz/corpus/yq-score--model/regress-bits-short: a model whose second
# line is shorter than "bits " was read past the line's end (ASan).
test_expect_success 'yq-score --model: a short second line is an error, read within the line' '
	printf "yq-sentiment-model 1\nb" >short.model &&
	echo "{\"id\":\"a\",\"text\":\"好\"}" >in.ndjson &&
	test_expect_code 2 yq-score --model short.model in.ndjson >out 2>err &&
	test_must_be_empty out &&
	echo "yq-score: short.model:2: want '"'"'bits 20'"'"'" >expect &&
	test_cmp expect err
'

test_done
