#!/bin/sh
test_description='record I/O: the bad-input policy of DESIGN section 3, end to end'
. "$(dirname "$0")"/test-lib.sh

test_expect_success 'records pass through with key order and Unicode kept' '
	cat >in <<-\EOF &&
	{"z":1,"a":"沄江","m":{"y":[1,2.5,null],"b":true},"e":"\u00e9\n\"","r":0.1}
	EOF
	test-rec in >out 2>err &&
	cat >expect <<-\EOF &&
	{"z":1,"a":"沄江","m":{"y":[1,2.5,null],"b":true},"e":"é\n\"","r":0.1}
	EOF
	test_cmp expect out && test_must_be_empty err
'

test_expect_success 'a malformed line is reported with file and line, skipped, exit 2' '
	printf "{\"a\":1}\n{\"a\":\n[1,2]\n{\"a\":4}\n" >in &&
	test_expect_code 2 test-rec in >out 2>err &&
	printf "{\"a\":1}\n{\"a\":4}\n" >expect && test_cmp expect out &&
	cat >expect <<-\EOF &&
	test-rec: in:2: invalid JSON: unexpected token near end of file (column 5)
	test-rec: in:3: invalid JSON: not an object
	EOF
	test_cmp expect err
'

test_expect_success '--strict stops at the first bad line' '
	test_expect_code 2 test-rec --strict in >out 2>err &&
	echo "{\"a\":1}" >expect && test_cmp expect out &&
	test_line_count = 1 err
'

test_expect_success '--rejects keeps the bad lines verbatim' '
	printf "{\"a\":1}\n{oops \r\n\n  \n{\"b\":2}\n" >in &&
	test_expect_code 2 test-rec --rejects rej in >out 2>err &&
	printf "{oops \n" >expect && test_cmp expect rej &&
	printf "{\"a\":1}\n{\"b\":2}\n" >expect && test_cmp expect out
'

test_expect_success 'invalid UTF-8 is repaired to U+FFFD and reported once per file' '
	printf "{\"t\":\"a\\377b\"}\n{\"t\":\"\\304\\343\\272\\303\"}\n{\"t\":\"ok\"}\n" >in &&
	test-rec --count in >out 2>err &&
	cat >expect <<-\EOF &&
	{"t":"a�b"}
	{"t":"���"}
	{"t":"ok"}
	EOF
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	test-rec: in:1: invalid UTF-8 replaced by U+FFFD
	test-rec: in: invalid UTF-8 replaced by U+FFFD on 2 lines
	test-rec: 3 records, 0 bad, 2 repaired
	EOF
	test_cmp expect err
'

test_expect_success '\u0000 and a lone surrogate are repaired to U+FFFD as invalid UTF-8 is' '
	cat >in <<-\EOF &&
	{"t":"a\u0000b"}
	{"t":"half \ud83d of an emoji, whole \ud83d\ude00, low \udc00 alone"}
	{"t":"not an escape: \\u0000"}
	EOF
	test-rec --count in >out 2>err &&
	cat >expect <<-\EOF &&
	{"t":"a�b"}
	{"t":"half � of an emoji, whole 😀, low � alone"}
	{"t":"not an escape: \\u0000"}
	EOF
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	test-rec: in:1: \u0000 or a lone surrogate replaced by U+FFFD
	test-rec: in: invalid UTF-8 replaced by U+FFFD on 2 lines
	test-rec: 3 records, 0 bad, 2 repaired
	EOF
	test_cmp expect err
'

test_expect_success 'a line over --max-line is an error, not a truncation; the next is read' '
	{ printf "{\"a\":\"" && head -c 2000 /dev/zero | tr "\\0" x && printf "\"}\n{\"b\":1}\n"; } >in &&
	test_expect_code 2 test-rec --max-line 1K in >out 2>err &&
	echo "{\"b\":1}" >expect && test_cmp expect out &&
	echo "test-rec: in:1: line too long (more than 1024 bytes)" >expect &&
	test_cmp expect err
