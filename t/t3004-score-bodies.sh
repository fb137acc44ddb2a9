#!/bin/sh
test_description='yq-score: government bodies by grammar: place? level? organ, national organs, refusals'
. "$(dirname "$0")"/test-lib.sh

# Short quotations of the real posts that showed each defect (issue 18,
# item 4), and of the issue's own examples (泰顺警方, 洛阳市委).
cat >in.ndjson <<\EOF_IN
{"id":"place","text":"泰顺警方通报：洛阳市委回应"}
{"id":"inner","text":"广州越秀警方30日通报；湖南临武城管打死瓜农"}
{"id":"field","text":"武汉市国土房产局、北京市第一中级人民法院和市住房保障办"}
{"id":"level","text":"杭州市民反映，市公安局、县委已介入，余杭区在杭州"}
{"id":"bare","text":"北京城管暴力执法，一群年轻力壮的城管围殴一个板车小贩"}
{"id":"local","text":"杭州余杭发生污染，当地水务局称水质没有问题"}
{"id":"national","text":"财政部、央行、监察部和审计署已经成立专案组"}
{"id":"title","text":"北海市委常委、政法委书记莫某；市委书记到场"}
{"id":"refused","text":"有关部门和政府已介入，民警赶到，城市委员会举办活动，打破格局"}
{"id":"abroad","text":"韩国国防部确认，德国警方消息称，消防员和警方赶往"}
{"id":"firm","text":"延安城管控股集团董事会秘书；@江宁公安在线"}
{"id":"town","text":"万州区柱山镇党委和颍州区三岔路派出所"}
{"id":"township","text":"桂林市全州县东山乡派出所所长吕某"}
{"id":"tail","text":"张家口崇礼县纪委书记；黔东南州中级人民法院判决；青海西宁城管围殴"}
EOF_IN

test_expect_success 'each form: its name as written, place, department and level (东山乡 is a town of 全州县, not 东山区; 崇礼县 holds no 礼县)' '
	yq-score in.ndjson >out 2>err &&
	test_must_be_empty err &&
	jq -c "[.id, .bodies]" out >got &&
	cat >expect <<-\EOF &&
	["place",[{"name":"泰顺警方","place":"330329","dept":"公安局","level":"county"},{"name":"洛阳市委","place":"410300","dept":"党委","level":"city"}]]
	["inner",[{"name":"越秀警方","place":"440104","dept":"公安局","level":"county"},{"name":"临武城管","place":"431025","dept":"综合行政执法局","level":"county"}]]
	["field",[{"name":"国土房产局","place":"420100","dept":"房产管理局","level":"city"},{"name":"第一中级人民法院","place":"110000","dept":"中级人民法院","level":"province"},{"name":"市住房保障办","place":"420100","dept":"住房保障办","level":"city"}]]
	["level",[{"name":"市公安局","place":"330100","dept":"公安局","level":"city"},{"name":"县委","place":"330110","dept":"党委","level":"county"}]]
	["bare",[{"name":"北京城管","place":"110000","dept":"综合行政执法局","level":"province"}]]
	["local",[{"name":"水务局","place":"330110","dept":"水务局","level":"county"}]]
	["national",[{"name":"财政部","dept":"财政部","level":"national"},{"name":"央行","dept":"中国人民银行","level":"national"},{"name":"监察部","dept":"国家监察委员会","level":"national"},{"name":"审计署","dept":"审计署","level":"national"}]]
	["title",[{"name":"北海市委","place":"450500","dept":"党委","level":"city"}]]
	["refused",[]]
	["abroad",[]]
	["firm",[]]
	["town",[{"name":"柱山镇党委","place":"500101","dept":"党委","level":"town"},{"name":"三岔路派出所","place":"341202","dept":"派出所","level":"town"}]]
	["township",[{"name":"东山乡派出所","place":"450324","dept":"派出所","level":"town"}]]
	["tail",[{"name":"崇礼县纪委","place":"130709","dept":"纪律检查委员会","level":"county"},{"name":"黔东南州中级人民法院","place":"522600","dept":"中级人民法院","level":"city"},{"name":"西宁城管","place":"630100","dept":"综合行政执法局","level":"city"}]]
	EOF
	test_cmp expect got
'

test_expect_success 'a place named only in a body'"'"'s name joins the places, role body' '
	jq -c "select(.id == \"place\" or .id == \"bare\") | .places" out >got &&
	cat >expect <<-\EOF &&
	[{"name":"泰顺县","code":"330329","level":"county","role":"body"},{"name":"洛阳市","code":"410300","level":"city","role":"body"}]
	[{"name":"北京市","code":"110000","level":"province","role":"body"}]
	EOF
	test_cmp expect got
'

test_expect_success 'a bare level with no place of that level in the post: the body, no place' '
	echo "{\"id\":\"x\",\"text\":\"市公安局通报\"}" >x.ndjson &&
	yq-score x.ndjson >out &&
	jq -c .bodies out >got &&
	echo "[{\"name\":\"市公安局\",\"dept\":\"公安局\",\"level\":\"city\"}]" >expect &&
	test_cmp expect got
'

test_expect_success 'a bad line in bodies.txt names file and line' '
	mkdir bad && printf "# organs\n警方 公安局 bare\n" >bad/bodies.txt &&
	test_expect_code 3 env YQ_DATA=bad yq-score in.ndjson >out 2>err &&
	test_must_be_empty out &&
	echo "yq-score: bad/bodies.txt:2: want '"'"'WORD DEPT FRONT LEVEL'"'"' (a new Chinese word; FRONT national, place, bare, field or never; LEVEL - or province, city, county, town, national: national with national) or '"'"'LIST WORD...'"'"' (LIST after, firm, abroad, local, inword, cont or stop)" >expect &&
	test_cmp expect err
'

test_expect_success 'a word twice, a national word with a place level, a word not Chinese: bad lines' '
	printf "警方 公安局 bare -\n警方 公安局 bare -\n" >bad/bodies.txt &&
	test_expect_code 3 env YQ_DATA=bad yq-score in.ndjson >out 2>err &&
	test_grep "bad/bodies.txt:2: want" err &&
	printf "国务院 - national city\n" >bad/bodies.txt &&
	test_expect_code 3 env YQ_DATA=bad yq-score in.ndjson >out 2>err &&
	test_grep "bad/bodies.txt:1: want" err &&
	printf "police - bare -\n" >bad/bodies.txt &&
	test_expect_code 3 env YQ_DATA=bad yq-score in.ndjson >out 2>err &&
	test_grep "bad/bodies.txt:1: want" err
'

test_expect_success 'bodies.txt that cannot be read is an error' '
	mkdir -p unreadable/bodies.txt &&
	test_expect_code 3 env YQ_DATA=unreadable yq-score in.ndjson >out 2>err &&
	test_must_be_empty out &&
	echo "yq-score: unreadable/bodies.txt: read error: Is a directory" >expect &&
	test_cmp expect err
'

test_done
