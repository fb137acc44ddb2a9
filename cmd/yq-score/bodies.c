/*
 * bodies.c: the party and state organs a post names, by a small grammar
 * over its text:
 *
 *	body = [place] [level] [field] organ
 *
 * An organ is a word of dict/bodies.txt (公安局, 警方, 市委, 国务院), with
 * the department it stands for, whether it needs a place or level in
 * front, and the level it implies; a department suffix (局, 办) is an
 * organ whose field names it (武汉市国土房产局).  The place in front
 * (越秀警方) is looked up in the gazetteer through common/gazetteer.h; a bare level
 * (市公安局, 县委) is the post's place of that level, a town's (镇政府) its
 * county.  The body's name is the string
 * of the text, as the readers and the scorers find it there; its place,
 * department and level say which office it is (泰顺警方: 泰顺县, 公安局,
 * county), so yq-deadline can name the owner.
 *
 * Organs are found in one scan with bitmaps of the words' first
 * characters and first pairs (as gazetteer.c finds places), longest word
 * first; the grammar then looks backward from each, so a post that names
 * no organ costs the scan alone.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "datafile.h"
#include "record.h"
#include "score.h"
#include "utf8.h"
#include "yq.h"

enum front { F_NATIONAL, F_PLACE, F_BARE, F_FIELD, F_NEVER };
static const char *const fronts[] = {
	"national", "place", "bare", "field", "never", NULL
};

/* Body levels: the gazetteer's three, then town and national. */
enum { LV_TOWN = GAZ_COUNTY + 1, LV_NATIONAL };
static const char *const lvnames[] = {
	"province", "city", "county", "town", "national", NULL
};

#define MAXBACK 10		/* characters of a place name, looking back */
#define MAXFIELD 6		/* characters of a field before a suffix: 国土房产局 */

struct organ {
	char *word;
	char *dept;
	int front;		/* enum front */
	int level;		/* implied level, or -1: the place's in front */
};

static struct organ *org;
static size_t norg, caporg;
static json_t *byword;		/* word -> index in org */

/* The word lists of bodies.txt, by their directive. */
enum { L_AFTER, L_FIRM, L_ABROAD, L_LOCAL, L_INWORD, L_CONT, L_STOP, NLISTS };
static const char *const listnames[] = {
	"after", "firm", "abroad", "local", "inword", "cont", "stop", NULL
};
static json_t *lists[NLISTS];
static size_t maxword;		/* characters in the longest word */

/*
 * Bitmaps of the words' first characters, of the single-character words
 * and of the words' first two characters hashed: most characters of a
 * post begin no organ word, and most that do are not followed by one that
 * continues it.
 */
#define PAIRBITS 16
static unsigned char first[0x10000 / 8], single[0x10000 / 8];
static unsigned char pairs[(1u << PAIRBITS) / 8];

/* ------------------------------------------------------------ loading */

static int
index_of(const char *const *names, const char *s)
{
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* Organ words are Chinese characters only: the scan reads no others. */
static int
all_cjk(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t c;

	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0 || !utf8_is_cjk(c))
			return 0;
		i += k;
	}
	return n > 0;
}

/* "after WORD...", "notlevel WORD..." ...: a word list. */
static int
add_words(json_t *set, char **f, int nf)
{
	int i;

	for (i = 1; i < nf; i++)
		if (strlen(f[i]) < 16)
			json_object_set_new(set, f[i], json_true());
		else
			return -1;
	return nf > 1 ? 0 : -1;
}

static uint32_t
pair_hash(uint32_t a, uint32_t b)
{
	return ((a * 0x9e3779b1u) ^ (b * 0x85ebca6bu)) >> (32 - PAIRBITS);
}

static int
bit(const unsigned char *map, uint32_t c)
{
	return map[c >> 3] & (1 << (c & 7));
}