'

test_expect_success 'a 17 MiB line is refused by default, and read with --max-line 32M' '
	{ printf "{\"a\":\"" && head -c 17825792 /dev/zero | tr "\\0" x && printf "\"}\n"; } >big &&
	test_expect_code 2 test-rec big >out 2>err &&
	test_must_be_empty out &&
	echo "test-rec: big:1: line too long (more than 16777216 bytes)" >expect &&
	test_cmp expect err &&
	test-rec --max-line 32M big >out &&
	test $(wc -c <out) = $(wc -c <big)
'

test_expect_success 'CRLF line ends and a UTF-8 BOM are tolerated' '
	printf "\357\273\277{\"a\":1}\r\n{\"b\":2}\r\n" >in &&
	test-rec in >out &&
	printf "{\"a\":1}\n{\"b\":2}\n" >expect && test_cmp expect out
'

test_expect_success 'gzip input is read; a truncated one gives every whole line and an error' '
	seq 1 2000 | sed "s/.*/{\"n\":&}/" >plain &&
	gzip -c plain >in.gz &&
	test-rec in.gz >out && test_cmp plain out &&
	head -c 3000 in.gz >cut.gz &&
	test_expect_code 3 test-rec cut.gz >out 2>err &&
	test_grep "^test-rec: cut.gz: read error" err &&
	n=$(wc -l <out) && test $n -gt 100 &&
	head -n $n plain >expect && test_cmp expect out
'

test_expect_success 'line numbers count per file; a missing file does not stop the others' '
	printf "{\"a\":1}\nbad\n" >one && printf "bad\n{\"b\":2}\n" >two &&
	test_expect_code 3 test-rec one nosuch two >out 2>err &&
	cat >expect <<-\EOF &&
	test-rec: one:2: invalid JSON: '"'"'['"'"' or '"'"'{'"'"' expected near '"'"'bad'"'"' (column 3)
	test-rec: cannot open '"'"'nosuch'"'"': No such file or directory
	test-rec: two:1: invalid JSON: '"'"'['"'"' or '"'"'{'"'"' expected near '"'"'bad'"'"' (column 3)
	EOF
	test_cmp expect err &&
	printf "{\"a\":1}\n{\"b\":2}\n" >expect && test_cmp expect out
'

test_expect_success 'standard input is read when no file is named, and as -' '
	printf "{\"a\":1}\n" >in &&
	test-rec <in >out && test_cmp in out &&
	test-rec - <in >out && test_cmp in out
'

test_expect_success 'nesting deeper than 64 is refused before parsing' '
	awk "BEGIN { s = \"\"; for (i = 0; i < 100000; i++) s = s \"[\"; print \"{\\\"a\\\":\" s }" >deep &&
	test_expect_code 2 test-rec deep >out 2>err &&
	echo "test-rec: deep:1: invalid JSON: nested more than 64 deep" >expect &&
	test_cmp expect err
'

test_expect_success '-o writes atomically: nothing at the path until done' '
	seq 1 100 | sed "s/.*/{\"n\":&}/" >in &&
	test-rec -o result in && test_cmp in result &&
	ls result* >list && echo result >expect && test_cmp expect list
'

test_expect_success '-o to a device or a FIFO writes into it, never renames over it' '
	seq 1 5 | sed "s/.*/{\"n\":&}/" >in &&
	test-rec -o /dev/null in && test -c /dev/null &&
	mkfifo fifo && { cat fifo >from-fifo & } &&
	test-rec -o fifo in && wait && test -p fifo &&
	test_cmp in from-fifo
'

test_expect_success '-o /dev/stdout and /dev/fd/1 write into the descriptor, links kept' '
	seq 1 3 | sed "s/.*/{\"n\":&}/" >in &&
	test-rec -o /dev/stdout in >out && test -L /dev/stdout &&
	test_cmp in out &&
	echo "{\"first\":1}" >log &&
	test-rec -o /dev/stdout in >>log && test-rec -o /dev/fd/1 in >>log &&
	{ echo "{\"first\":1}" && cat in in; } >expect && test_cmp expect log
