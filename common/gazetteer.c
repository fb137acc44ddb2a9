/*
 * gazetteer.c: the one gazetteer of yq: every province, prefecture and
 * county with its code, full name and short form, from the areacity
 * list (dict/gazetteer.csv), plus supplements (--places, and
 * dict/places-former.tsv for abolished and renamed divisions).
 *
 * A municipality or special region (北京, 香港) is one place at the
 * province level: areacity lists it again as a city of the same name,
 * and a post naming 北京 names one government, not two.  Its city codes
 * (110100, 500100, 500200) are kept as aliases of the province code.
 *
 * Names are looked up in a hash (a jansson object); a bitmap of names'
 * first two characters lets a scanner skip, at the cost of two bit
 * tests, the positions where no name begins.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "record.h"
#include "utf8.h"
#include "yq.h"

#define MAXNAME 16		/* characters in a name */
#define MAXROW 4096		/* bytes in a row of either file */
#define PAIRBITS 20

static struct gaz_place **pl;
static size_t npl, cappl;
static json_t *byname;		/* name -> [idx * 8 + GAZ_N_* bits, ...] */
static json_t *bycode;		/* code -> idx */
static unsigned char pairs[(1u << PAIRBITS) / 8];

static const char *const levels[] = { "province", "city", "county" };

const char *
gaz_level_name(int level)
{
	return level >= GAZ_PROVINCE && level <= GAZ_COUNTY ? levels[level] : "county";
}

static uint32_t
pair_hash(uint32_t a, uint32_t b)
{
	return ((a * 0x9e3779b1u) ^ (b * 0x85ebca6bu)) >> (32 - PAIRBITS);
}

/* The pair bit of the first two characters of s[0..n), or -1. */
static long
pair_of(const char *s, size_t n)
{
	uint32_t c, c2;
	size_t k = utf8_decode(s, n, &c);

	if (k == 0 || utf8_decode(s + k, n - k, &c2) == 0)
		return -1;
	return pair_hash(c, c2);
}

/*
 * Short forms that are ordinary words of running text (来宾 "guests",
 * 东方 "the east", 中山 Sun Yat-sen, 黄山 the mountain): a reader takes
 * them for the place only beside its province or city, or before an
 * area word (来宾市, 东方市境内).
 */
static const char *const ordinary[] = {
	"来宾", "东方", "大方", "通道", "和平", "合作", "公安", "资源", "新华",
	"太和", "永和", "安宁", "江山", "白云", "青山", "长安", "新城", "中山",
	"黄山", "泰山", "普陀", "阿里", "白银", "中卫", "新星", "前锋", "安康",
	"吉利", "江南", "西湖", "平安", "红旗", "解放", "友好", "新兴", "富民",
	"安居", "新民", "复兴", "兴业", "河口", "光明", "长寿", "南岸", "大兴",
	"怀柔", "密云", "金山", "北辰", "滨海", "清河", "城关", "郊区", "矿区",
	"新区", "开发区", "高新区", "老城区", "新城区", "城区", "市中区", "城中区",
	"共和", "温泉", "金沙", "江城", "永安", "龙门", "宝山", "南山", "鼓楼",
	"西山", "东港", "上街", "同仁",
	/* "for example", white sand, a lighthouse, a port, an old town, a
	 * sandy bay, a nickname, England and Germany, a colour, a surname */
	"比如", "白沙", "灯塔", "港口", "古城", "沙湾", "小金", "英德", "正蓝",
	"南宫", NULL
};

/* Characters of directions and parts of a town: 城东, 东区, 河西. */
static const char generic_chars[] = "东西南北中上下前后内外城郊区新老河江";