/* Index an organ word's first characters in the bitmaps. */
static void
index_word(const char *w)
{
	size_t n = strlen(w), k, chars = utf8_len(w, n);
	uint32_t c, c2, h;

	if ((k = utf8_decode(w, n, &c)) == 0 || c >= 0x10000)
		return;
	first[c >> 3] |= 1 << (c & 7);
	if (chars == 1)
		single[c >> 3] |= 1 << (c & 7);
	else if (utf8_decode(w + k, n - k, &c2) > 0) {
		h = pair_hash(c, c2);
		pairs[h >> 3] |= 1 << (h & 7);
	}
	if (chars > maxword)
		maxword = chars;
}

/* "WORD DEPT FRONT LEVEL"; -1 when the line does not read so. */
static int
add_organ(char **f, int nf)
{
	int front, level;

	if (nf != 4 || !all_cjk(f[0]) || (front = index_of(fronts, f[2])) < 0)
		return -1;
	level = strcmp(f[3], "-") == 0 ? -1 : index_of(lvnames, f[3]);
	if (level == -1 && strcmp(f[3], "-") != 0)
		return -1;
	if ((front == F_NATIONAL) != (level == LV_NATIONAL) ||
	    json_object_get(byword, f[0]) != NULL)
		return -1;
	if (norg == caporg) {
		caporg = caporg ? caporg * 2 : 256;
		org = xrealloc(org, caporg * sizeof *org);
	}
	org[norg].word = xstrdup(f[0]);
	org[norg].dept = strcmp(f[1], "-") == 0 ? xstrdup(f[0]) : xstrdup(f[1]);
	org[norg].front = front;
	org[norg].level = level;
	index_word(f[0]);
	json_object_set_new(byword, f[0], json_integer((json_int_t)norg++));
	return 0;
}

static int
parse_line(char *line)
{
	char *f[64], *save, *hash = strchr(line, '#');
	int nf = 0, k;

	if (hash != NULL)
		*hash = '\0';
	for (f[0] = strtok_r(line, " \t", &save); f[nf] != NULL && nf < 63;)
		f[++nf] = strtok_r(NULL, " \t", &save);
	if (nf == 0)
		return 0;
	if ((k = index_of(listnames, f[0])) >= 0)
		return add_words(lists[k], f, nf);
	return add_organ(f, nf);
}

int
bodies_load(const char *path)
{
	struct datafile *df = df_open(path, 4096, 0);
	char *line;
	size_t len;
	int r, k;

	if (df == NULL) {
		yq_warn("cannot open '%s'", path);
		return -1;
	}
	byword = json_object();
	for (k = 0; k < NLISTS; k++)
		lists[k] = json_object();
	while ((r = df_next(df, &line, &len)) > 0) {
		if (parse_line(line) == 0)
			continue;
		df_bad(df, "want 'WORD DEPT FRONT LEVEL' (a new Chinese word; "
		    "FRONT national, place, bare, field or never; LEVEL - or province,"
		    " city, county, town, national: national with national) or 'LIST "
		    "WORD...' (LIST after, firm, abroad, local, inword, cont or stop)");
		df_close(df);
		return -1;
	}
	return df_close(df) < 0 || r < 0 ? -1 : 0;
}

/* ------------------------------------------------------------ matching */

struct body {
	size_t start, end;		/* the name in the text, bytes */
	const struct organ *o;
	const struct gaz_place *place;	/* named in front, or NULL */
	int level;			/* -1 while unknown */
	int local;			/* 当地: the post's place */
	size_t dstart;			/* a suffix's field: 国土房产局 */
};

/* The byte offset of the character before byte i > 0 of s. */
static size_t
prev_char(const char *s, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80);
	return i;
}

/*
 * Whether the character at byte i ends a word with the one before it
 * (小区, 城市, 举办): then it is no level, and an organ starting there
 * (城市委员会 holds 市委) is no organ.
 */
