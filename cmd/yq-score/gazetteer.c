/*
 * gazetteer.c: places named in a post.
 *
 * The gazetteer holds every province, prefecture and county with its
 * code, its full name (杭州市) and its short form (杭州), from the
 * areacity list (dict/gazetteer.csv) and any supplement (--places).  A
 * name shared by several places (朝阳: a district of Beijing, a city of
 * Liaoning) is resolved by the other places of the same post: the one
 * in the same province wins.  A short form of a county is only taken
 * when the post names its province or city (alone, many are ordinary
 * words: 大方, 通道), or when a word for an area of a place follows it
 * (青石化工园区, 北溪开发区: see area_word).
 *
 * The lookups of gazshim.h (gaz_lookup, gaz_by_code, gaz_parent) serve
 * the same data to bodies.c in the shape common/gazetteer.h will have.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "gazshim.h"
#include "record.h"
#include "score.h"
#include "utf8.h"
#include "yq.h"

#define MAXNAME 16		/* characters in a place name */

static const char *const levels[] = { "province", "city", "county" };

static struct gaz_place *pl;
static size_t npl, cappl;
/* name (full or short) -> [place index, is_short] pairs. */
static json_t *names;
/* code -> index of its place in pl. */
static json_t *codes;
/* Places from index nbase on come from a supplement (--places). */
static size_t nbase = (size_t)-1;
static unsigned char first[0x10000 / 8];	/* first characters of names */
/*
 * Names' first two characters, hashed into a bitmap, so that the common
 * case (a character that begins some name, followed by one that does
 * not continue any) costs no lookup of the names.
 */
#define PAIRBITS 20
static unsigned char pairs[(1u << PAIRBITS) / 8];

static uint32_t
pair_hash(uint32_t a, uint32_t b)
{
	return ((a * 0x9e3779b1u) ^ (b * 0x85ebca6bu)) >> (32 - PAIRBITS);
}

static void
index_name(const char *name, size_t idx, int is_short)
{
	json_t *l = json_object_get(names, name);
	uint32_t c, c2, h;
	size_t k;

	if (name == NULL || utf8_len(name, strlen(name)) < 2)
		return;
	if (l == NULL) {
		l = json_array();
		json_object_set_new(names, name, l);
	}
	json_array_append_new(l, json_pack("[i b]", (int)idx, is_short));
	if (is_short && pl[idx].shortname == NULL)
		pl[idx].shortname = xstrdup(name);
	if ((k = utf8_decode(name, strlen(name), &c)) > 0 && c < 0x10000) {
		first[c >> 3] |= 1 << (c & 7);
		if (utf8_decode(name + k, strlen(name + k), &c2) > 0) {
			h = pair_hash(c, c2);
			pairs[h >> 3] |= 1 << (h & 7);
		}
	}
}

/*
 * Full names of districts that are also ordinary words (老城区: the old
 * town of any city); like a short form, they need their city or
 * province named in the same post.
 */
static int
generic_name(const char *full)
{
	static const char *const words[] = {
		"老城区", "新城区", "城区", "郊区", "矿区", "市中区", "城中区",
		"新区", "开发区", "高新区", NULL
	};
	int i;

	for (i = 0; words[i]; i++)
		if (strcmp(full, words[i]) == 0)
			return 1;
	return 0;
}

static size_t
add_place(const char *full, const char *code, int level)
{
	if (npl == cappl) {
		cappl = cappl ? cappl * 2 : 4096;
		pl = xrealloc(pl, cappl * sizeof *pl);
	}
	pl[npl].name = xstrdup(full);
	pl[npl].shortname = NULL;
	snprintf(pl[npl].code, sizeof pl[npl].code, "%.6s", code);
	pl[npl].level = level;
	if (codes == NULL)
		codes = json_object();
	if (json_object_get(codes, pl[npl].code) == NULL)
		json_object_set_new(codes, pl[npl].code, json_integer((json_int_t)npl));
	index_name(full, npl, generic_name(full));
	return npl++;
}

/* ------------------------------------------------------------ loading */