static int
is_ordinary(const char *name, int is_short)
{
	size_t i, n = strlen(name), k;
	uint32_t c;
	char ch[5];

	for (i = 0; ordinary[i] != NULL; i++)
		if (strcmp(name, ordinary[i]) == 0)
			return 1;
	/* A full name says what it is: 城东区 is a district, 城东 any town's east. */
	if (!is_short)
		return 0;
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(name + i, n - i, &c)) == 0)
			return 0;
		memcpy(ch, name + i, k);
		ch[k] = '\0';
		if (strstr(generic_chars, ch) == NULL)
			return 0;
	}
	return 1;
}

/* A county-level city (瑞安市), by its full name. */
static int
town(const char *full)
{
	size_t n = strlen(full);

	return n > 3 && strcmp(full + n - 3, "市") == 0;
}

/*
 * Whether a name of p needs the place's province or city beside it.
 * A county's short form does (most are ordinary words or shared), but
 * for districts of the municipalities, as well known as prefectures
 * (海淀, 浦东), county-level cities, towns known by their own name
 * (瑞安, 义乌), and short forms of three characters or more, seldom
 * words (台儿庄, 井冈山).
 */
static int
weak_name(const struct gaz_place *p, const char *name, int is_short)
{
	int muni = strncmp(p->code, "11", 2) == 0 || strncmp(p->code, "12", 2) == 0 ||
	    strncmp(p->code, "31", 2) == 0 || strncmp(p->code, "50", 2) == 0;

	if (p->level == GAZ_PROVINCE)
		return 0;
	if (is_ordinary(name, is_short))
		return 1;
	if (!is_short || p->level != GAZ_COUNTY || muni || town(p->name))
		return 0;
	return utf8_len(name, strlen(name)) < 3;
}

static void
index_name(const char *name, size_t idx, int is_short)
{
	json_t *l = json_object_get(byname, name), *v;
	size_t i;
	long h;

	if (*name == '\0' || utf8_len(name, strlen(name)) < 2)
		return;
	if (l == NULL) {
		l = json_array();
		json_object_set_new(byname, name, l);
	}
	/* One name, one entry per division: 铜仁 of 铜仁地区 is 铜仁市's. */
	json_array_foreach(l, i, v)
		if (strcmp(pl[json_integer_value(v) / 8]->code, pl[idx]->code) == 0)
			return;
	json_array_append_new(l, json_integer((json_int_t)idx * 8 | (is_short ?
	    GAZ_N_SHORT : 0) | (weak_name(pl[idx], name, is_short) ? GAZ_N_WEAK : 0) |
	    (pl[idx]->level != GAZ_PROVINCE && is_ordinary(name, is_short) ?
	    GAZ_N_ORDINARY : 0)));
	if ((h = pair_of(name, strlen(name))) >= 0)
		pairs[h >> 3] |= 1 << (h & 7);
}

static size_t
add_place(const char *full, const char *shortname, const char *code, int level,
    const char *former)
{
	struct gaz_place *p = xcalloc(1, sizeof *p);

	if (npl == cappl) {
		cappl = cappl ? cappl * 2 : 4096;
		pl = xrealloc(pl, cappl * sizeof *pl);
	}
	p->name = xstrdup(full);
	p->shortname = xstrdup(*shortname ? shortname : full);
	snprintf(p->code, sizeof p->code, "%.6s", code);
	p->level = level;
	p->former = former ? xstrdup(former) : NULL;
	pl[npl] = p;
	if (former == NULL && json_object_get(bycode, p->code) == NULL)
		json_object_set_new(bycode, p->code, json_integer((json_int_t)npl));
	return npl++;
}

static void
init(void)
{
	if (byname == NULL) {
		byname = json_object();
		bycode = json_object();
	}
}

/* ------------------------------------------------------------ areacity */

struct row {
	char *f[8];
	int nf;
	size_t bytes;
	unsigned long line;
	const char *path;
	const char *bad;	/* why the row is wrong, or NULL */
};

static void
field_cb(void *s, size_t len, void *data)
{
	struct row *r = data;

	if (r->nf < 8)
		r->f[r->nf] = xstrndup(s, len);
	r->nf++;
	r->bytes += len + 1;
}