static int
in_word(const char *s, size_t lo, size_t i)
{
	char buf[16];
	size_t j, k;
	uint32_t c;

	if (i <= lo || (k = utf8_decode(s + i, strnlen(s + i, 4), &c)) == 0)
		return 0;
	j = prev_char(s, i);
	if (i + k - j >= sizeof buf)
		return 0;
	memcpy(buf, s + j, i + k - j);
	buf[i + k - j] = '\0';
	return json_object_get(lists[L_INWORD], buf) != NULL;
}

/* The level a character names before an organ (市: city), or -1. */
static int
level_before(const char *s, size_t lo, size_t end)
{
	static const char *const ch[] = { "省", "市", "州", "县", "区", "镇", "乡", NULL };
	static const int lv[] = { GAZ_PROVINCE, GAZ_CITY, GAZ_CITY, GAZ_COUNTY,
	    GAZ_COUNTY, LV_TOWN, LV_TOWN };
	size_t i;
	int k;

	if (end < lo + 3 || in_word(s, lo, (i = prev_char(s, end))))
		return -1;
	for (k = 0; ch[k] != NULL; k++)
		if (end - i == 3 && memcmp(s + i, ch[k], 3) == 0)
			return lv[k];
	return -1;
}

/*
 * The longest place name of the text that ends at byte end and starts
 * at lo or after; *start gets its first byte.  NULL when there is none.
 */
static const struct gaz_place *
place_before(const char *s, size_t lo, size_t end, json_t *ctx, size_t *start)
{
	size_t off[MAXBACK], n = 0, i = end, all, j, m;
	const struct gaz_place *p;
	uint32_t c;

	while (i > lo && n < MAXBACK) {
		i = prev_char(s, i);
		if (utf8_decode(s + i, end - i, &c) == 0 || !utf8_is_cjk(c))
			break;
		off[n++] = i;
	}
	for (all = n; n >= 2; n--)
		if ((p = gaz_lookup(s + off[n - 1], end - off[n - 1], ctx)) != NULL) {
			/*
			 * Not the tail of a name that begins before it and
			 * ends on a level inside it: 崇礼 + 县 holds 礼县,
			 * 黔东南 + 州 holds 南州; that name, with its level,
			 * is the body's place.  (海西 + 宁 does not hold 西宁.)
			 */
			for (j = n; j < all; j++)
				if ((m = gaz_longest(s + off[j], end - off[j])) >
				    off[n - 1] - off[j] && off[j] + m < end &&
				    level_before(s, lo, off[j] + m + 3) >= 0)
					return NULL;
			*start = off[n - 1];
			return p;
		}
	return NULL;
}

/* Whether s starts with a word of the list. */
static int
word_after(int list, const char *s)
{
	const char *w;
	json_t *v;

	json_object_foreach(lists[list], w, v)
		if (strncmp(s, w, strlen(w)) == 0)
			return 1;
	return 0;
}

/* Whether s[lo..end) ends with a word of the list; *start gets its start. */
static int
word_before(int list, const char *s, size_t lo, size_t end, size_t *start)
{
	const char *w;
	json_t *v;
	size_t k;

	json_object_foreach(lists[list], w, v)
		if ((k = strlen(w)) <= end - lo && memcmp(s + end - k, w, k) == 0) {
			*start = end - k;
			return 1;
		}
	return 0;
}

/*
 * Whether s holds a word of the list anywhere; words of one character
 * (美, 日) only count in front of an organ, they are too common alone.
 */
static int
word_in(int list, const char *s)
{
	const char *w;
	json_t *v;

	json_object_foreach(lists[list], w, v)
		if (utf8_len(w, strlen(w)) > 1 && strstr(s, w) != NULL)
			return 1;
	return 0;
}

/*
 * Whether the organ at byte i is inside a user's name (@江宁公安在线):
 * an @ before it with no break between.
 */
static int
in_handle(const char *s, size_t lo, size_t i)
{
	uint32_t c;
	size_t j;

	while (i > lo) {
		j = prev_char(s, i);
		if (s[j] == '@')
			return 1;
		if (utf8_decode(s + j, i - j, &c) == 0 || !(utf8_is_cjk(c) ||
		    (c < 0x80 && (isalnum(c) || c == '_' || c == '-'))))
			return 0;
		i = j;
	}
	return 0;
}

