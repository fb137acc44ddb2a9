/*
 * Unit tests of common/gazetteer.c over the shipped gazetteer (dict/,
 * found as the tools find it) and the abolished names.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "datapath.h"
#include "gazetteer.h"
#include "tap.h"

static const char *
code_of(const struct gaz_place *p)
{
	return p ? p->code : NULL;
}

/* The municipality is one place; its districts climb straight to it. */
static void
municipalities(void)
{
	char buf[7];

	is_str(code_of(gaz_lookup("北京", strlen("北京"), NULL)), "110000",
	    "北京 is the province-level 110000");
	is_str(code_of(gaz_lookup("北京市", strlen("北京市"), NULL)), "110000",
	    "北京市 too");
	is_str(code_of(gaz_by_code("110100")), "110000", "its city code is an alias");
	is_str(gaz_parent("110105", buf), "110000", "朝阳区 climbs to 110000");
	is_str(gaz_parent("331221", buf), "331200", "a county climbs to its city");
	is_str(gaz_parent("331200", buf), "330000", "a city to its province");
	ok(gaz_parent("330000", buf) == NULL, "a province is the top");
	is_str(gaz_parent("469001", buf), "460000",
	    "a county-level city under the province climbs to it");
	is_str(code_of(gaz_lookup("香港", strlen("香港"), NULL)), "810000", "香港");
}

static void
names(void)
{
	const struct gaz_place *p = gaz_lookup("卢湾区", strlen("卢湾区"), NULL);
	json_t *ctx = json_pack("[{s:s}]", "code", "210000");

	is_str(code_of(p), "310101", "卢湾区 is today's 黄浦区");
	is_str(p ? p->former : NULL, "卢湾区", "and says its old name");
	is_str(p ? p->name : NULL, "黄浦区", "and today's");
	is_str(code_of(gaz_lookup("襄樊", strlen("襄樊"), NULL)), "420600", "襄樊 is 襄阳");
	is_str(code_of(gaz_lookup("西安", strlen("西安"), NULL)), "610100",
	    "西安 is the city, not a district of Jilin or Heilongjiang");
	is_str(code_of(gaz_lookup("朝阳", strlen("朝阳"), ctx)), "211300",
	    "朝阳 beside 辽宁 is Liaoning's city");
	ok(gaz_lookup("远大", strlen("远大"), NULL) == NULL, "no place is 远大");
	ok(gaz_may_begin("杭州", strlen("杭州")), "杭州 may begin a name");
	is_int(gaz_longest("杭州市西湖区", strlen("杭州市西湖区")), strlen("杭州市"),
	    "the longest name at the start");
	json_decref(ctx);
}

int
main(void)
{
	char *csv = yq_datafile("gazetteer.csv"), *former = yq_datafile("places-former.tsv");

	if (csv == NULL || former == NULL || gaz_load(csv) < 0 ||
	    gaz_load_supplement(former) < 0) {
		printf("1..0 # SKIP no gazetteer in the data path\n");
		return 0;
	}
	municipalities();
	names();
	gaz_free();
	free(csv);
	free(former);
	return done();
}