/* A municipality or special region: a province whose full name says so. */
static int
is_municipality(const struct gaz_place *prov)
{
	size_t n = strlen(prov->name);

	return prov->level == GAZ_PROVINCE && ((n >= 3 &&
	    strcmp(prov->name + n - 3, "市") == 0) || strstr(prov->name, "特别行政区"));
}

/*
 * One areacity row: id, pid, deep (0 province, 1 city, 2 county), short
 * name, pinyin prefix, pinyin, 12-digit code, full name.  Filler rows
 * (9-digit ids repeating a city) and 国外 (code 0) are no places.
 */
static const char *
take_row(struct row *r)
{
	const struct gaz_place *prov;
	char pcode[7];
	json_t *v;
	int deep;

	if (r->nf != 8)
		return "want 8 columns (id,pid,deep,name,pinyin_prefix,pinyin,ext_id,ext_name)";
	if (strspn(r->f[0], "0123456789") != strlen(r->f[0]) || strlen(r->f[2]) != 1 ||
	    r->f[2][0] < '0' || r->f[2][0] > '2')
		return "want a numeric id and a deep of 0, 1 or 2";
	if (strlen(r->f[0]) > 6 || strcmp(r->f[6], "0") == 0)
		return NULL;
	if (strlen(r->f[6]) < 6 || strspn(r->f[6], "0123456789") < 6)
		return "want a code of 6 digits or more in ext_id";
	deep = r->f[2][0] - '0';
	if ((v = json_object_get(bycode, (snprintf(pcode, sizeof pcode, "%.6s",
	    r->f[6]), pcode))) != NULL)
		return NULL;	/* 香港 again as its own city */
	snprintf(pcode, sizeof pcode, "%.2s0000", r->f[6]);
	v = json_object_get(bycode, pcode);
	prov = v ? pl[json_integer_value(v)] : NULL;
	if (deep == GAZ_CITY && prov != NULL && is_municipality(prov)) {
		snprintf(pcode, sizeof pcode, "%.6s", r->f[6]);
		json_object_set_new(bycode, pcode, json_integer(json_integer_value(v)));
		return NULL;
	}
	add_place(r->f[7], r->f[3], r->f[6], deep, NULL);
	index_name(r->f[7], npl - 1, 0);
	if (strcmp(r->f[3], r->f[7]) != 0)
		index_name(r->f[3], npl - 1, 1);
	return NULL;
}

static void
row_cb(int c, void *data)
{
	struct row *r = data;
	int i;

	(void)c;
	r->line++;
	if (r->bad == NULL && r->line > 1) {
		if (r->bytes > MAXROW)
			r->bad = "row over 4096 bytes";
		else
			r->bad = take_row(r);
		if (r->bad != NULL)
			yq_warnx("%s:%lu: %s", r->path, r->line, r->bad);
	}
	for (i = 0; i < r->nf && i < 8; i++)
		free(r->f[i]);
	r->nf = 0;
	r->bytes = 0;
}

int
gaz_load(const char *path)
{
	struct csv_parser p;
	struct row r;
	char buf[65536];
	size_t n;
	int ok = 1;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL) {
		yq_warn("cannot open gazetteer '%s'", path);
		return -1;
	}
	init();
	memset(&r, 0, sizeof r);
	r.path = path;
	csv_init(&p, CSV_APPEND_NULL);
	while (ok && r.bad == NULL && (n = fread(buf, 1, sizeof buf, fp)) > 0)
		ok = csv_parse(&p, buf, n, field_cb, row_cb, &r) == n;
	if (ok && ferror(fp)) {
		yq_warn("cannot read gazetteer '%s'", path);
		r.bad = "";
	}
	csv_fini(&p, field_cb, row_cb, &r);
	csv_free(&p);
	fclose(fp);
	if (!ok && r.bad == NULL)
		yq_warnx("%s:%lu: not CSV (a quote out of place)", path, r.line + 1);
	return ok && r.bad == NULL ? 0 : -1;
}