/* Whether the character at byte i is a stop character (的, 到). */
static int
stop_char(const char *s, size_t i, size_t end)
{
	char buf[8];

	if (end - i >= sizeof buf)
		return 1;
	memcpy(buf, s + i, end - i);
	buf[end - i] = '\0';
	return json_object_get(lists[L_STOP], buf) != NULL;
}

/*
 * A department suffix (局, 办) takes the words before it, back to a place
 * or level, as its field (武汉市国土房产局: 国土房产), two characters or
 * more and no stop character; the body's start moves to the field.  0
 * when no place or level stands within reach.
 */
static int
read_field(const char *s, size_t lo, struct body *b, json_t *ctx)
{
	size_t i = b->start, j, k, st;
	uint32_t c;

	for (k = 1; k <= MAXFIELD && i > lo; k++) {
		j = i;
		i = prev_char(s, i);
		if (utf8_decode(s + i, j - i, &c) == 0 || !utf8_is_cjk(c) ||
		    stop_char(s, i, j))
			return 0;
		if (k >= 2 && (level_before(s, lo, i) >= 0 ||
		    place_before(s, lo, i, ctx, &st) != NULL)) {
			b->start = b->dstart = i;
			return 1;
		}
	}
	return 0;
}

/*
 * A place right before b (泰顺, 洛阳市; the one nearest is the body's:
 * 湖南临武城管 is 临武's), else a level character (市, 县) and perhaps a
 * place before it; the body's start moves back over them.  0 for neither.
 */
static int
place_or_level(const char *s, size_t lo, struct body *b, json_t *ctx)
{
	const struct gaz_place *p;
	size_t st;
	int lv;

	if ((p = place_before(s, lo, b->start, ctx, &st)) == NULL) {
		if ((lv = level_before(s, lo, b->start)) < 0)
			return 0;
		/* Before 乡 or 镇 is a town's own name (东山乡 is not 东山区). */
		if (lv == LV_TOWN) {
			b->level = LV_TOWN;
			return 0;
		}
		b->start = prev_char(s, b->start);
		if (b->level < 0)
			b->level = lv;
		if ((p = place_before(s, lo, b->start, ctx, &st)) == NULL)
			return 1;
	}
	b->place = p;
	b->start = st;
	if (b->level != LV_TOWN)
		b->level = p->level;
	return 1;
}

/*
 * What stands before the organ: a place or level, perhaps past a field
 * (北京市第一中级人民法院; a suffix's must have one), else a word for the
 * post's own place (当地).
 */
static void
read_front(const char *s, size_t lo, struct body *b, json_t *ctx)
{
	size_t st;

	b->place = NULL;
	b->local = 0;
	b->level = b->o->level;
	b->dstart = b->start;
	if (b->o->front == F_NATIONAL ||
	    (b->o->front == F_FIELD && !read_field(s, lo, b, ctx)))
		return;
	if (place_or_level(s, lo, b, ctx))
		return;
	b->start = b->dstart;
	if ((b->o->front == F_PLACE || b->o->level >= 0) && read_field(s, lo, b, ctx)) {
		/* The field is the organ's own name (柱山镇党委, 东山乡派出所). */
		place_or_level(s, lo, b, ctx);
		b->start = b->dstart;
	} else if (b->level == LV_TOWN && level_before(s, lo, b->start) == LV_TOWN)
		b->start = prev_char(s, b->start);
	else if (word_before(L_LOCAL, s, lo, b->start, &st))
		b->local = 1;	/* 当地 points at the place; it is not the name */
}

/*
 * The post's place for a body with no place in front: the first of the
 * body's level (a town's county), or for a bare organ the most local.
 */
