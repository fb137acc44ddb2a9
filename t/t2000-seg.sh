#!/bin/sh
test_description='yq-seg: token classes, dictionary, HMM, options, bad input'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/seg

test_expect_success 'every token class (URL, e-mail, @, #话题#, [表情], numbers, dates, full-width, punctuation)' '
	yq-seg --field text,title "$D/classes.ndjson" >out 2>err &&
	test_cmp "$D/classes.expect" out && test_must_be_empty err
'

test_expect_success 'tokens, pos and keywords are appended after the fields already there' '
	echo "{\"z\":1,\"text\":\"我爱北京天安门\",\"a\":2}" >in &&
	yq-seg -p in >out &&
	echo "{\"z\":1,\"text\":\"我爱北京天安门\",\"a\":2,\"tokens\":[\"我\",\"爱\",\"北京\",\"天安门\"],\"pos\":[\"r\",\"v\",\"ns\",\"ns\"]}" >expect &&
	test_cmp expect out
'

test_expect_success 'running it again replaces the fields in place' '
	yq-seg -p out >again && test_cmp out again
'

test_expect_success 'the HMM finds an unknown name; --no-hmm leaves single characters' '
	echo "{\"text\":\"记者覃晓岚报道\"}" >in &&
	yq-seg -p in >out &&
	echo "{\"text\":\"记者覃晓岚报道\",\"tokens\":[\"记者\",\"覃晓岚\",\"报道\"],\"pos\":[\"n\",\"nr\",\"v\"]}" >expect &&
	test_cmp expect out &&
	yq-seg --no-hmm in >out &&
	echo "{\"text\":\"记者覃晓岚报道\",\"tokens\":[\"记者\",\"覃\",\"晓\",\"岚\",\"报道\"]}" >expect &&
	test_cmp expect out
'

test_expect_success 'a user dictionary adds words, tags them, and 0 removes one' '
	printf "沄江市\n北溪区 ns\n垃圾焚烧 0\n发电项目 20 n\n" >user.dict &&
	echo "{\"text\":\"沄江市北溪区垃圾焚烧发电项目\"}" >in &&
	yq-seg in >out &&
	echo "{\"text\":\"沄江市北溪区垃圾焚烧发电项目\",\"tokens\":[\"沄\",\"江市\",\"北溪\",\"区\",\"垃圾焚烧\",\"发电\",\"项目\"]}" >expect &&
	test_cmp expect out &&
	yq-seg -p -u user.dict in >out &&
	echo "{\"text\":\"沄江市北溪区垃圾焚烧发电项目\",\"tokens\":[\"沄江市\",\"北溪区\",\"垃圾\",\"焚烧\",\"发电项目\"],\"pos\":[\"x\",\"ns\",\"n\",\"v\",\"n\"]}" >expect &&
	test_cmp expect out
'

test_expect_success 'several user dictionaries load in order' '
	printf "沄江\n" >a.dict && printf "沄江市北溪区 5000 ns\n" >b.dict &&
	yq-seg -u a.dict -u b.dict in >out &&
	test_grep "\"tokens\":\[\"沄江市北溪区\",\"垃圾焚烧\"" out
'

test_expect_success 'a bad user dictionary is an error naming file and line' '
	head -c 300 /dev/zero | tr "\\0" x >long.dict && echo >>long.dict &&
	test_expect_code 2 yq-seg -u long.dict in >out 2>err &&
	echo "yq-seg: long.dict:1: word too long" >expect && test_cmp expect err &&
	test_expect_code 2 yq-seg -u nosuch.dict in 2>err &&
	test_grep "cannot open user dictionary .nosuch.dict." err
'

test_expect_success '--search adds the dictionary words inside long words' '
	echo "{\"text\":\"中华人民共和国国务院办公厅\"}" >in &&
	yq-seg --search in >out &&
	echo "{\"text\":\"中华人民共和国国务院办公厅\",\"tokens\":[\"中华\",\"华人\",\"人民\",\"共和\",\"共和国\",\"中华人民共和国\",\"国务\",\"院办\",\"办公\",\"国务院\",\"办公厅\",\"国务院办公厅\"]}" >expect &&
	test_cmp expect out
'

test_expect_success '--keywords: TF-IDF over words of two characters, no stopwords' '
	echo "{\"title\":\"北溪区垃圾焚烧项目\",\"text\":\"北溪区居民反对垃圾焚烧项目，担心焚烧产生二噁英。垃圾焚烧的选址应当公开。\"}" >in &&
	yq-seg -k 3 in >out &&
	test_grep ",\"keywords\":\[\[\"垃圾焚烧\",1.9062\],\[\"北溪\",1.5605\],\[\"项目\",0.651\]\]}$" out
'

test_expect_success '--no-punct and --no-stop drop tokens' '
	echo "{\"text\":\"我们的项目，必须公开！\"}" >in &&
	yq-seg --no-punct --no-stop in >out &&
	echo "{\"text\":\"我们的项目，必须公开！\",\"tokens\":[\"项目\",\"必须\",\"公开\"]}" >expect &&
	test_cmp expect out
'