struct row {
	char *f[8];
	int nf;
	int line;
	int bad;
};

static void
field_cb(void *s, size_t len, void *data)
{
	struct row *r = data;

	if (r->nf < 8)
		r->f[r->nf] = xstrndup(s, len);
	r->nf++;
}

/*
 * areacity columns: id, pid, deep (0 province, 1 city, 2 county), short
 * name, pinyin prefix, pinyin, 12-digit code, full name.
 */
static void
row_cb(int c, void *data)
{
	struct row *r = data;
	size_t idx;
	int i, deep;

	(void)c;
	r->line++;
	if (r->nf == 8 && r->line > 1) {
		deep = atoi(r->f[2]);
		/* Filler rows (9-digit ids) and 国外 are not places. */
		if (strlen(r->f[0]) <= 6 && strncmp(r->f[6], "91", 2) != 0 &&
		    deep >= 0 && deep <= 2) {
			idx = add_place(r->f[7], r->f[6], deep);
			if (strcmp(r->f[3], r->f[7]) != 0)
				index_name(r->f[3], idx, 1);
		}
	} else if (r->line > 1 && r->nf > 0)
		r->bad = r->line;
	for (i = 0; i < r->nf && i < 8; i++)
		free(r->f[i]);
	r->nf = 0;
}

int
gaz_load(const char *path)
{
	struct csv_parser p;
	struct row r = { { 0 }, 0, 0, 0 };
	char buf[65536];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL) {
		warn("cannot open gazetteer '%s'", path);
		return -1;
	}
	if (names == NULL)
		names = json_object();
	csv_init(&p, CSV_APPEND_NULL);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (csv_parse(&p, buf, n, field_cb, row_cb, &r) != n)
			break;
	csv_fini(&p, field_cb, row_cb, &r);
	csv_free(&p);
	fclose(fp);
	if (r.bad) {
		warnx("%s:%d: want 8 columns (id,pid,deep,name,...,ext_id,ext_name)",
		    path, r.bad);
		return -1;
	}
	return 0;
}

/* A supplement: "code<TAB>name<TAB>short<TAB>level<TAB>parent" lines. */
int
gaz_load_supplement(const char *path)
{
	struct linereader *lr = lr_open(path, 4096);
	char *line, *f[5], *save;
	size_t len, idx;
	int r, k, level;

	if (lr == NULL) {
		warn("cannot open places '%s'", path);
		return -1;
	}
	if (names == NULL)
		names = json_object();
	if (nbase == (size_t)-1)
		nbase = npl;
	while ((r = lr_next(lr, &line, &len)) != REC_EOF) {
		if (r != REC_OK || len == 0 || line[0] == '#')
			continue;
		for (k = 0, f[0] = strtok_r(line, "\t", &save); f[k] && k < 4;)
			f[++k] = strtok_r(NULL, "\t", &save);
		level = k < 4 ? -1 : strcmp(f[3], "province") == 0 ? GAZ_PROVINCE :
		    strcmp(f[3], "city") == 0 ? GAZ_CITY : GAZ_COUNTY;
		if (k < 4 || strlen(f[0]) != 6 || strspn(f[0], "0123456789") != 6) {
			warnx("%s:%lu: want 'code<TAB>name<TAB>short<TAB>level[<TAB>parent]'"
			    " with a 6-digit code", path, lr_lineno(lr));
			lr_close(lr);
			return -1;
		}
		idx = add_place(f[1], f[0], level);
		if (strcmp(f[2], f[1]) != 0)
			index_name(f[2], idx, 1);
	}
	lr_close(lr);
	return 0;
}

/* ------------------------------------------------------------ matching */

struct hit {
	json_t *cands;		/* [[idx, is_short], ...] */
	size_t start, end;	/* bytes */
	long chosen;
	int area;		/* followed by an area word */
};

/*
 * Words that make the name before them a place: parts of a county's
 * territory.  Two characters or more: a lone 镇 or 乡 after a name is a
 * town of that name, not the county.
 */