static json_t *
post_place(json_t *ctx, size_t nctx, int level)
{
	static const char *const want[] = { "province", "city", "county" };
	int k, from = level == LV_TOWN ? GAZ_COUNTY : level, to = from;
	size_t i;
	json_t *p;

	if (level < 0) {
		from = GAZ_COUNTY;
		to = GAZ_PROVINCE;
	}
	for (k = from; k >= to; k--)
		for (i = 0; i < nctx; i++) {
			p = json_array_get(ctx, i);
			if (rec_str(p, "code") && rec_str(p, "level") &&
			    strcmp(rec_str(p, "level"), want[k]) == 0)
				return p;
		}
	return NULL;
}

/* A place named only in a body's name joins the post's places, role body. */
static void
add_place(json_t *places, const struct gaz_place *p)
{
	size_t i;
	json_t *q;

	json_array_foreach(places, i, q)
		if (rec_str(q, "code") && strcmp(rec_str(q, "code"), p->code) == 0)
			return;
	json_array_append_new(places, json_pack("{s:s, s:s, s:s, s:s}", "name", p->name,
	    "code", p->code, "level", lvnames[p->level], "role", "body"));
}

/*
 * The body as a record: {"name", "place", "dept", "level"}, place and
 * level left out where neither the text nor the post says them; NULL
 * when an organ that needs a place or level has neither.
 */
static json_t *
body_record(const char *s, const struct body *b, json_t *places, size_t nctx)
{
	json_t *r, *pp = NULL;
	const char *code = NULL;
	int level = b->level;

	if (b->place != NULL)
		code = b->place->code;
	else if ((b->o->front == F_PLACE && level < 0 && !b->local) ||
	    (b->o->front == F_FIELD && level < 0))
		return NULL;
	else if (b->o->front != F_NATIONAL && (pp = post_place(places, nctx, level)) != NULL)
		code = rec_str(pp, "code");
	/* A local organ the post gives no place for, in a post set abroad, is abroad. */
	if (code == NULL && b->o->front != F_NATIONAL && word_in(L_ABROAD, s))
		return NULL;
	if (level < 0 && pp != NULL)
		level = index_of(lvnames, rec_str(pp, "level"));
	r = json_object();
	json_object_set_new(r, "name", json_stringn(s + b->start, b->end - b->start));
	if (code != NULL)
		json_object_set_new(r, "place", json_string(code));
	if (b->o->front == F_FIELD)
		json_object_set_new(r, "dept", json_stringn(s + b->dstart, b->end - b->dstart));
	else
		json_object_set_new(r, "dept", json_string(b->o->dept));
	if (level >= 0)
		json_object_set_new(r, "level", json_string(lvnames[level]));
	if (b->place != NULL)
		add_place(places, b->place);
	return r;
}

/* The organ word of n bytes at s, or NULL. */
static const struct organ *
organ_at(const char *s, size_t n)
{
	char buf[64];
	json_t *v;

	if (n >= sizeof buf)
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	v = json_object_get(byword, buf);
	return v ? &org[json_integer_value(v)] : NULL;
}

/*
 * The next organ word at byte i or after, longest first where several
 * start at one place: its organ, with *start and *end; NULL at the end.
 */
static const struct organ *
next_organ(const char *s, size_t n, size_t i, size_t *start, size_t *end)
{
	size_t off[64], m, j, k;
	uint32_t c, c2, h;
	const struct organ *o;

	for (; i < n; i += k ? k : 1) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0 || c >= 0x10000 || !bit(first, c))
			continue;
		off[0] = i;
		off[m = 1] = i + k;
		h = utf8_decode(s + i + k, n - i - k, &c2) ? pair_hash(c, c2) : 0;
		if (off[1] < n && bit(pairs, h))
			for (j = off[1]; j < n && m < maxword && m < 63; m++) {
				if ((k = utf8_decode(s + j, n - j, &c2)) == 0)
					break;
				off[m + 1] = j += k;
			}
		for (k = off[1] - i; m >= 1; m--)
			if ((m > 1 || bit(single, c)) && (o = organ_at(s + i, off[m] - i))) {
				*start = i;
				*end = off[m];
				return o;
			}
	}
	return NULL;
}