'

test_expect_success '-o through a symbolic link replaces the file it names' '
	echo old >real && ln -s real link &&
	test-rec -o link in && test -L link && test_cmp in real
'

test_expect_success '-o into a missing directory is an I/O error' '
	test_expect_code 3 test-rec -o no/such/dir/x in 2>err &&
	test_grep "cannot create .no/such/dir/x." err
'

test_expect_success 'a reader that goes away is not an error' '
	seq 1 200000 | sed "s/.*/{\"n\":&}/" >many &&
	cat >pipe.sh <<-\EOF &&
	test-rec many 2>err | head -n 1 >/dev/null
	echo "${PIPESTATUS[0]}" >status
	EOF
	bash pipe.sh && echo 0 >expect && test_cmp expect status &&
	test_must_be_empty err
'

# 64 KiB is Linux's own pipe size; the demo posts segmented are 300 KB.
test_expect_success 'a pipe written into grows to 1 MiB: a tool ends without its reader' '
	yq-seg "$TEST_DIR/data/demo/posts.ndjson" | wc -c >size &&
	test "$(cat size)" -gt 262144 && test "$(cat size)" -lt 1048576 &&
	python3 "$TEST_DIR/helper/pipe-out.py" grow yq-seg "$TEST_DIR/data/demo/posts.ndjson" >got &&
	echo "1048576 finished" >expect && test_cmp expect got
'

test_expect_success 'output goes out in blocks of 256 KiB, not of 4 KiB' '
	cat "$TEST_DIR/data/demo/posts.ndjson" "$TEST_DIR/data/demo/posts.ndjson" >twice &&
	python3 "$TEST_DIR/helper/pipe-out.py" block yq-seg twice >got &&
	echo "1 whole blocks early, then the rest" >expect && test_cmp expect got
'

test_expect_success 'a full disk is an I/O error' '
	test -w /dev/full || { echo "no /dev/full" >&2; false; } &&
	test_expect_code 3 test-rec many >/dev/full 2>err &&
	test_grep "write error" err
'

test_expect_success 'empty input is fine' '
	: >empty && test-rec empty >out && test_must_be_empty out
'

test_expect_success 'usage, --help and --version' '
	test-rec --help >out && test_grep "^usage: test-rec \[options\] \[file ...\]" out &&
	test-rec --version >out && echo "test-rec (yq) 0.1.0" >expect && test_cmp expect out &&
	test_expect_code 2 test-rec --nope 2>err &&
	cat >expect <<-\EOF &&
	test-rec: unknown option '"'"'--nope'"'"'
	usage: test-rec [options] [file ...]
	Try '"'"'test-rec --help'"'"'.
	EOF
	test_cmp expect err &&
	test_expect_code 2 test-rec --max-line 0 2>err &&
	test_grep "invalid size for --max-line" err
'

test_expect_success 'no code takes memory from json_dumps (jansson allocates it with jalloc; use yq_json_dumps)' '
	(cd "$TOP_DIR" && grep -n "json_dumps *(" cmd/*/*.c common/*.c) >found || : &&
	grep -v "yq_json_dumps" found >bad || : &&
	test_must_be_empty bad
'

test_expect_success 'an input that cannot be read leaves the -o file as it was, in every tool' '
	for t in yq-seg yq-score "yq-cluster --no-state" "yq-deadline --no-state" \
		"yq-report daily --no-state"; do
		echo kept >o.txt &&
		{ $t -o o.txt missing.ndjson 2>err; test $? = 3 || return 1; } &&
		echo "${t%% *}: cannot open '"'"'missing.ndjson'"'"': No such file or directory" >expect &&
		test_cmp expect err && echo kept >expect && test_cmp expect o.txt || return 1
	done
'

test_done
