#!/bin/sh
test_description='make install PREFIX=DIR: the binaries find their data there'
. "$(dirname "$0")"/test-lib.sh

# The tree is copied into the scratch dir and built there, so that this
# test never rebuilds (or installs from) the tree other tests are using.
# The copy is built first with the default PREFIX, then installed into
# another: the installed binaries must have been rebuilt for it.  The
# copy sits beside a link to ../shared, as the tree does, so that the
# data made from it (the sentiment model) is made in the copy too.

src=$TRASH_DIR/src
pfx=$TRASH_DIR/pfx
# Run from `make check`, the make below would inherit its flags and
# job server and variables (SANITIZE=... of the second pass): it is a
# make of its own.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES SANITIZE BUILD DEV CFLAGS LDFLAGS

test_expect_success 'copy the source tree (without build/, .git, scratch dirs)' '
	mkdir src &&
	(cd "$TOP_DIR" && tar --exclude=./build --exclude=./.git \
		--exclude="./t/trash.*" --exclude=./demo/out \
		--exclude="./dict/*.bin" --exclude="./dict/*.dat" \
		--exclude=./dict/sentiment.model -cf - .) |
		(cd src && tar -xf -) &&
	if test -n "$SHARED_DIR"; then ln -s "$SHARED_DIR" shared; fi &&
	test -f src/Makefile && ! test -e src/build
'

test_expect_success 'build the copy with the default PREFIX' '
	make -C src -s -j2 >build.out 2>build.err &&
	test_grep "YQ_DATADIR \"/usr/local/share/yq\"" src/build/config.h
'

test_expect_success 'make install PREFIX=DIR rebuilds what names the data dir' '
	make -C src -s install PREFIX="$pfx" >install.out 2>install.err &&
	test_grep "YQ_DATADIR \"$pfx/share/yq\"" src/build/config.h &&
	for t in $(cd src/cmd && ls); do test -x "$pfx/bin/$t" || exit 1; done
'

test_expect_success 'a second make with the same PREFIX rebuilds nothing' '
	cp -p src/build/config.h config.before &&
	make -C src -s install PREFIX="$pfx" >again.out 2>&1 &&
	test_must_be_empty again.out &&
	test ! src/build/config.h -nt config.before &&
	test ! src/build/bin/yq-seg -nt "$pfx/bin/yq-seg"
'

test_expect_success 'data, man pages and completions are installed' '
	test -f "$pfx/share/yq/seg.bin" &&
	test -f "$pfx/share/yq/SOURCES.md" &&
	for m in "$TOP_DIR"/man/*.[0-9]; do
		s=${m##*.} && test -f "$pfx/share/man/man$s/${m##*/}" || exit 1
	done &&
	test -f "$pfx/share/man/man5/yq-rules.5" &&
	for c in "$TOP_DIR"/completions/*.bash; do
		c=${c##*/} && test -f "$pfx/share/bash-completion/completions/${c%.bash}" || exit 1
	done &&
	for c in "$TOP_DIR"/completions/_yq-*; do
		test -f "$pfx/share/zsh/site-functions/${c##*/}" || exit 1
	done
'

test_expect_success 'installed yq-seg reads PREFIX/share/yq with YQ_DATA unset and dict/ away' '
	printf "%s\n" "{\"id\":\"a\",\"text\":\"沄江化工厂发生爆炸，市应急管理局回应\"}" >in.ndjson &&
	yq-seg -k 3 in.ndjson >expect 2>expect.err &&
	test_must_be_empty expect.err &&
	mv src/dict src/dict.away &&
	(unset YQ_DATA && cd src && "$pfx/bin/yq-seg" -k 3 ../in.ndjson) >actual 2>err &&
	mv src/dict.away src/dict &&
	test_must_be_empty err &&
	test_cmp expect actual
'

test_expect_success 'without PREFIX/share/yq it fails naming that dir' '
	mv "$pfx/share/yq" "$pfx/share/yq.away" &&
	mv src/dict src/dict.away &&
	(unset YQ_DATA && test_expect_code 3 "$pfx/bin/yq-seg" in.ndjson) >out 2>err
	rc=$? &&
	mv "$pfx/share/yq.away" "$pfx/share/yq" &&
	mv src/dict.away src/dict &&
	test $rc = 0 &&
	test_must_be_empty out &&
	test_grep "$pfx/share/yq" err
'

test_expect_success 'make uninstall removes everything it installed' '
	make -C src -s uninstall PREFIX="$pfx" >out 2>err &&
	test_must_be_empty err &&
	find "$pfx" -type f >left &&
	test_must_be_empty left
'

test_expect_success 'make clean removes build/, the compiled data and the demo reports' '
	: >src/demo/report.txt && : >src/demo/report-event.html &&
	make -C src -s clean >out 2>err &&
	test_must_be_empty err &&
	! test -e src/build &&
	! test -e src/dict/seg.bin &&
	! ls src/demo/report* 2>/dev/null &&
	test -f src/demo/run
'

test_done