test_expect_success '--fine cuts as the bakeoff standard does' '
	echo "{\"text\":\"江泽民主席会见了三个代表团，检察机关于2001年12月31日\"}" >in &&
	yq-seg --fine in >out &&
	echo "{\"text\":\"江泽民主席会见了三个代表团，检察机关于2001年12月31日\",\"tokens\":[\"江\",\"泽民\",\"主席\",\"会见\",\"了\",\"三\",\"个\",\"代表团\",\",\",\"检察\",\"机关\",\"于\",\"2001年\",\"12月\",\"31日\"]}" >expect &&
	test_cmp expect out
'

test_expect_success '--plain reads text lines and writes words separated by two spaces' '
	printf "我爱北京天安门\n\n12.5%%的增长\n" >in.txt &&
	yq-seg --plain in.txt >out &&
	printf "我  爱  北京  天安门\n\n12.5%%  的  增长\n" >expect &&
	test_cmp expect out
'

test_expect_success '--plain: a URL stops at the full-width punctuation after it' '
	printf "见http://t.cn/A6x，@张三 看\n" >in.txt &&
	yq-seg --plain in.txt >out 2>err &&
	printf "见  http://t.cn/A6x  ,  @张三  看\n" >expect &&
	test_cmp expect out && test_must_be_empty err
'

test_expect_success 'records without title or text, and empty text, get empty tokens' '
	printf "{\"id\":1}\n{\"text\":\"\"}\n{\"text\":5}\n" >in &&
	yq-seg in >out 2>err &&
	printf "{\"id\":1,\"tokens\":[]}\n{\"text\":\"\",\"tokens\":[]}\n{\"text\":5,\"tokens\":[]}\n" >expect &&
	test_cmp expect out && test_must_be_empty err
'

test_expect_success 'invalid UTF-8 is repaired before segmenting' '
	printf "{\"text\":\"北京\\377天安门\"}\n" >in &&
	yq-seg in >out 2>err &&
	echo "{\"text\":\"北京�天安门\",\"tokens\":[\"北京\",\"�\",\"天安门\"]}" >expect &&
	test_cmp expect out &&
	test_grep "in:1: invalid UTF-8 replaced by U+FFFD" err
'

test_expect_success 'a 10 MB line: the words of its first 256 KiB, said, in bounded time' '
	{ printf "{\"text\":\"" && yes 沄江市北溪区的居民反对垃圾焚烧项目。 | head -n 190000 | tr -d "\\n" && printf "\"}\n"; } >big &&
	test $(wc -c <big) -gt 10000000 &&
	yq-seg big >out 2>err &&
	echo "yq-seg: big:1: text of 10260000 bytes: words of the first 262144 only" >expect &&
	test_cmp expect err &&
	jq ".tokens | length" out >got && echo 48546 >expect && test_cmp expect got
'

test_expect_success 'malformed lines are reported and skipped; exit 2' '
	printf "{\"text\":\"你好\"}\nnot json\n{\"text\":\"再见\"}\n" >in &&
	test_expect_code 2 yq-seg in >out 2>err &&
	test_line_count = 2 out &&
	test_grep "^yq-seg: in:2: invalid JSON" err
'

test_expect_success 'the same input gives the same output' '
	yq-seg -p -k 5 "$D/classes.ndjson" >a && yq-seg -p -k 5 "$D/classes.ndjson" >b &&
	test_cmp a b
'

test_expect_success 'a missing or foreign dictionary is an environment error' '
	test_expect_code 3 yq-seg --dict nosuch.bin in 2>err &&
	test_grep "cannot open dictionary .nosuch.bin." err &&
	head -c 100000 /dev/zero >bad.bin &&
	test_expect_code 3 yq-seg --dict bad.bin in 2>err &&
	echo "yq-seg: bad.bin: not a yq-seg dictionary of this version (run make)" >expect &&
	test_cmp expect err
'

test_expect_success 'compile: a bad source line is an error with file and line' '
	printf "好 10 a\n坏 x n\n" >words.txt &&
	test_expect_code 2 yq-seg compile --words words.txt --hmm "$TOP_DIR/dict/hmm_model.utf8" \
		--idf "$TOP_DIR/dict/jieba.idf.txt" -o small.bin 2>err &&
	echo "yq-seg: words.txt:2: want '"'"'word freq [tag]'"'"'" >expect &&
	test_cmp expect err && ! test -e small.bin
'

test_expect_success 'compile: a small dictionary builds and is used' '
	printf "沄江 10 ns\n江市 100 n\n" >words.txt &&
	yq-seg compile --words words.txt --hmm "$TOP_DIR/dict/hmm_model.utf8" \
		--idf "$TOP_DIR/dict/jieba.idf.txt" -o small.bin &&
	echo "{\"text\":\"沄江江市\"}" >in &&
	yq-seg --dict small.bin -p in >out &&
	echo "{\"text\":\"沄江江市\",\"tokens\":[\"沄江\",\"江市\"],\"pos\":[\"ns\",\"n\"]}" >expect &&
	test_cmp expect out
'

test_expect_success 'usage errors' '
	test_expect_code 2 yq-seg --keywords many 2>err &&
	test_grep "keywords is invalid" err &&
	test_expect_code 2 yq-seg compile --words x 2>err &&
	test_grep "^usage: yq-seg compile" err &&
	yq-seg --version >out && echo "yq-seg (yq) 0.1.0" >expect && test_cmp expect out
'

test_done