/* ---------------------------------------------------------- supplement */

static int
level_of(const char *s)
{
	int i;

	for (i = GAZ_PROVINCE; i <= GAZ_COUNTY; i++)
		if (strcmp(s, levels[i]) == 0)
			return i;
	return strcmp(s, "district") == 0 ? GAZ_COUNTY : -1;
}

/*
 * Split line at tabs into at most max fields; returns how many.  A
 * supplement is TSV without quoting: a tab never occurs in a name.
 */
static int
split_tabs(char *line, char **f, int max)
{
	int k = 0;

	f[k++] = line;
	while (k < max && (line = strchr(line, '\t')) != NULL) {
		*line++ = '\0';
		f[k++] = line;
	}
	return k;
}

/* One supplement row; NULL, or why it is wrong. */
static const char *
take_supplement(char *line)
{
	char *f[6];
	json_t *v;
	size_t idx;
	int level, nf = split_tabs(line, f, 6);

	/* A fifth column, the parent's code, is allowed: the code says it. */
	if (nf < 4 || nf > 5 || strlen(f[0]) != 6 ||
	    strspn(f[0], "0123456789") != 6 || *f[1] == '\0' ||
	    (level = level_of(f[3])) < 0)
		return "want 'code<TAB>name<TAB>short<TAB>level[<TAB>parent]' with a "
		    "6-digit code and a level of province, city or county";
	if ((v = json_object_get(bycode, f[0])) == NULL) {
		idx = add_place(f[1], f[2], f[0], level, NULL);
		pl[idx]->local = 1;
		index_name(f[1], idx, 0);
	} else {
		const struct gaz_place *now = pl[json_integer_value(v)];

		if (strcmp(now->name, f[1]) == 0)
			return NULL;
		/* Another name of today's place: 卢湾区 for 黄浦区. */
		idx = add_place(now->name, now->shortname, now->code, now->level, f[1]);
		index_name(f[1], idx, 0);
	}
	if (*f[2] != '\0' && strcmp(f[2], f[1]) != 0)
		index_name(f[2], idx, 1);
	return NULL;
}

int
gaz_load_supplement(const char *path)
{
	struct linereader *lr = lr_open(path, MAXROW);
	const char *bad = NULL;
	char *line;
	size_t len;
	int r;

	if (lr == NULL) {
		yq_warn("cannot open places '%s'", path);
		return -1;
	}
	init();
	while (bad == NULL && (r = lr_next(lr, &line, &len)) != REC_EOF) {
		if (r == REC_OK && len > 0 && line[0] != '#')
			bad = take_supplement(line);
		else if (r != REC_OK)
			bad = lr_error(lr);
	}
	if (bad != NULL)
		yq_warnx("%s:%lu: %s", path, lr_lineno(lr), bad);
	if (lr_close(lr) < 0 && bad == NULL) {
		yq_warnx("%s: read error", path);
		return -1;
	}
	return bad == NULL ? 0 : -1;
}

/* ------------------------------------------------------------ lookups */

size_t
gaz_candidates(const char *name, size_t len, const struct gaz_place **out,
    int *kinds, size_t max)
{
	char buf[MAXNAME * 4 + 1];
	json_t *l, *v;
	size_t i, n = 0;

	if (byname == NULL || len >= sizeof buf)
		return 0;
	memcpy(buf, name, len);
	buf[len] = '\0';
	if ((l = json_object_get(byname, buf)) == NULL)
		return 0;
	json_array_foreach(l, i, v) {
		if (n == max)
			break;
		out[n] = pl[json_integer_value(v) / 8];
		kinds[n++] = json_integer_value(v) & 7;
	}
	return n;
}

int
gaz_may_begin(const char *s, size_t n)
{
	long h = pair_of(s, n);

	return h >= 0 && (pairs[h >> 3] & (1 << (h & 7)));
}