/*
 * An organ right after another, with nothing of its own in front
 * (公安局交警支队), is a part of it: the name grows, the department is
 * the part's.
 */
static int
merge(json_t *prev, const char *s, size_t pstart, const struct body *b)
{
	if (prev == NULL || b->o->level >= 0 || b->o->front == F_NATIONAL)
		return 0;
	json_object_set_new(prev, "name", json_stringn(s + pstart, b->end - pstart));
	json_object_set_new(prev, "dept", json_string(b->o->dept));
	return 1;
}

/*
 * Whether the organ at b is no body whatever stands before it: a word
 * for organs in general (有关部门), part of a firm's name (城管控股集团),
 * a user's name (@江宁公安在线), an organ abroad (韩国国防部), 市委 in
 * 城市委员会 or a suffix in another word (举办, 格局).
 */
static int
refused(const char *s, size_t lo, const struct body *b)
{
	size_t st;

	return b->o == NULL || b->o->front == F_NEVER ||
	    word_after(L_FIRM, s + b->end) || in_handle(s, lo, b->start) ||
	    (b->o->front == F_FIELD && word_after(L_CONT, s + b->end)) ||
	    word_before(L_ABROAD, s, lo, b->start, &st) ||
	    ((b->o->level >= 0 || b->o->front == F_FIELD) && in_word(s, lo, b->start));
}

/*
 * Whether the body read is one already found: the same name, or the
 * same department again with no place of its own (城管 ... 城管).
 */
static int
seen(json_t *out, json_t *r, const struct body *b)
{
	size_t i;
	json_t *q;

	json_array_foreach(out, i, q)
		if (json_equal(json_object_get(q, "name"), json_object_get(r, "name")) ||
		    (b->place == NULL && b->o->front != F_NATIONAL &&
		    json_equal(json_object_get(q, "dept"),
		    json_object_get(r, "dept"))))
			return 1;
	return 0;
}

json_t *
bodies_find(const char *text, json_t *places)
{
	json_t *out = json_array(), *prev = NULL, *abroad = json_array();
	size_t n = strlen(text), lo = 0, pstart = 0, nctx = json_array_size(places), st;
	struct body b;

	while (byword != NULL && (b.o = next_organ(text, n, lo, &b.start, &b.end)) != NULL) {
		if (refused(text, lo, &b)) {
			/* 德国警方 ... 警方: the second is German too. */
			if (b.o != NULL && word_before(L_ABROAD, text, lo, b.start, &st))
				json_array_append_new(abroad, json_pack("{s:s}", "dept", b.o->dept));
			prev = NULL;
		}
		else if (prev == NULL || b.start != lo || !merge(prev, text, pstart, &b)) {
			read_front(text, lo, &b, places);
			/*
			 * 市委书记 and 外交部长 are persons; 临武县委副书记
			 * names 临武县委 as well.
			 */
			if (b.place == NULL && word_after(L_AFTER, text + b.end))
				prev = NULL;
			else if ((prev = body_record(text, &b, places, nctx)) != NULL &&
			    (seen(out, prev, &b) || seen(abroad, prev, &b))) {
				json_decref(prev);
				prev = NULL;
			} else if (prev != NULL)
				json_array_append_new(out, prev);
			pstart = b.start;
		}
		lo = b.end;
	}
	json_decref(abroad);
	return out;
}

void
bodies_free(void)
{
	size_t i;

	for (i = 0; i < norg; i++) {
		free(org[i].word);
		free(org[i].dept);
	}
	free(org);
	org = NULL;
	norg = caporg = 0;
	json_decref(byword);
	byword = NULL;
	for (i = 0; i < NLISTS; i++) {
		json_decref(lists[i]);
		lists[i] = NULL;
	}
	memset(first, 0, sizeof first);
	memset(single, 0, sizeof single);
	memset(pairs, 0, sizeof pairs);
	maxword = 0;
}