static const char *const area_words[] = {
	"化工园区", "工业园区", "工业园", "产业园", "园区", "开发区", "高新区",
	"经开区", "县城", "城区", "境内", "辖区", "一带", NULL
};

static int
area_word(const char *s)
{
	size_t i;

	for (i = 0; area_words[i] != NULL; i++)
		if (strncmp(s, area_words[i], strlen(area_words[i])) == 0)
			return 1;
	return 0;
}

/* The longest name starting at byte i, or NULL; *end gets its end. */
static json_t *
name_at(const char *s, size_t n, size_t i, size_t *end)
{
	size_t off[MAXNAME + 1], k, m = 0, j = i;
	uint32_t c, c0;
	char buf[MAXNAME * 4 + 1];

	k = utf8_decode(s + i, n - i, &c);
	if (k == 0 || c >= 0x10000 || !(first[c >> 3] & (1 << (c & 7))))
		return NULL;
	c0 = c;
	while (j < n && m < MAXNAME) {
		k = utf8_decode(s + j, n - j, &c);
		if (k == 0 || !utf8_is_cjk(c))
			break;
		if (m == 1) {
			uint32_t h = pair_hash(c0, c);

			if (!(pairs[h >> 3] & (1 << (h & 7))))
				return NULL;
		}
		j += k;
		off[++m] = j;
	}
	for (; m >= 2; m--) {
		json_t *l;

		memcpy(buf, s + i, off[m] - i);
		buf[off[m] - i] = '\0';
		if ((l = json_object_get(names, buf)) != NULL) {
			*end = off[m];
			return l;
		}
	}
	return NULL;
}

static int
same_area(const struct gaz_place *a, const struct gaz_place *b)
{
	return strncmp(a->code, b->code, a->level == GAZ_PROVINCE || b->level == GAZ_PROVINCE ?
	    2 : 4) == 0;
}

static long
cand(const struct hit *h, size_t k, int *is_short)
{
	json_t *c = json_array_get(h->cands, k);

	*is_short = json_is_true(json_array_get(c, 1));
	return json_integer_value(json_array_get(c, 0));
}

/*
 * Pick each hit's place.  A name only one place has is taken, but for a
 * county's short form (城东, 北溪), which can be an ordinary word; then
 * the rest are taken when they lie in the province or city of a place
 * already taken.
 */
static void
resolve(struct hit *h, size_t nh)
{
	size_t i, j, k;
	long c;
	int pass, is_short;

	for (i = 0; i < nh; i++) {
		h[i].chosen = -1;
		if (json_array_size(h[i].cands) != 1)
			continue;
		c = cand(&h[i], 0, &is_short);
		if (!is_short || pl[c].level != GAZ_COUNTY || h[i].area)
			h[i].chosen = c;
	}
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < nh; i++) {
			if (h[i].chosen >= 0)
				continue;
			for (k = 0; k < json_array_size(h[i].cands) && h[i].chosen < 0; k++) {
				c = cand(&h[i], k, &is_short);
				for (j = 0; j < nh; j++)
					if (j != i && h[j].chosen >= 0 &&
					    same_area(&pl[c], &pl[h[j].chosen]))
						h[i].chosen = c;
			}
		}
	}
}

static size_t
find_hits(const char *s, struct hit **out)
{
	size_t n = strlen(s), i = 0, end, nh = 0, cap = 0, k;
	struct hit *h = NULL;
	json_t *l;
	uint32_t c;

	while (i < n) {
		uint32_t c2, hp;

		/* Most characters begin no name, or no name with the next. */
		k = utf8_decode(s + i, n - i, &c);
		if (k == 0 || c >= 0x10000 || !(first[c >> 3] & (1 << (c & 7))) ||
		    utf8_decode(s + i + k, n - i - k, &c2) == 0 ||
		    (hp = pair_hash(c, c2), !(pairs[hp >> 3] & (1 << (hp & 7))))) {
			i += k ? k : 1;
			continue;
		}
		if ((l = name_at(s, n, i, &end)) != NULL) {
			if (nh == cap) {
				cap = cap ? cap * 2 : 8;
				h = xrealloc(h, cap * sizeof *h);
			}
			h[nh].cands = l;
			h[nh].start = i;
			h[nh].area = area_word(s + end);
			h[nh++].end = end;
			i = end;
			continue;
		}
		k = utf8_decode(s + i, n - i, &c);
		i += k ? k : 1;
	}
	resolve(h, nh);
	*out = h;
	return nh;
}