size_t
gaz_longest(const char *s, size_t n)
{
	size_t off[MAXNAME + 1], k, m = 0, j = 0;
	uint32_t c;
	long h = pair_of(s, n);

	if (h < 0 || !(pairs[h >> 3] & (1 << (h & 7))))
		return 0;
	while (j < n && m < MAXNAME) {
		k = utf8_decode(s + j, n - j, &c);
		if (k == 0 || !utf8_is_cjk(c))
			break;
		j += k;
		off[++m] = j;
	}
	for (; m >= 2; m--) {
		char buf[MAXNAME * 4 + 1];

		memcpy(buf, s, off[m]);
		buf[off[m]] = '\0';
		if (json_object_get(byname, buf) != NULL)
			return off[m];
	}
	return 0;
}

int
gaz_same_area(const struct gaz_place *a, const struct gaz_place *b)
{
	return strncmp(a->code, b->code, a->level == GAZ_PROVINCE ||
	    b->level == GAZ_PROVINCE ? 2 : 4) == 0;
}

/* Whether p lies in the area of a place of ctx (yq-score's "places"). */
static int
in_context(const struct gaz_place *p, json_t *ctx)
{
	const struct gaz_place *q;
	json_t *v;
	size_t i;

	json_array_foreach(ctx, i, v)
		if ((q = gaz_by_code(json_string_value(json_object_get(v, "code")))) != NULL &&
		    strcmp(q->code, p->code) != 0 && gaz_same_area(p, q))
			return 1;
	return 0;
}

const struct gaz_place *
gaz_lookup(const char *name, size_t len, json_t *ctx)
{
	const struct gaz_place *c[32], *best = NULL;
	int kinds[32], w, bw = 0;
	size_t n = gaz_candidates(name, len, c, kinds, 32), i;

	if (n == 1)
		return c[0];
	for (i = 0; i < n; i++)
		if (ctx != NULL && in_context(c[i], ctx))
			return c[i];
	/* Without context: the office's own, the strongest reading, the highest level. */
	for (i = 0; i < n; i++)
		if (c[i]->local)
			return c[i];
	for (i = 0; i < n; i++) {
		w = kinds[i] & GAZ_N_WEAK;
		if (best == NULL || w < bw || (w == bw && c[i]->level < best->level)) {
			best = c[i];
			bw = w;
		}
	}
	return best;
}

const struct gaz_place *
gaz_by_code(const char *code)
{
	json_t *v;

	if (bycode == NULL || code == NULL || (v = json_object_get(bycode, code)) == NULL)
		return NULL;
	return pl[json_integer_value(v)];
}

/*
 * By the code's pattern: a county's parent is its prefecture (XXYY00),
 * but the province where the prefecture code is a municipality's city
 * code (110100 -> 110000) or where the gazetteer knows the county and
 * no such prefecture (the counties a province governs directly, 469001).
 * A code the gazetteer does not know climbs by the pattern alone.
 */
const char *
gaz_parent(const char *code, char buf[7])
{
	const struct gaz_place *p;

	if (code == NULL || strlen(code) != 6 || strspn(code, "0123456789") != 6 ||
	    strcmp(code + 2, "0000") == 0)
		return NULL;
	if (strcmp(code + 4, "00") != 0) {
		snprintf(buf, 7, "%.4s00", code);
		if ((p = gaz_by_code(buf)) != NULL)
			memcpy(buf, p->code, 7);
		if (p != NULL || gaz_by_code(code) == NULL)
			return buf;
	}
	snprintf(buf, 7, "%.2s0000", code);
	return buf;
}

void
gaz_free(void)
{
	size_t i;

	for (i = 0; i < npl; i++) {
		free((char *)pl[i]->name);
		free((char *)pl[i]->shortname);
		free((char *)pl[i]->former);
		free(pl[i]);
	}
	free(pl);
	pl = NULL;
	npl = cappl = 0;
	json_decref(byname);
	json_decref(bycode);
	byname = bycode = NULL;
	memset(pairs, 0, sizeof pairs);
}
