#!/bin/sh
test_description='the README duty loop, as written, three times against the demo feeds on 127.0.0.1'
. "$(dirname "$0")"/test-lib.sh
. "$TEST_DIR"/lib/httpd.sh

# The script is taken from the README and run as it stands but for its
# paths (under the scratch dir), with two stand-ins on PATH: date(1),
# which gives each run its pinned time, and mail(1), which keeps what
# it is given.  The state store is the default one ($XDG_DATA_HOME).
# Run 1 fetches the demo's four feeds, run 2 ten minutes later finds
# nothing new, run 3 finds one new post on the water outage story.

G=$TEST_DIR/data/duty

test_expect_success PYTHON3 'setup: the script, the stand-ins, the feeds served' '
	awk "/^    #!\\/bin\\/sh\$/ { on = 1 } on { print substr(\$0, 5) } on && /^    fi\$/ { exit }" \
		"$TOP_DIR/README.md" >script.in &&
	test_line_count -gt 10 script.in &&
	sed -e "s|/etc/yq/|$TRASH_DIR/etc/|g" -e "s|/var/lib/yq/|$TRASH_DIR/lib/|g" \
		-e "s|/var/www/yq/|$TRASH_DIR/www/|g" script.in >yq-duty &&
	mkdir -p stub etc lib/archive www docroot &&
	cat >stub/date <<-\EOT &&
	#!/bin/sh
	case $1 in
	+%F) echo "${DUTY_NOW%%T*}" ;;
	+%FT%T%:z) echo "$DUTY_NOW" ;;
	*) exit 1 ;;
	esac
	EOT
	printf "%s\n" "#!/bin/sh" "{ echo \"To: \$*\"; cat; } >>\"$TRASH_DIR/mailed\"" >stub/mail &&
	chmod +x stub/date stub/mail yq-duty &&
	cp -R "$TEST_DIR/data/demo/feeds" docroot/ &&
	start_httpd "$TRASH_DIR/docroot" &&
	for f in yjrb.xml yjnews.xml zjcb.rdf gov.atom; do
		echo "$HTTPD/feeds/$f" || return 1
	done >etc/feeds.txt
'

run() {
	DUTY_NOW=$1 PATH="$TRASH_DIR/stub:$PATH" ./yq-duty >out 2>err &&
	test_must_be_empty out && test_must_be_empty err &&
	cp www/now.html "now-$2.html"
}

test_expect_success PYTHON3 'run 1 at 20:00: the whole batch; the briefing and the mail pinned' '
	run 2026-11-23T20:00:00+08:00 1 &&
	test_cmp "$G/now-1.html" now-1.html &&
	test_cmp "$G/mailed-1" mailed
'

test_expect_success PYTHON3 'run 2 at 20:10: nothing new, the same picture, nothing mailed' '
	run 2026-11-23T20:10:00+08:00 2 &&
	test_cmp "$G/now-2.html" now-2.html &&
	test_cmp "$G/mailed-1" mailed
'

test_expect_success PYTHON3 'run 3 at 20:20: one new post; the briefing pinned, nothing mailed twice' '
	sed "0,/<item>/s|<item>|<item>\\
<title>河西片区今晚仍未恢复供水 居民排队接水</title>\\
<link>https://news.yunjiang.cn/system/2026/11/23/043990.shtml</link>\\
<description>临河市河西片区部分小区截至23日晚8时仍未恢复供水，居民在临时供水点排队接水，盼有关部门尽快说明原因。</description>\\
<pubDate>Mon, 23 Nov 2026 12:15:00 GMT</pubDate>\\
</item>\\
<item>|" docroot/feeds/yjnews.xml >new.xml &&
	test "$(grep -c "<item>" new.xml)" = 10 &&
	mv new.xml docroot/feeds/yjnews.xml &&
	touch -d "2026-11-23 20:15" docroot/feeds/yjnews.xml &&
	run 2026-11-23T20:20:00+08:00 3 &&
	test_cmp "$G/now-3.html" now-3.html &&
	test_cmp "$G/mailed-1" mailed
'

test_expect_success PYTHON3 'the three briefings: the same open events and overdue rows' '
	for n in 1 2 3; do
		sed -n "/<h2>回应时限/,/<\\/table>/p" now-$n.html |
			sed "s/<td class=\"n\" data-label=\"剩余小时\">-*[0-9.]*<\\/td>/<td>N<\\/td>/g; s/ id=\"ev-[^\"]*\"//" >dl-$n || return 1
	done &&
	test_grep "<tr class=\"overdue\"><td data-label=\"事件\">临河部分区域停水超24小时" dl-1 &&
	test_cmp dl-1 dl-2 && test_cmp dl-1 dl-3
'

test_expect_success PYTHON3 'the archive: every event record carries its response' '
	ls lib/archive >names && echo 2026-11-23.ndjson >expect && test_cmp expect names &&
	jq -c "select(.kind == \"event\") | has(\"response\")" lib/archive/2026-11-23.ndjson | sort -u >got &&
	echo true >expect && test_cmp expect got
'

test_expect_success PYTHON3 'the index the loop keeps answers as the archive loaded' '
	for q in info "word 停水; list 50" "events; count by warning" "posts; count by platform"; do
		yq-explore -c "$q" lib/archive/2026-11-23.ndjson >loaded &&
		yq-explore --index lib/index -c "$q" >indexed &&
		test_cmp loaded indexed || return 1
	done
'

test_expect_success PYTHON3 'stop the test server' '
	stop_httpd
'

test_done