json_t *
gaz_places(const char *text)
{
	struct hit *h;
	size_t nh = find_hits(text, &h), i;
	json_t *out = json_array(), *seen = json_object();

	for (i = 0; i < nh; i++) {
		struct gaz_place *p;

		if (h[i].chosen < 0)
			continue;
		p = &pl[h[i].chosen];
		if (json_object_get(seen, p->code) != NULL)
			continue;
		json_object_set_new(seen, p->code, json_true());
		json_array_append_new(out, json_pack("{s:s, s:s, s:s}", "name", p->name,
		    "code", p->code, "level", levels[p->level]));
	}
	free(h);
	json_decref(seen);
	return out;
}

/* ------------------------------------------------------ gazshim.h API */

/* Whether the place p lies in, contains or is a place of the ctx array. */
static int
near_ctx(const struct gaz_place *p, json_t *ctx)
{
	const struct gaz_place *q;
	size_t i;
	json_t *c;

	json_array_foreach(ctx, i, c)
		if ((q = gaz_by_code(rec_str(c, "code"))) != NULL && same_area(p, q))
			return 1;
	return 0;
}

const struct gaz_place *
gaz_lookup(const char *name, size_t len, json_t *ctx)
{
	char buf[MAXNAME * 4 + 1];
	json_t *l, *c;
	size_t i;

	if (names == NULL || len == 0 || len >= sizeof buf)
		return NULL;
	memcpy(buf, name, len);
	buf[len] = '\0';
	if ((l = json_object_get(names, buf)) == NULL)
		return NULL;
	/* Several places of one name: the one near the post's others. */
	json_array_foreach(l, i, c) {
		const struct gaz_place *p = &pl[json_integer_value(json_array_get(c, 0))];

		if (ctx != NULL && near_ctx(p, ctx))
			return p;
	}
	/*
	 * Else one of the supplement, which names the places the office
	 * watches (an ambiguous 城东区 is most likely its own), else the first.
	 */
	json_array_foreach(l, i, c)
		if ((size_t)json_integer_value(json_array_get(c, 0)) >= nbase)
			return &pl[json_integer_value(json_array_get(c, 0))];
	return &pl[json_integer_value(json_array_get(json_array_get(l, 0), 0))];
}

const struct gaz_place *
gaz_by_code(const char *code)
{
	json_t *v;

	if (code == NULL || codes == NULL || (v = json_object_get(codes, code)) == NULL)
		return NULL;
	return &pl[json_integer_value(v)];
}

/*
 * A county's parent is its prefecture (XXYY00) where the gazetteer has
 * one, else its province (the municipalities' districts).
 */
const char *
gaz_parent(const char *code, char buf[7])
{
	const struct gaz_place *p = gaz_by_code(code);

	if (p == NULL || p->level == GAZ_PROVINCE)
		return NULL;
	/* p's code is the gazetteer's: six digits. */
	if (p->level == GAZ_COUNTY) {
		memcpy(buf, p->code, 4);
		memcpy(buf + 4, "00", 3);
		if (gaz_by_code(buf) != NULL)
			return buf;
	}
	memcpy(buf, p->code, 2);
	memcpy(buf + 2, "0000", 5);
	return gaz_by_code(buf) != NULL ? buf : NULL;
}

void
gaz_free(void)
{
	size_t i;

	for (i = 0; i < npl; i++) {
		free((char *)pl[i].name);
		free((char *)pl[i].shortname);
	}
	free(pl);
	pl = NULL;
	npl = cappl = 0;
	json_decref(names);
	names = NULL;
	json_decref(codes);
	codes = NULL;
	nbase = (size_t)-1;
}
